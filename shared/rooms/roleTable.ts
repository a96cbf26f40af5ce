import { z } from 'zod';
import { roomRoles } from '../cases/caseEvents.js';

// Who may do what in a room: ONE table, read by the hub (it refuses and audits what a role may
// not do), the mediator desk (it shows only the buttons a role may press) and the tests. A call
// from before rooms had roles carries 'resident' (a kiosk's party, treated as the applicant) or
// 'mediator'; both map onto the table, so old callers keep working.

export { roomRoles };
export const RoomRole = z.enum(roomRoles);
export type RoomRole = z.infer<typeof RoomRole>;

export const roomActions = ['invite', 'admit', 'mute_others', 'remove', 'caucus', 'see_case_file', 'start_recording', 'share_reference', 'hold_hearing', 'keep_record'] as const;
export const RoomAction = z.enum(roomActions);
export type RoomAction = z.infer<typeof RoomAction>;

/** The court's staff run the room; parties and their helpers take part in it. */
export const roleTable: Record<RoomRole, readonly RoomAction[]> = {
  // Only a judge holds a hearing (在线庭审: open, floor, close); the judge or the clerk keeps its record (笔录).
  judge: ['invite', 'admit', 'mute_others', 'remove', 'caucus', 'see_case_file', 'start_recording', 'share_reference', 'hold_hearing', 'keep_record'],
  mediator: ['invite', 'admit', 'mute_others', 'remove', 'caucus', 'see_case_file', 'start_recording', 'share_reference'],
  // Steps in to guide: may quiet the room, see the file and show a reference case, but the mediator keeps the door.
  guiding_judge: ['mute_others', 'see_case_file', 'share_reference'],
  clerk: ['admit', 'see_case_file', 'start_recording', 'keep_record'],
  applicant: [],
  respondent: [],
  agent: [],
  interpreter: [],
  observer: [],
};

export function may(role: RoomRole, action: RoomAction): boolean {
  return roleTable[role].includes(action);
}

/** Roles that stay with the mediator in a caucus (背靠背): the parties are the ones kept apart. */
export const partyRoles: readonly RoomRole[] = ['applicant', 'respondent', 'agent'];
export const isParty = (role: RoomRole): boolean => partyRoles.includes(role);

/** Roles let straight in: staff of the court. Everyone else waits until someone who may admit does. */
export function entersDirectly(role: RoomRole): boolean {
  return role === 'judge' || role === 'mediator' || role === 'guiding_judge' || role === 'clerk';
}

/** The role a participant holds in the table; 'resident' (a kiosk call's caller) is the applicant. */
export function roomRoleOf(role: RoomRole | 'resident'): RoomRole {
  return role === 'resident' ? 'applicant' : role;
}

export const roomRoleLabels: Record<RoomRole | 'resident', { zh: string; en: string }> = {
  judge: { zh: '法官', en: 'Judge' },
  mediator: { zh: '调解员', en: 'Mediator' },
  guiding_judge: { zh: '指导法官', en: 'Guiding judge' },
  applicant: { zh: '申请人', en: 'Applicant' },
  respondent: { zh: '被申请人', en: 'Respondent' },
  agent: { zh: '代理人', en: 'Agent' },
  interpreter: { zh: '翻译', en: 'Interpreter' },
  clerk: { zh: '书记员', en: 'Clerk' },
  observer: { zh: '旁听', en: 'Observer' },
  resident: { zh: '申请人', en: 'Applicant' },
};
