import { z } from 'zod';
import { Invitation, InvitableRole } from '../rooms/joining.js';
import { mayAppend, type StaffRole } from '../staff/roles.js';

// What a mediator about to hold a session needs beside the case (issue 10): the terminal the party
// filed at and whether it is online now (its health by the fleet's one rule, fleetTile), the
// case's answered calls to name when recording a session held, and an invitation (meeting code and
// join-page link) into the case's open call. No personal data: terminals, staff names and roles.

/** The terminal a kiosk case was filed at, as the terminal list judges it. */
export const FilingTerminal = z.object({
  terminalId: z.string(),
  name: z.string(),
  siteName: z.string().nullable(),
  health: z.enum(['online', 'degraded', 'offline', 'never_seen']),
  /** Its last heartbeat (an instant; pages show it in court time); null before one. */
  receivedAt: z.string().nullable(),
});
export type FilingTerminal = z.infer<typeof FilingTerminal>;

/** One answered call about the case: the session-held form's pick list. */
export const CaseCall = z.object({
  callId: z.string(),
  answeredAt: z.string(),
  /** Null while it is still going on. */
  endedAt: z.string().nullable(),
  seconds: z.int().nullable(),
  mediator: z.string().nullable(),
  mediatorName: z.string().nullable(),
  terminalId: z.string(),
  terminalName: z.string().nullable(),
  /** Who else came into its room, by role (the case's room events): a respondent by the join page, an interpreter… */
  joinedRoles: z.array(z.string()),
});
export type CaseCall = z.infer<typeof CaseCall>;

export const CaseCallDesk = z.object({
  terminal: FilingTerminal.nullable(),
  /** Newest first. */
  calls: z.array(CaseCall),
  /** The call the caller is in now about this case (answered by them, not ended): invitations go into it. */
  openCallId: z.string().nullable(),
});
export type CaseCallDesk = z.infer<typeof CaseCallDesk>;

export const CaseInvitationRequest = z.strictObject({ role: InvitableRole });
export type CaseInvitationRequest = z.infer<typeof CaseInvitationRequest>;
export const CaseInvitation = Invitation.extend({ callId: z.string() });
export type CaseInvitation = z.infer<typeof CaseInvitation>;

/** Who may invite a party into a case's call: those who open its rooms (shared/staff/roles.ts). */
export const mayInviteToSession = (role: StaffRole): boolean => mayAppend(role, 'room.opened');
