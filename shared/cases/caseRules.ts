import { type StaffScope, inScope, mayAppend } from '../staff/roles.js';
import { type CaseEventPayload, caseEventPayloads, type EventActor } from './caseEvents.js';
import { type CaseFile, missingSigners } from './caseFile.js';
import { courtTime } from '../courtTime.js';
import { isOverdue, MEDIATION_EXTENSIONS_ALLOWED, RULING_EXTENSIONS_ALLOWED, sessionStarted } from './deadlines.js';
import { nextState, openingEvent, type CaseEventType, type CaseKind } from './lifecycle.js';

// Whether an event may be appended to a case now: the transition table (./lifecycle.ts), the
// actor's role and scope (shared/staff/roles.ts), the payload's schema, then the conditions that
// depend on the case's history. One function, so the API, the console and the tests agree on
// every refusal. Refusals carry a stable code (the API maps it to 409/403/400 and an i18n key).

export type Refusal =
  | { code: 'TRANSITION_NOT_ALLOWED'; status: 409 }
  | { code: 'STALE_CASE'; status: 409 }
  | { code: 'ROLE_NOT_ALLOWED'; status: 403 }
  | { code: 'OUT_OF_SCOPE'; status: 403 }
  | { code: 'INVALID_PAYLOAD'; status: 400 }
  | { code: 'EXTENSION_USED'; status: 409 }
  | { code: 'PERIOD_ENDED'; status: 409 }
  | { code: 'SESSION_NOT_SCHEDULED'; status: 409 }
  /** `date`: when the session is arranged to start, court time to the minute (it cannot be held before). */
  | { code: 'SESSION_NOT_YET'; status: 409; date: string }
  /** The call named already holds a session of this case (one call is one session, counted once). */
  | { code: 'CALL_ALREADY_HELD'; status: 409 }
  | { code: 'AGREEMENT_NOT_DRAFTED'; status: 409 }
  | { code: 'ALREADY_SIGNED'; status: 409 }
  | { code: 'SIGNATURES_MISSING'; status: 409 }
  | { code: 'NOT_THE_OUTCOME'; status: 409 };
export type RefusalCode = Refusal['code'];

const refuse = <C extends Exclude<RefusalCode, 'SESSION_NOT_YET'>>(code: C): Extract<Refusal, { code: C }> => ({ code, status: refusalStatus[code] }) as Extract<Refusal, { code: C }>;

export const refusalStatus: Record<RefusalCode, 400 | 403 | 409> = {
  TRANSITION_NOT_ALLOWED: 409,
  STALE_CASE: 409,
  ROLE_NOT_ALLOWED: 403,
  OUT_OF_SCOPE: 403,
  INVALID_PAYLOAD: 400,
  EXTENSION_USED: 409,
  PERIOD_ENDED: 409,
  SESSION_NOT_SCHEDULED: 409,
  SESSION_NOT_YET: 409,
  CALL_ALREADY_HELD: 409,
  AGREEMENT_NOT_DRAFTED: 409,
  ALREADY_SIGNED: 409,
  SIGNATURES_MISSING: 409,
  NOT_THE_OUTCOME: 409,
};

export interface Proposal<T extends CaseEventType = CaseEventType> {
  type: T;
  payload: unknown;
  actor: EventActor;
  /** The seq of the last event the actor saw; a different current seq means someone acted first. */
  expectedSeq?: number;
}

export interface DecisionContext {
  /** The court date today (court time). */
  today: string;
  /** The acting staff member's scope (required when the actor is staff). */
  scope?: StaffScope;
  /** The instant the event is recorded (ISO); the store fills it with its clock unless the caller vouches for another. */
  now?: string;
}

export type Decision = { ok: true } | { ok: false; refusal: Refusal };

const ok: Decision = { ok: true };
const no = (code: Exclude<RefusalCode, 'SESSION_NOT_YET'>): Decision => ({ ok: false, refusal: refuse(code) });

type GuardRefusal = Exclude<RefusalCode, 'SESSION_NOT_YET'> | Refusal;

/** Whether call `callId` already holds a session of case `c`. */
export function callHoldsSession(c: Pick<CaseFile, 'sessions'>, callId: string | undefined): boolean {
  return callId !== undefined && c.sessions.some((s) => s.status === 'held' && s.callId === callId);
}

