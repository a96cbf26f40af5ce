import { MEDIA_INTERRUPTION_LOGGED_MS, type RoomMediaFrame } from '../../shared/rooms/mediaState.js';
import type { RoomCameraFrame } from '../../shared/rooms/cameraState.js';
import type { DeskState } from './deskState.js';
import type { Call } from './deskViews.js';

// Media state in a room (shared/rooms/mediaState.ts): each page's report goes to its room, which
// tells the staff whose media is interrupted; an interruption that outlasts
// MEDIA_INTERRUPTION_LOGGED_MS is written once on the case (its reason is stated there). Reports
// are rate-limited by the socket's own frame limits and by the pages (on change, ≤ 1 a second).

/** A participant's report, by the identity its socket was authenticated as. */
export function roomMedia(call: Call, identity: string, frame: RoomMediaFrame): void {
  call.room?.mediaReport(identity, frame.peers);
}

/** A participant's own camera off or on (shared/rooms/cameraState.ts), by the identity its socket was authenticated as. */
export function roomCamera(call: Call, identity: string, frame: RoomCameraFrame): void {
  call.room?.camera(identity, frame.off);
}

/** Arms the room's interruption watch: one timer per interrupted participant, cleared when their media flows again or they leave. */
export function watchMediaInterruptions(d: DeskState, call: Call): void {
  const room = call.room;
  if (!room) return;
  room.onMediaInterrupted = (peerId, p, interrupted) => {
    const key = `media:${peerId}`;
    if (!interrupted || !p) return d.clearTimer(call, key);
    const who = { identity: p.identity, role: p.role };
    const ms = d.o.mediaInterruptionLoggedMs ?? MEDIA_INTERRUPTION_LOGGED_MS;
    d.startTimer(call, key, ms, () => d.write(async () => d.o.roomLog?.mediaInterrupted(d.sceneOf(call), who, ms)));
  };
}
