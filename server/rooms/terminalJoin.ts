import { JOIN_TRIES_PER_CODE, JOIN_TRIES_PER_MINUTE } from '../../shared/rooms/joining.js';
import type { RoomRole } from '../../shared/rooms/roleTable.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import type { AttemptStore } from '../rateLimit/attemptStore.js';
import type { GuestPass } from '../signalling/guestPass.js';
import { CODE_LOCKED_MESSAGE, codeLimitAnswer, lockedByWrongAnswers } from './codeLock.js';
import { codeHash, type InvitationStore } from './invitationStore.js';
import type { PartyIdentity } from './partyIdentity.js';

// A party at their own village's kiosk or counter terminal types the mediator's code on its keypad
// and the party's name + ID ending (shared/rooms/joining.ts, TerminalJoinRequest). The enrolled
// terminal is who asks; the identity is checked by the join page's one check (./partyIdentity.ts),
// except that where the case holds no ID number for the role the code alone lets the terminal in,
// marked unverified for the desk (the mediator sees the party before admitting). Tries share the
// join page's limits: per source (here the terminal) and per code, so the terminal path is no
// cheaper a way to guess codes.

/**
 * The join page's and the terminals' attempt limits, one pair for the whole hub: counted in the
 * database (attempt_windows, the rate-limit windows check-my-case and enrollment use), so tries
 * spread over instances behind the proxy count against one bound.
 */
export interface JoinLimits {
  /** One try from a client address or terminal: 0 if it may go ahead, else the seconds to wait. */
  source(key: string): Promise<number>;
  /** One try of a code, from anywhere: the same. */
  code(code: string): Promise<number>;
}

export function joinLimits(attempts: AttemptStore): JoinLimits {
  const bySource = attempts.counter('join.source', { max: JOIN_TRIES_PER_MINUTE, windowMs: 60_000 });
  const byCode = attempts.counter('join.code', { max: JOIN_TRIES_PER_CODE, windowMs: 60_000 });
  return { source: (key) => bySource.take(key), code: (code) => byCode.take(codeHash(code)) };
}

/**
 * Refused; `retryAfterS` with RATE_LIMITED: the seconds until a try is taken again (the kiosk says
 * when). CODE_LOCKED: wrong names or ID endings locked the code (./codeLock.ts), only a new one helps.
 */
export type TerminalJoinOutcome =
  { ok: true; pass: GuestPass } | { ok: false; code: 'NOT_FOUND' | 'FORBIDDEN' | 'CODE_LOCKED'; message: string } | { ok: false; code: 'RATE_LIMITED'; message: string; retryAfterS: number };

export interface TerminalJoinDeps {
  scope: DbScope;
  invitations: InvitationStore;
  limits: JoinLimits;
  /** The join page's name + ID-ending check (./partyIdentity.ts). */
  identity: PartyIdentity;
  audit: AuditStore;
  now: () => Date;
}

export type TerminalJoin = (ask: { terminalId: string; code: string; name: string; idLast4: string; isOpen: (callId: string) => boolean }) => Promise<TerminalJoinOutcome>;

const NO_SUCH_CODE = 'This meeting code is not valid: it may be mistyped, used or expired';

export function terminalJoin(deps: TerminalJoinDeps): TerminalJoin {
  const { scope, invitations, audit, now } = deps;
  return async ({ terminalId, code, name, idLast4, isOpen }) => {
    const limited = (retryAfterS: number): TerminalJoinOutcome => ({ ok: false, code: 'RATE_LIMITED', message: 'Too many tries; wait and try again', retryAfterS });
    const locked: TerminalJoinOutcome = { ok: false, code: 'CODE_LOCKED', message: CODE_LOCKED_MESSAGE };
    const sourceWait = await deps.limits.source(`terminal:${terminalId}`);
    if (sourceWait > 0) return limited(sourceWait);
    const codeWait = await deps.limits.code(code);
    const at = now();
    const invitation = await invitations.byCode(scope, code);
    if (codeWait > 0) {
      const answer = codeLimitAnswer(invitation, at, codeWait); // as the join page's
      return answer.kind === 'locked' ? locked : limited(answer.retryAfterS);
    }
    const who = { kind: 'terminal' as const, id: terminalId, role: invitation?.role ?? null, source: terminalId };
    const usable = invitation && invitation.usedAt === null && invitation.expiresAt > at.toISOString() && isOpen(invitation.callId);
    const denied = async (outcome: TerminalJoinOutcome = { ok: false, code: 'NOT_FOUND', message: NO_SUCH_CODE }): Promise<TerminalJoinOutcome> => {
      await audit.record(scope.db, who, { action: 'room.join', outcome: 'denied', caseId: invitation?.caseId ?? null, recordKind: 'call', recordId: invitation?.callId ?? null });
      return outcome;
    };
    if (!invitation || !usable) return denied();
    if (lockedByWrongAnswers(invitation, at)) return denied(locked);
    const check = await deps.identity(invitation, { code, name, idLast4, who, unheldPasses: true });
    if (check.kind === 'locked') return locked;
    if (check.kind === 'refused') return { ok: false, code: 'FORBIDDEN', message: 'The name or the ID number does not match this case' };
    if (!(await invitations.use(scope, code, `terminal:${terminalId}`, at))) return denied();
    await audit.record(scope.db, who, { action: 'room.join', outcome: 'ok', caseId: invitation.caseId, recordKind: 'call', recordId: invitation.callId });
    // The terminal is the participant (as the calling kiosk is): a party is shown by its role, never
    // a name; a helper (an interpreter…) by the name they gave, as on the join page.
    const role = invitation.role as RoomRole;
    const displayName = check.kind === 'unchecked' && check.why === 'helper' ? name : '';
    const unverified = check.kind === 'unchecked' && check.why === 'notHeld';
    const partyIndex = check.kind === 'confirmed' ? { partyIndex: check.partyIndex } : {};
    return { ok: true, pass: { callId: invitation.callId, identity: terminalId, role, displayName, caseId: invitation.caseId, ...(unverified ? { unverified } : {}), ...partyIndex } };
  };
}
