import type { RoomRole } from './roleTable.js';

// Which staff accounts work at the mediator desk (take calls, hold rooms), and the role each holds
// in a room: a mediator mediates; a judge can also open the room as a hearing (shared/rooms/hearing.ts).
// Read by the desk's sign-in, its socket and the room.

const deskRoomRoles: Readonly<Record<string, RoomRole>> = { mediator: 'mediator', judge: 'judge' };

/** The room role of a staff account at the desk, or null if the account does not work there. */
export function deskRoomRole(staffRole: string): RoomRole | null {
  return Object.hasOwn(deskRoomRoles, staffRole) ? deskRoomRoles[staffRole]! : null;
}
