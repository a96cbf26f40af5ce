import type { CallRoom, CallSignal } from '../../shared/call.js';
import type { MediaState } from '../../shared/rooms/mediaStall.js';
import type { CallStats, RoomMedia } from './roomLinks.js';

// A call screen's media link (the kiosk's call screen, the mediator desk, the join page): RoomLinks
// (roomLinks.ts, peer to peer) or SfuLink (sfuLink.ts, on the hub's SFU), picked by what the hub
// says of the room; and what the screen shows end-to-end tests of the SFU link.

/** What RoomLinks and SfuLink both offer a call screen. */
export interface CallMediaLink {
  setRoom(room: CallRoom): void;
  receive(signal: CallSignal): void;
  setLocalTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void>;
  /** Our camera turned off or on by its owner (shared/rooms/cameraState.ts): the room is told. */
  setCameraOff(off: boolean): void;
  media(): RoomMedia;
  stats(): Promise<CallStats>;
  close(): void;
}

declare global {
  interface Window {
    /** Video frames decoded per remote participant on the SFU (null: not on the SFU), for end-to-end tests. */
    callDecodedByPeer?: () => Promise<Record<string, number> | null>;
    /** What the stall rule says of each remote participant's media on the SFU (null: not on the SFU), for end-to-end tests. */
    callMediaByPeer?: () => Record<string, MediaState> | null;
  }
}
