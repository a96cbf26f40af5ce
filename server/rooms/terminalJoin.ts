import { JOIN_TRIES_PER_CODE, JOIN_TRIES_PER_MINUTE } from '../../shared/rooms/joining.js';
import type { RoomRole } from '../../shared/rooms/roleTable.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import type { AttemptStore } from '../rateLimit/attemptStore.js';
import type { GuestPass } from '../signalling/guestPass.js';
import { codeHash, type InvitationStore } from './invitationStore.js';

// A party at their own village's kiosk or counter terminal types the mediator's code on its keypad
// (shared/rooms/joining.ts, TerminalJoinRequest). The enrolled terminal is who asks; the code
// alone lets it into the room's waiting room with the invitation's role (the mediator sees the
// party before admitting). Tries share the join page's limits: per source (here the terminal) and
// per code, so the terminal path is no cheaper a way to guess codes.

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

export type TerminalJoinOutcome = { ok: true; pass: GuestPass } | { ok: false; code: 'NOT_FOUND' | 'RATE_LIMITED'; message: string };

export interface TerminalJoinDeps {
  scope: DbScope;
  invitations: InvitationStore;
  limits: JoinLimits;
  audit: AuditStore;
  now: () => Date;
}

export type TerminalJoin = (ask: { terminalId: string; code: string; isOpen: (callId: string) => boolean }) => Promise<TerminalJoinOutcome>;

const NO_SUCH_CODE = 'This meeting code is not valid: it may be mistyped, used or expired';

export function terminalJoin(deps: TerminalJoinDeps): TerminalJoin {
  const { scope, invitations, audit, now } = deps;
  return async ({ terminalId, code, isOpen }) => {
    if ((await deps.limits.source(`terminal:${terminalId}`)) > 0 || (await deps.limits.code(code)) > 0)
      return { ok: false, code: 'RATE_LIMITED', message: 'Too many tries; wait a minute and try again' };
    const at = now();
    const invitation = await invitations.byCode(scope, code);
    const who = { kind: 'terminal' as const, id: terminalId, role: invitation?.role ?? null, source: terminalId };
    const usable = invitation && invitation.usedAt === null && invitation.expiresAt > at.toISOString() && invitation.failures < JOIN_TRIES_PER_CODE && isOpen(invitation.callId);
    if (!invitation || !usable || !(await invitations.use(scope, code, `terminal:${terminalId}`, at))) {
      await audit.record(scope.db, who, { action: 'room.join', outcome: 'denied', caseId: invitation?.caseId ?? null, recordKind: 'call', recordId: invitation?.callId ?? null });
      return { ok: false, code: 'NOT_FOUND', message: NO_SUCH_CODE };
    }
    await audit.record(scope.db, who, { action: 'room.join', outcome: 'ok', caseId: invitation.caseId, recordKind: 'call', recordId: invitation.callId });
    // The terminal is the participant (as the calling kiosk is): shown by its role, never a name.
    return { ok: true, pass: { callId: invitation.callId, identity: terminalId, role: invitation.role as RoomRole, displayName: '', caseId: invitation.caseId } };
  };
}
