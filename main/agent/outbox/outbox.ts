import { withoutFsync, type Db } from '../db.js';

// The persisted job queue between a durable local commit and the hub (shape after Signal
// Desktop's JobQueue): jobs are inserted inside the caller's transaction, claimed atomically,
// and any job found `in_flight` at start-up was interrupted and is replayed.

export type JobKind = 'intake' | 'play' | 'signature' | 'report';
export type JobState = 'pending' | 'in_flight' | 'done' | 'parked';

export interface OutboxJob {
  id: number;
  kind: JobKind;
  ref: string;
  attempts: number;
}

export interface OutboxStats {
  queueDepth: number;
  oldestPendingCreatedAt: number | null;
  parked: number;
}

export class Outbox {
  private readonly insert;
  private readonly due;
  private readonly claim;
  private readonly finish;
  private readonly reschedule;
  private readonly parkJob;
  private readonly nextDue;
  private readonly dueOfKind;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO outbox_jobs (kind, ref, state, next_attempt_at, created_at)
       VALUES (?, ?, 'pending', ?, ?) ON CONFLICT(kind, ref) DO NOTHING`,
    );
    // Oldest due first: a job that keeps failing is pushed back by its backoff, so it cannot starve others.
    this.due = db.prepare<[number, number], OutboxJob>(
      `SELECT id, kind, ref, attempts FROM outbox_jobs
       WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.claim = db.prepare(`UPDATE outbox_jobs SET state = 'in_flight', attempts = attempts + 1 WHERE id = ? AND state = 'pending'`);
    // A delivered job is deleted: the submission row keeps the delivery record, the queue stays small.
    this.finish = db.prepare(`DELETE FROM outbox_jobs WHERE id = ?`);
    this.reschedule = db.prepare(`UPDATE outbox_jobs SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?`);
    this.parkJob = db.prepare(`UPDATE outbox_jobs SET state = 'parked', last_error = ? WHERE id = ?`);
    this.dueOfKind = db.prepare<[string, number, number], OutboxJob>(
      `SELECT id, kind, ref, attempts FROM outbox_jobs
       WHERE kind = ? AND state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.nextDue = db.prepare<[], { at: number | null }>(`SELECT MIN(next_attempt_at) AS at FROM outbox_jobs WHERE state = 'pending'`);
  }

  /** Call inside the transaction that writes the job's subject, so both commit or neither does. */
  enqueue(kind: JobKind, ref: string, now: number): void {
    this.insert.run(kind, ref, now, now);
  }

  /** Jobs left in flight by a crash go back to pending; the hub's idempotency makes a resend safe. */
  recoverInterrupted(now: number): number {
    return this.db.prepare(`UPDATE outbox_jobs SET state = 'pending', next_attempt_at = ? WHERE state = 'in_flight'`).run(now).changes;
  }

  claimDue(now: number, limit: number): OutboxJob[] {
    return withoutFsync(this.db, () =>
      this.db.transaction(() => {
        const jobs = this.due.all(now, limit);
        for (const job of jobs) this.claim.run(job.id);
        return jobs.map((j) => ({ ...j, attempts: j.attempts + 1 }));
      })(),
    );
  }

  /** Claims up to `limit` due jobs of one kind, oldest first: a batch sent in one request. */
  claimDueOfKind(kind: JobKind, now: number, limit: number): OutboxJob[] {
    if (limit <= 0) return [];
    // Not durable, like claimDue: a lost claim only means a resend, which the hub answers from its record.
    return withoutFsync(this.db, () =>
      this.db.transaction(() => {
        const jobs = this.dueOfKind.all(kind, now, limit);
        for (const job of jobs) this.claim.run(job.id);
        return jobs.map((j) => ({ ...j, attempts: j.attempts + 1 }));
      })(),
    );
  }

  complete(id: number): void {
    this.finish.run(id);
  }

  retryAt(id: number, at: number, error: string): void {
    this.reschedule.run(at, error.slice(0, 200), id);
  }

  park(id: number, error: string): void {
    this.parkJob.run(error.slice(0, 200), id);
  }

  /** Puts parked jobs back in the queue (staff action after fixing the cause). */
  requeueParked(now: number): number {
    return this.db.prepare(`UPDATE outbox_jobs SET state = 'pending', next_attempt_at = ?, attempts = 0 WHERE state = 'parked'`).run(now).changes;
  }

  /** Pulls every waiting job forward, e.g. when the hub is seen again after an outage. */
  retryAllNow(now: number): number {
    return this.db.prepare(`UPDATE outbox_jobs SET next_attempt_at = ? WHERE state = 'pending' AND next_attempt_at > ?`).run(now, now).changes;
  }

  nextDueAt(): number | null {
    return this.nextDue.get()?.at ?? null;
  }

  stats(): OutboxStats {
    const row = this.db
      .prepare<[], { depth: number; oldest: number | null; parked: number }>(
        `SELECT
           SUM(CASE WHEN state IN ('pending','in_flight') THEN 1 ELSE 0 END) AS depth,
           MIN(CASE WHEN state IN ('pending','in_flight') THEN created_at END) AS oldest,
           SUM(CASE WHEN state = 'parked' THEN 1 ELSE 0 END) AS parked
         FROM outbox_jobs
         WHERE kind NOT IN ('play', 'report')`, // proof of play and the kiosk's own reports are housekeeping: the queue residents see is theirs
      )
      .get()!;
    return { queueDepth: row.depth ?? 0, oldestPendingCreatedAt: row.oldest, parked: row.parked ?? 0 };
  }
}
