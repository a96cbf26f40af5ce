import { sql } from 'kysely';
import type { CallEndReason, CallOutcome } from '../../shared/call.js';
import { secondsBetween, type DbScope } from '../db/engine.js';

// The durable trace of every kiosk call: who called (terminal), about what (submission), who
// answered, when it was queued, answered and ended, how long it lasted, why it ended, and the
// outcome the mediator recorded. In-memory queues and rooms come and go; this table is the record.

export interface CallRecord {
  callId: string;
  terminalId: string;
  submissionId: string | null;
  language: string;
  queuedAt: string;
  answeredAt: string | null;
  mediator: string | null;
  endedAt: string | null;
  durationS: number | null;
  endReason: CallEndReason | null;
  outcome: CallOutcome | null;
  notes: string;
  outcomeAt: string | null;
  /** The kiosk showed a case ticket for `submissionId` (check-my-case): the call is about that case. */
  caseTicket: 0 | 1;
}

export type CallRecords = ReturnType<typeof openCallRecords>;

export function openCallRecords({ db, engine }: DbScope) {
  const records = () =>
    db.selectFrom('call_records').select([
      'call_id as callId',
      'terminal_id as terminalId',
      'submission_id as submissionId',
      'language',
      'queued_at as queuedAt',
      'answered_at as answeredAt',
      'mediator',
      'ended_at as endedAt',
      'duration_s as durationS',
      // The columns' CHECKs and the desk's own code keep these to their unions.
      sql<CallEndReason | null>`end_reason`.as('endReason'),
      sql<CallOutcome | null>`outcome`.as('outcome'),
      'notes',
      'outcome_at as outcomeAt',
      sql<0 | 1>`case_ticket`.as('caseTicket'),
    ]);
  /** answered → ended, in whole seconds; null for a call never answered. */
  const durationUntil = (at: string) => sql<number | null>`case when answered_at is null then null else ${secondsBetween(engine, sql.ref('answered_at'), sql.val(at))} end`;

  return {
    async queued(r: { callId: string; terminalId: string; submissionId: string | null; language: string; queuedAt: string; caseTicket?: boolean }): Promise<void> {
      await db
        .insertInto('call_records')
        .values({ call_id: r.callId, terminal_id: r.terminalId, submission_id: r.submissionId, language: r.language, queued_at: r.queuedAt, case_ticket: r.caseTicket ? 1 : 0 })
        .execute();
    },
    async answered(callId: string, mediator: string, at: string): Promise<void> {
      await db.updateTable('call_records').set({ answered_at: at, mediator }).where('call_id', '=', callId).where('answered_at', 'is', null).execute();
    },
    async ended(callId: string, at: string, reason: CallEndReason): Promise<void> {
      await db
        .updateTable('call_records')
        .set({ ended_at: at, end_reason: reason, duration_s: durationUntil(at) })
        .where('call_id', '=', callId)
        .where('ended_at', 'is', null)
        .execute();
    },
    /** Stores the outcome; only the mediator who answered may. False if not theirs or unknown. */
    async recordOutcome(callId: string, mediator: string, outcome: CallOutcome, notes: string, at: string): Promise<boolean> {
      const r = await db.updateTable('call_records').set({ outcome, notes, outcome_at: at }).where('call_id', '=', callId).where('mediator', '=', mediator).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
    async get(callId: string): Promise<CallRecord | null> {
      return (await records().where('call_id', '=', callId).executeTakeFirst()) ?? null;
    },
    async recent(limit: number, mediator?: string): Promise<CallRecord[]> {
      const q = mediator ? records().where('mediator', '=', mediator) : records();
      return q.orderBy('queued_at', 'desc').orderBy('rowid', 'desc').limit(limit).execute();
    },
    /** The calls about one intake, oldest first. */
    async forSubmission(submissionId: string): Promise<CallRecord[]> {
      return records().where('submission_id', '=', submissionId).orderBy('queued_at').orderBy('rowid').execute();
    },
    /** The latest call about an intake that a mediator answered, or null. */
    async lastAnswered(submissionId: string): Promise<CallRecord | null> {
      const row = await records().where('submission_id', '=', submissionId).where('answered_at', 'is not', null).orderBy('answered_at', 'desc').orderBy('rowid', 'desc').limit(1).executeTakeFirst();
      return row ?? null;
    },
    /** Mean length of the last `window` answered calls, or null before there are any. */
    async meanDurationS(window = 20): Promise<number | null> {
      const lastCalls = db.selectFrom('call_records').select('duration_s').where('duration_s', 'is not', null).orderBy('ended_at', 'desc').limit(window);
      const row = await db
        .selectFrom(lastCalls.as('last_calls'))
        .select((eb) => [eb.fn.avg<number | null>('duration_s').as('mean'), eb.fn.countAll<number>().as('n')])
        .executeTakeFirstOrThrow();
      return row.n > 0 && row.mean !== null ? row.mean : null;
    },
    /** Answered calls not yet ended: before closeDangling, what a stopped hub left in the middle. */
    async answeredOpen(): Promise<CallRecord[]> {
      return records().where('ended_at', 'is', null).where('answered_at', 'is not', null).orderBy('queued_at').execute();
    },
    /** Calls left open by a hub that stopped: they cannot resume (queues and rooms live in memory). */
    async closeDangling(at: string): Promise<number> {
      const r = await db
        .updateTable('call_records')
        .set({ ended_at: at, end_reason: 'hub_restart', duration_s: durationUntil(at) })
        .where('ended_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
