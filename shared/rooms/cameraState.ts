import { z } from 'zod';
import { CallId, type CallRoom } from '../call.js';

// A participant's own camera, off or on by their choice, as the room knows it. Media alone cannot
// say it: a party who joins with the camera already off has no video to pause (on the SFU, no
// producer), and peer to peer a camera turned off sends nothing from an open track, which looks
// like a frozen picture. So the owner tells the hub (`room.camera`), the hub keeps it on their
// place in the room and tells the others (RoomPeer.cameraOff) and the owner (CallRoom.selfCameraOff);
// every tile reads it through one rule (shared/rooms/mediaStall.ts `tilePicture`).

/** The owner's camera state, told to the hub on change and whenever the hub's differs; no answer. */
export const RoomCameraFrame = z.strictObject({ t: z.literal('room.camera'), callId: CallId, off: z.boolean() });
export type RoomCameraFrame = z.infer<typeof RoomCameraFrame>;
/** The kiosk renderer's word to its agent (contract `call.camera`), passed on as `room.camera`. */
export const CallCamera = z.strictObject({ callId: CallId, off: z.boolean() });
export type CallCamera = z.infer<typeof CallCamera>;

/**
 * What to tell the hub of our camera, given what we want (`off`) and the room it last sent us:
 * nothing (null) when it already says so. Read at every room frame, so a word lost on a dropped
 * socket is said again when the room comes back, and a rejoin (which keeps the state) costs nothing.
 */
export function cameraToTell(off: boolean, room: Pick<CallRoom, 'selfCameraOff'> | null): boolean | null {
  if (!room || (room.selfCameraOff === true) === off) return null;
  return off;
}
