import type { OutboxJob } from './outbox.js';

// How one kind of outbox job reaches the hub (the shape of Signal Desktop's JobQueue: the queue
// is generic, each kind says how its jobs are sent). Sync claims a job, lets its kind's runner
// gather a batch around it and send it, and applies the one outcome to every job of the batch:
// complete, back off (never sooner than Retry-After), re-enroll, or park for a person.

/** How the hub answered a send, as each feature's hub client classifies it. */
export type HubAnswer =
  /** The hub has it all. The runner has recorded that and completed the jobs in the same commit. */
  | { kind: 'delivered' }
  /** Try again later: network, timeout, 408, 409, 429, 5xx, or a reply that proves nothing. */
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  /** The hub no longer knows this credential (reset hub, revoked terminal): enroll again, then resend. */
  | { kind: 'unauthorized'; reason: string }
  /** Any other 4xx: the hub will not change its mind, so a person must look (never retried by itself). */
  | { kind: 'rejected'; reason: string };

export type JobOutcome =
  | HubAnswer
  /** Sync stopped mid-send: not a failure, due again as soon as the agent runs. */
  | { kind: 'interrupted' }
  /** The runner already completed or parked every job itself (its subject was gone). */
  | { kind: 'settled' }
  /** A batch the hub answered item by item (issue 16): each job gets its own outcome. */
  | { kind: 'each'; outcomes: ReadonlyArray<{ job: OutboxJob; outcome: Exclude<JobOutcome, { kind: 'each' }> }> };

export interface JobContext {
  /** The terminal credential, enrolling first if there is none (throws if that is impossible). */
  credential: () => Promise<string>;
  /** Aborted by Sync.stop(): a long send (an upload) ends at once and resumes next time. */
  signal: AbortSignal;
}

export interface JobRunner {
  /** The claimed job plus any other due jobs of its kind, claimed now (all `in_flight`). Default: the job alone. */
  gather?(job: OutboxJob, now: number): OutboxJob[];
  /** Sends the batch. Throwing counts as the hub being unreachable. */
  send(jobs: OutboxJob[], context: JobContext): Promise<JobOutcome>;
  /** Sync has parked the batch after a 'rejected': mark its subjects for staff. */
  parked?(jobs: OutboxJob[], reason: string): void;
}
