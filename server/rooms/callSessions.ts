import { courtDay } from '../../shared/courtTime.js';
import { sessionStarted } from '../../shared/cases/deadlines.js';
import { nextState } from '../../shared/cases/lifecycle.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { CaseStore } from '../cases/caseStore.js';
import type { CallRecord, CallRecords } from '../signalling/callRecords.js';

// A video call about a case is a mediation session held (issue 10): when such a call ends after a
// mediator answered it (both sides were connected), the hub appends `session.held` — video, the
// call's minutes, the call's id — by itself, as the system. Rules:
// - About a case: the call names an intake the hub trusts for it — one filed from the calling
//   terminal, or one the resident opened at check-my-case (a case ticket, 0037) — and that intake
//   is a dispute case. A call naming another kiosk's intake without a ticket is about nothing.
// - Only where the transition table takes a held session (a case in mediation); elsewhere (not
//   yet diverted, settled, closed) the call leaves its room events only.
// - The session held is the case's earliest scheduled video session whose start had come when the
//   call ended (a session arranged for later is not this call, and cannot be held before its start:
//   shared/cases/deadlines.ts sessionStarted); if none was, the call itself was the session, and it is
//   scheduled (at the time it was answered) and held in the same transaction, under the call's id.
//   Either way the call holds that one session: the rules refuse a second held on it
//   (shared/cases/caseRules.ts CALL_ALREADY_HELD), say the session arranged for after the call.
// - Exactly once per call: the case row is locked, and a case that already holds a session with
//   this call id is left alone. The desk appends before it marks the call ended, and a hub that
//   stops mid-call appends for its open answered calls when it (or another instance) closes them,
//   so a crash between the two appends again and finds the first.

export type HeldCall = Pick<CallRecord, 'callId' | 'terminalId' | 'submissionId' | 'caseTicket' | 'answeredAt'>;

export type SessionOutcome = 'held' | 'already_held' | 'no_case' | 'not_in_mediation';

export interface CallSessionsDeps {
  scope: DbScope;
  cases: CaseStore;
  /** The terminal an intake was filed from (null: no such intake). */
  intakeTerminal: (submissionId: string) => Promise<string | null>;
  now: () => Date;
}

export type CallSessions = ReturnType<typeof callSessions>;

/** Whole minutes a call lasted, a started minute counting as one (the dashboard sums them). */
export function callMinutes(answeredAt: string, endedAt: Date): number {
  return Math.min(24 * 60, Math.max(0, Math.ceil((endedAt.getTime() - Date.parse(answeredAt)) / 60_000)));
}

export function callSessions(deps: CallSessionsDeps) {
  const { scope, cases, now } = deps;

  /** The dispute case a call is about, as the hub trusts it, or null. */
  async function caseOf(call: HeldCall): Promise<string | null> {
    if (!call.submissionId) return null;
    if (call.caseTicket !== 1 && (await deps.intakeTerminal(call.submissionId)) !== call.terminalId) return null;
    const c = await cases.bySubmission(scope, call.submissionId);
    return c?.kind === 'dispute' ? c.caseId : null;
  }

  async function held(call: HeldCall, endedAt: Date): Promise<SessionOutcome> {
    if (!call.answeredAt) return 'no_case';
    const caseId = await caseOf(call);
    if (!caseId) return 'no_case';
    const minutes = callMinutes(call.answeredAt, endedAt);
    return inTransaction(scope, async (trx) => {
      const c = await cases.load(trx, caseId, true);
      if (!c || nextState(c.kind, c.state, 'session.held') === null) return 'not_in_mediation';
      const events = await cases.events(trx, caseId);
      if (events.some((e) => e.event.type === 'session.held' && (e.event.payload as { callId?: string }).callId === call.callId)) return 'already_held';
      // the hub's clock stepped back (across midnight, or behind the call's end) must not refuse (and
      // lose) the held session: the call ended, so its day and its end have come
      const heldAt = new Date(Math.max(now().getTime(), endedAt.getTime(), Date.parse(call.answeredAt!))).toISOString();
      const ctx = { today: courtDay(Date.parse(heldAt)), now: heldAt };
      const actor = { kind: 'system' as const };
      const scheduled = c.sessions.filter((s) => s.mode === 'video' && s.status === 'scheduled' && sessionStarted(s.startsAt, heldAt)).sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
      let sessionId = scheduled?.sessionId;
      if (!sessionId) {
        sessionId = call.callId;
        await cases.append(trx, caseId, { type: 'session.scheduled', payload: { sessionId, startsAt: call.answeredAt, mode: 'video' }, actor }, ctx);
      }
      await cases.append(trx, caseId, { type: 'session.held', payload: { sessionId, mode: 'video', minutes, callId: call.callId }, actor }, ctx);
      return 'held';
    });
  }

  return {
    /** A call ended: its session held, if it was about a case in mediation. */
    held,
    /**
     * Closes the calls a stopped hub left open (CallRecords.closeDangling), first recording the
     * answered ones about a case as held until now — the last moment anyone can vouch for.
     */
    async closeDangling(records: CallRecords, at: Date): Promise<number> {
      for (const call of await records.answeredOpen()) await held(call, at);
      return records.closeDangling(at.toISOString());
    },
  };
}
