import { can, staffRoles, type staffAbilities, type StaffRole } from '../staff/roles.js';
import type { RoomRole } from './roleTable.js';

// Which staff accounts work at the mediator desk (take calls, hold rooms), and the role each holds
// in a room. Who works there is the `answerCalls` ability (shared/staff/roles.ts), nothing else: the
// desk's sign-in, its HTTP routes, its socket and the route table all read it through here. A
// mediator mediates; a judge can also open the room as a hearing (shared/rooms/hearing.ts); a judge's
// assistant (法官助理), who runs the court's pre-litigation mediation and answers residents' calls
// in 诉讼服务, conducts the call as its mediator.

type CallAnsweringRole = (typeof staffAbilities.answerCalls)[number];

/** The room role of each role that answers calls: the compiler holds it to the ability's list. */
const deskRoomRoles: Readonly<Record<CallAnsweringRole, RoomRole>> = { mediator: 'mediator', judge: 'judge', judge_assistant: 'mediator' };

const isStaffRole = (role: string): role is StaffRole => (staffRoles as readonly string[]).includes(role);

/** The room role of a staff account at the desk, or null if the account does not work there (its role may not answer calls). */
export function deskRoomRole(staffRole: string): RoomRole | null {
  if (!isStaffRole(staffRole) || !can(staffRole, 'answerCalls')) return null;
  return deskRoomRoles[staffRole as CallAnsweringRole];
}
