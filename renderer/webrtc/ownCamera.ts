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

/** What a camera switch needs of the local media (renderer/webrtc/localMedia.ts). */
export interface SwitchableCamera {
  setCameraOff(off: boolean): Promise<void>;
  state(): { video: MediaStreamTrack | null; cameraOff: boolean };
}

/**
 * The owner taps camera off or on. Off: the room is told first, so the others' tiles say "camera
 * off" rather than show the last frame frozen. On: told only once a camera is really back — it may
 * fail to open (unplugged, busy), and until it opens the last frame would show as live peer to
 * peer. An "off" tapped while it opened wins: nothing is told.
 */
export async function switchCamera(media: SwitchableCamera | null | undefined, tellRoom: (off: boolean) => void, off: boolean): Promise<void> {
  if (off) tellRoom(true);
  await media?.setCameraOff(off);
  const now = media?.state();
  if (!off && now && !now.cameraOff && now.video) tellRoom(false);
}
