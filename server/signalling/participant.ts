import { randomBytes } from 'node:crypto';
import type { IceConfig, ParticipantRole } from '../../shared/call.js';
import { roomRoleOf } from '../../shared/rooms/roleTable.js';
import type { Presence } from '../../shared/rooms/roomRules.js';
import type { HeldFrames, RoomOutbound } from './heldFrames.js';

// A room's participant (server/signalling/rooms.ts): who they are, the socket they are reached
// through now, their place in the room, and what is held for them while that socket is away.

/** What the room needs of a socket: send one frame. */
export interface ParticipantLink {
  send(frame: RoomOutbound): void;
}

export interface Participant {
  readonly peerId: string;
  readonly role: ParticipantRole;
  /** terminalId or staff username: one participant per identity per room. */
  readonly identity: string;
  readonly displayName: string | undefined;
  /** Let in by a code alone: nothing to check the party's identity against (the desk is told). */
  readonly unverified?: boolean;
  /** A terminal that joined by code as a confirmed party: its place among the case's parties of its role. */
  readonly partyIndex?: number;
  readonly ice: IceConfig;
  link: ParticipantLink | null;
  /** Let in from the waiting room (staff and a kiosk call's resident enter directly). */
  admitted: boolean;
  /** Muted by the staff. */
  muted: boolean;
  /** Their own camera is off, as they told the room (shared/rooms/cameraState.ts). */
  cameraOff: boolean;
  /** Frames held while `link` is null. */
  readonly held: HeldFrames;
}

export const newPeerId = (): string => randomBytes(12).toString('base64url');

/** The participant as the room rules (shared/rooms/roomRules.ts) see them. */
export const presence = (p: Participant): Presence => ({ peerId: p.peerId, role: roomRoleOf(p.role), admitted: p.admitted });
