import type { CallRoom } from '../../shared/call.js';
import { cameraToTell } from '../../shared/rooms/cameraState.js';

// Our own camera off or on as the room should know it (shared/rooms/cameraState.ts), on the SFU
// and peer to peer alike: told to the hub when the resident or mediator taps, and again whenever
// a room frame shows the hub has something else (a word lost on a dropped socket, a join with the
// camera already off). The hub ignores a word that changes nothing, so saying it twice is harmless.

export class OwnCamera {
  private room: Pick<CallRoom, 'selfCameraOff'> | null = null;

  /** `tell` sends `room.camera` (absent: this page never turns its camera off). */
  constructor(
    private readonly tell: ((off: boolean) => void) | undefined,
    private off = false,
  ) {}

  /** The camera was turned off (true) or on by its owner. */
  set(off: boolean): void {
    this.off = off;
    this.sync();
  }

  /** The room as the hub sent it last. */
  setRoom(room: Pick<CallRoom, 'selfCameraOff'>): void {
    this.room = room;
    this.sync();
  }

  private sync(): void {
    const word = cameraToTell(this.off, this.room);
    if (word !== null) this.tell?.(word);
  }
}