/** Conditions beyond the table, by event type. */
function historyGuard(c: CaseFile, type: CaseEventType, payload: unknown, today: string, now: string): GuardRefusal | null {
  switch (type) {
    case 'mediation.extended':
      if (c.mediationExtensions >= MEDIATION_EXTENSIONS_ALLOWED) return 'EXTENSION_USED';
      if (c.mediationDueDate && isOverdue(c.mediationDueDate, today)) return 'PERIOD_ENDED';
      return null;
    case 'session.held':
    case 'session.cancelled': {
      const { sessionId } = payload as { sessionId: string };
      const session = c.sessions.find((s) => s.sessionId === sessionId && s.status === 'scheduled');
      if (!session) return 'SESSION_NOT_SCHEDULED';
      // held once its start has come; a session may be cancelled any time before
      if (type === 'session.held' && !sessionStarted(session.startsAt, now)) return { code: 'SESSION_NOT_YET', status: 409, date: courtTime(session.startsAt, 'minute') };
      // a call that ended before an arranged session's start became its own session (server/rooms/callSessions.ts):
      // it cannot hold the arranged one too, or the dashboard counts one call twice
      if (type === 'session.held' && callHoldsSession(c, (payload as { callId?: string }).callId)) return 'CALL_ALREADY_HELD';
      return null;
    }
    case 'agreement.signed': {
      const s = payload as CaseEventPayload<'agreement.signed'>;
      if (!c.agreement || c.agreement.documentId !== s.documentId) return 'AGREEMENT_NOT_DRAFTED';
      return c.agreement.signedBy.includes(`${s.signer.role}:${s.signer.index}`) ? 'ALREADY_SIGNED' : null;
    }
    case 'agreement.completed':
      if (!c.agreement) return 'AGREEMENT_NOT_DRAFTED';
      return missingSigners(c).length > 0 ? 'SIGNATURES_MISSING' : null;
    case 'confirmation.applied':
      // Art. 205: jointly, within 30 days of the agreement taking effect
      return c.confirmationApplyBy && isOverdue(c.confirmationApplyBy, today) ? 'PERIOD_ENDED' : null;
    case 'confirmation.extended':
      return c.rulingExtensions >= RULING_EXTENSIONS_ALLOWED ? 'EXTENSION_USED' : null;
    case 'case.reopened': {
      const r = payload as CaseEventPayload<'case.reopened'>;
      return r.cause === 'recorded_in_error' && r.voidsEventId !== c.outcomeEventId ? 'NOT_THE_OUTCOME' : null;
    }
    default:
      return null;
  }
}

/** The checks of `decide` that need no payload: a stale view, the table, the role and the scope. */
export function precheck(c: CaseFile, proposal: Proposal, ctx: DecisionContext): Decision {
  if (proposal.expectedSeq !== undefined && proposal.expectedSeq !== c.seq) return no('STALE_CASE');
  // who they are before where the case is: a role that may never do this is told so in any state
  if (proposal.actor.kind === 'staff') {
    const scope = ctx.scope;
    if (!scope || !mayAppend(scope.role, proposal.type)) return no('ROLE_NOT_ALLOWED');
    if (!inScope(scope, { organisationId: c.organisationId, siteId: c.siteId })) return no('OUT_OF_SCOPE');
  }
  if (nextState(c.kind, c.state, proposal.type) === null) return no('TRANSITION_NOT_ALLOWED');
  return ok;
}

/**
 * Decides whether `proposal` may be appended to case `c` now. Order matters for what staff are
 * told: a stale view first (they must look again), then who they are (role, scope), then the
 * table, then the payload, then history.
 */
export function decide(c: CaseFile, proposal: Proposal, ctx: DecisionContext & { now: string }): Decision {
  const first = precheck(c, proposal, ctx);
  if (!first.ok) return first;
  const parsed = caseEventPayloads[proposal.type].safeParse(proposal.payload);
  if (!parsed.success) return no('INVALID_PAYLOAD');
  const guard = historyGuard(c, proposal.type, parsed.data, ctx.today, ctx.now);
  if (guard === null) return ok;
  return typeof guard === 'string' ? no(guard) : { ok: false, refusal: guard };
}

/**
 * Decides whether a new case of `kind` may be opened with `proposal` (its opening event): the
 * role, the scope (counter staff open cases at their own site only), the payload.
 */
export function decideOpening(kind: CaseKind, proposal: Proposal, ctx: DecisionContext & { siteId: string | null }): Decision {
  if (proposal.type !== openingEvent[kind]) return no('TRANSITION_NOT_ALLOWED');
  if (proposal.actor.kind === 'staff') {
    const scope = ctx.scope;
    if (!scope || !mayAppend(scope.role, proposal.type)) return no('ROLE_NOT_ALLOWED');
    if (scope.role === 'counter_staff' && (!scope.siteId || scope.siteId !== ctx.siteId)) return no('OUT_OF_SCOPE');
  }
  return caseEventPayloads[proposal.type].safeParse(proposal.payload).success ? ok : no('INVALID_PAYLOAD');
}
