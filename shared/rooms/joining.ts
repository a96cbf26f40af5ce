import { z } from 'zod';
import { CallId, CallState, ParticipantRole } from '../call.js';
import { HUB_API } from '../hubProtocol.js';
import { Language } from '../intake.js';
import { RoomRole } from './roleTable.js';

// Bringing a party into a room without an account: the mediator invites (a role, for the call
// they are in) and gets a short one-time code and a link; the party opens the join page (or enters
// the code at their own terminal), types the code, their name and the last 4 characters of their
// ID number, which the hub checks against the case's sealed party record. A code works once and
// expires; wrong tries are limited. The answer is a pass for the room's socket, nothing more.

export const roomPaths = {
  invitations: `${HUB_API}/rooms/invitations`,
  join: `${HUB_API}/rooms/join`,
  /** The join page a phone or PC opens (served with the mediator console's build). */
  joinPage: '/join',
} as const;

/** Six digits: typed on a kiosk's keypad or a phone by an elderly party. */
export const JOIN_CODE_DIGITS = 6;
export const JoinCode = z.string().regex(/^[0-9]{6}$/);
/** How long a code can be used: long enough to phone the party and read it out. */
export const JOIN_CODE_TTL_MS = 15 * 60_000;
/** Tries per client address, and per code, within a minute; then 429 with Retry-After. */
export const JOIN_TRIES_PER_MINUTE = 10;
export const JOIN_TRIES_PER_CODE = 5;

/**
 * Roles a mediator may invite into their room (the court's own staff come in from their desks; a
 * hearing's clerk, who keeps the record, comes in by the judge's invitation from any browser).
 */
export const invitableRoles = ['applicant', 'respondent', 'agent', 'interpreter', 'observer', 'mediator', 'clerk'] as const;
export const InvitableRole = z.enum(invitableRoles);

/** Roles whose identity the hub checks against the case's party record. */
export const checkedRoles: readonly RoomRole[] = ['applicant', 'respondent', 'agent'];

/** The join page with an invitation filled in: its random id only, never who is invited. */
export const inviteLink = (inviteId: string): string => `${roomPaths.joinPage}?invite=${encodeURIComponent(inviteId)}`;

export const InvitationRequest = z.strictObject({ callId: CallId, role: InvitableRole });
export type InvitationRequest = z.infer<typeof InvitationRequest>;

export const Invitation = z.strictObject({
  inviteId: z.string(),
  code: JoinCode,
  /** The join page with the invitation filled in; the code is given separately (read out, or shown). */
  link: z.string(),
  role: InvitableRole,
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof Invitation>;

/** The name a party gives with a code (checked against the case's party of the invitation's role). */
export const PartyName = z.string().trim().min(1).max(100);
/** The last 4 characters of a mainland ID number: digits, the last may be X. */
export const IdLast4 = z
  .string()
  .trim()
  .regex(/^[0-9]{3}[0-9Xx]$/);

export const JoinRequest = z.strictObject({
  code: z.string().trim().pipe(JoinCode),
  /** From the link, when the party came by it (then it must match the code's invitation). */
  invite: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/)
    .optional(),
  name: PartyName,
  idLast4: IdLast4,
});
export type JoinRequest = z.infer<typeof JoinRequest>;

export const JoinAnswer = z.strictObject({ pass: z.string(), callId: CallId, role: ParticipantRole });
export type JoinAnswer = z.infer<typeof JoinAnswer>;

/**
 * A party at another kiosk or counter terminal (their own village's) types the code on its keypad,
 * then their name and the last 4 of their ID number, checked by the join page's rule. Where the
 * case holds no ID number for the invitation's role, the enrolled terminal gets in by the code
 * alone and the desk is told the identity was not checked (the mediator sees them before admitting).
 */
export const TerminalJoinRequest = z.strictObject({ code: z.string().trim().pipe(JoinCode), name: PartyName, idLast4: IdLast4, language: Language });
export type TerminalJoinRequest = z.infer<typeof TerminalJoinRequest>;

/**
 * Why a terminal's code was not taken: wrong, used or expired (one answer, no oracle), the name or
 * ID ending does not match the case, too many tries (wait), or the code locked by wrong names or
 * ID endings (the join page's CODE_LOCKED: waiting will not help, a new code from the mediator will).
 */
export const terminalJoinRefusals = ['badCode', 'badIdentity', 'tooMany', 'codeLocked'] as const;
export type TerminalJoinRefusal = (typeof terminalJoinRefusals)[number];
export const TerminalJoinAnswer = z.discriminatedUnion('joined', [
  z.strictObject({ joined: z.literal(true), state: CallState }),
  /** `retryAfterS` with tooMany, when the hub said: whole seconds until a try is taken again. */
  z.strictObject({ joined: z.literal(false), reason: z.enum(terminalJoinRefusals), retryAfterS: z.int().positive().optional() }),
]);
export type TerminalJoinAnswer = z.infer<typeof TerminalJoinAnswer>;

/** The identity rule: same name (spaces ignored), and the ID number ends with the 4 characters given. */
export function matchesParty(party: { name: string; idNumber: string | null }, name: string, idLast4: string): boolean {
  const plain = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  if (!party.idNumber || plain(party.name) !== plain(name)) return false;
  return party.idNumber.toUpperCase().endsWith(idLast4.toUpperCase());
}
