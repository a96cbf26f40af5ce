import type { OutboxJob } from './outbox.js';

// Outbox jobs other than intakes (today: proof-of-play records) are sent in batches by a runner
// that Sync drives: the runner gathers a batch around the job Sync claimed, sends it, and Sync
// applies the one outcome to every job of the batch (complete, back off, or park).

export type BatchOutcome =
  | { kind: 'delivered' }
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  | { kind: 'unauthorized'; reason: string }
  | { kind: 'rejected'; reason: string };

export interface JobRunner {
  /** The claimed job plus any other due jobs of its kind, claimed now (all `in_flight`). */
  gather(job: OutboxJob, now: number): OutboxJob[];
  /** Sends the batch; jobs whose subject is gone are completed by the runner and left out. */
  send(jobs: OutboxJob[], credential: string): Promise<BatchOutcome>;
}
