import type { CallEndReason, CallOutcome } from '../../shared/call.js';
import type { Database as HubDatabase } from 'better-sqlite3';

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
}

const columns = `call_id AS callId, terminal_id AS terminalId, submission_id AS submissionId, language,
  queued_at AS queuedAt, answered_at AS answeredAt, mediator, ended_at AS endedAt, duration_s AS durationS,
  end_reason AS endReason, outcome, notes, outcome_at AS outcomeAt`;

export type CallRecords = ReturnType<typeof openCallRecords>;

export function openCallRecords(db: HubDatabase) {
  const s = {
    insert: db.prepare(`INSERT INTO call_records (call_id, terminal_id, submission_id, language, queued_at)
      VALUES (@callId, @terminalId, @submissionId, @language, @queuedAt)`),
    answered: db.prepare(`UPDATE call_records SET answered_at = ?, mediator = ? WHERE call_id = ? AND answered_at IS NULL`),
    ended: db.prepare(`UPDATE call_records SET ended_at = @at, end_reason = @reason,
      duration_s = CASE WHEN answered_at IS NULL THEN NULL
        ELSE max(0, CAST(round((julianday(@at) - julianday(answered_at)) * 86400) AS INTEGER)) END
      WHERE call_id = @callId AND ended_at IS NULL`),
    outcome: db.prepare(`UPDATE call_records SET outcome = ?, notes = ?, outcome_at = ? WHERE call_id = ? AND mediator = ?`),
    get: db.prepare(`SELECT ${columns} FROM call_records WHERE call_id = ?`),
    recent: db.prepare(`SELECT ${columns} FROM call_records ORDER BY queued_at DESC, rowid DESC LIMIT ?`),
    recentFor: db.prepare(`SELECT ${columns} FROM call_records WHERE mediator = ? ORDER BY queued_at DESC, rowid DESC LIMIT ?`),
    forSubmission: db.prepare(`SELECT ${columns} FROM call_records WHERE submission_id = ? ORDER BY queued_at, rowid`),
    lastAnswered: db.prepare(`SELECT ${columns} FROM call_records
      WHERE submission_id = ? AND answered_at IS NOT NULL ORDER BY answered_at DESC, rowid DESC LIMIT 1`),
    meanDuration: db.prepare(`SELECT avg(duration_s) AS mean, count(*) AS n FROM (
      SELECT duration_s FROM call_records WHERE duration_s IS NOT NULL ORDER BY ended_at DESC LIMIT ?)`),
    dangling: db.prepare(`UPDATE call_records SET ended_at = @at, end_reason = 'hub_restart',
      duration_s = CASE WHEN answered_at IS NULL THEN NULL
        ELSE max(0, CAST(round((julianday(@at) - julianday(answered_at)) * 86400) AS INTEGER)) END
      WHERE ended_at IS NULL`),
  };

  return {
    queued(r: { callId: string; terminalId: string; submissionId: string | null; language: string; queuedAt: string }): void {
      s.insert.run(r);
    },
    answered(callId: string, mediator: string, at: string): void {
      s.answered.run(at, mediator, callId);
    },
    ended(callId: string, at: string, reason: CallEndReason): void {
      s.ended.run({ callId, at, reason });
    },
    /** Stores the outcome; only the mediator who answered may. False if not theirs or unknown. */
    recordOutcome(callId: string, mediator: string, outcome: CallOutcome, notes: string, at: string): boolean {
      return s.outcome.run(outcome, notes, at, callId, mediator).changes === 1;
    },
    get(callId: string): CallRecord | null {
      return (s.get.get(callId) as CallRecord | undefined) ?? null;
    },
    recent(limit: number, mediator?: string): CallRecord[] {
      return (mediator ? s.recentFor.all(mediator, limit) : s.recent.all(limit)) as CallRecord[];
    },
    /** The calls about one intake, oldest first. */
    forSubmission(submissionId: string): CallRecord[] {
      return s.forSubmission.all(submissionId) as CallRecord[];
    },
    /** The latest call about an intake that a mediator answered, or null. */
    lastAnswered(submissionId: string): CallRecord | null {
      return (s.lastAnswered.get(submissionId) as CallRecord | undefined) ?? null;
    },
    /** Mean length of the last `window` answered calls, or null before there are any. */
    meanDurationS(window = 20): number | null {
      const row = s.meanDuration.get(window) as { mean: number | null; n: number };
      return row.n > 0 && row.mean !== null ? row.mean : null;
    },
    /** Calls left open by a hub that stopped: they cannot resume (queues and rooms live in memory). */
    closeDangling(at: string): number {
      return s.dangling.run({ at }).changes;
    },
  };
}
