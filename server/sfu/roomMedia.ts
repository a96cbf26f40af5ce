import type { RoomRole } from '../../shared/rooms/roleTable.js';
import type { SfuOutbound, SfuReplyFrame, SfuRequest } from '../../shared/sfu.js';
import type { RoomMedia } from '../signalling/rooms.js';
import type { Sfu } from './sfu.js';
import { SfuRefusal, type SfuRoom } from './sfuRoom.js';

// What a room (server/signalling/rooms.ts) sees of the SFU: it tells who joined, left or is
// concealed from whom, and passes each participant's `sfu.*` steps on. The router is created in
// the background when the room opens; calls made meanwhile run once it exists, in the order made.

export class SfuRoomMedia implements RoomMedia {
  private readonly delivers = new Map<string, (frame: SfuOutbound) => void>();
  private readonly room: Promise<SfuRoom | null>;

  constructor(
    private readonly sfu: Sfu,
    private readonly callId: string,
  ) {
    this.room = sfu.room(callId, { deliver: (peerId, frame) => this.delivers.get(peerId)?.(frame) }).catch(() => null);
  }

  joined(peerId: string, deliver: (frame: SfuOutbound) => void, role?: RoomRole): void {
    this.delivers.set(peerId, deliver);
    void this.room.then((r) => r?.joined(peerId, role ?? null));
  }

  left(peerId: string): void {
    this.delivers.delete(peerId);
    void this.room.then((r) => r?.left(peerId));
  }

  conceal(viewer: string, owner: string, hidden: boolean): void {
    void this.room.then((r) => r?.conceal(viewer, owner, hidden));
  }

  silence(peerId: string, silenced: boolean): void {
    void this.room.then((r) => r?.silence(peerId, silenced));
  }

  async request(peerId: string, frame: SfuRequest): Promise<SfuReplyFrame> {
    const room = await this.room;
    if (!room) throw new SfuRefusal('UNAVAILABLE', 'The media server is not available; rejoin the call');
    return room.request(peerId, frame);
  }

  close(): void {
    this.delivers.clear();
    void this.room.then(() => this.sfu.closeRoom(this.callId));
  }
}
