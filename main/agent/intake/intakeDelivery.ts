import type { IntakeIngest } from '../../../shared/hubProtocol.js';
import type { JobContext, JobOutcome, JobRunner } from '../outbox/jobRunner.js';
import type { Outbox, OutboxJob } from '../outbox/outbox.js';
import type { AttachmentStore } from './attachmentStore.js';
import type { IntakeHubClient, SendOutcome } from './intakeHubClient.js';
import type { IntakeStore } from './intakeStore.js';
import type { AttachmentUploader } from './uploads.js';

// Delivers 'intake' jobs: each submission's attachments first (resumably), then the intake; the
// hub acknowledges only once it holds every attachment, verified. When many are queued (a drain
// after an outage) the claimed job gathers other due intakes and they go in batch requests; the
// hub answers each on its own, so one refused intake is parked alone (issue 16). Sync applies the
// outcomes. Acknowledgements that arrive in the same event-loop turn are recorded, with their
// jobs' completion, in one transaction (group commit: a drain pays one fsync per batch).

/** Intakes gathered into one send by default (1 turns batching off). */
export const DEFAULT_INTAKE_BATCH = 50;

export interface IntakeDeliveryOptions {
  outbox: Outbox;
  intakes: IntakeStore;
  attachments: AttachmentStore;
  client: IntakeHubClient;
  uploader: AttachmentUploader;
  /** Most intakes per send; default DEFAULT_INTAKE_BATCH. */
  batchSize?: number;
}

interface Acknowledged {
  job: OutboxJob;
  /** Null when the court numbers the case later (at diversion). */
  caseNumber: string | null;
  done: (error?: unknown) => void;
}

type OwnOutcome = Exclude<JobOutcome, { kind: 'each' }>;

export class IntakeDelivery implements JobRunner {
  private acknowledged: Acknowledged[] = [];
  private readonly batchSize: number;

  constructor(private readonly o: IntakeDeliveryOptions) {
    this.batchSize = Math.max(1, o.batchSize ?? DEFAULT_INTAKE_BATCH);
  }

  gather(job: OutboxJob, now: number): OutboxJob[] {
    return this.batchSize > 1 ? [job, ...this.o.outbox.claimDueOfKind('intake', now, this.batchSize - 1)] : [job];
  }

  async send(jobs: OutboxJob[], { credential, signal }: JobContext): Promise<JobOutcome> {
    const ready: Array<{ job: OutboxJob; ingest: IntakeIngest }> = [];
    const outcomes: Array<{ job: OutboxJob; outcome: OwnOutcome }> = [];
    let c: string | null = null;
    for (const job of jobs) {
      const ingest = this.o.intakes.ingestFor(job.ref);
      if (!ingest) {
        // Validate on load: a job whose subject is gone or already acknowledged must not loop.
        if (this.o.intakes.receipt(job.ref)?.status === 'delivered') this.o.outbox.complete(job.id);
        else this.o.outbox.park(job.id, 'missing submission');
        outcomes.push({ job, outcome: { kind: 'settled' } });
        continue;
      }
      c ??= await credential();
      const uploaded = ingest.attachments ? await this.o.uploader.uploadPending(this.o.attachments, job.ref, c, signal) : ({ kind: 'uploaded' } as const);
      if (uploaded.kind === 'uploaded') ready.push({ job, ingest });
      else outcomes.push({ job, outcome: await this.answer(job, uploaded) });
    }
    if (ready.length === 1) {
      outcomes.push({ job: ready[0]!.job, outcome: await this.answer(ready[0]!.job, await this.o.client.sendIntake(c!, ready[0]!.ingest, signal)) });
    } else if (ready.length > 1) {
      const sent = await this.o.client.sendIntakes(
        c!,
        ready.map((r) => r.ingest),
        signal,
      );
      outcomes.push(...(await Promise.all(ready.map(async ({ job }, i) => ({ job, outcome: await this.answer(job, sent[i]!) })))));
    }
    return jobs.length === 1 ? outcomes[0]!.outcome : { kind: 'each', outcomes };
  }

  /** The resident's receipt says "needs attention" from now on; staff see why. */
  parked(jobs: OutboxJob[], reason: string): void {
    for (const job of jobs) this.o.intakes.setStatus(job.ref, 'needs_attention', reason);
  }

  /** What one intake's send means for its job (a delivery is recorded before this returns). */
  private async answer(job: OutboxJob, outcome: SendOutcome | { kind: 'retry'; reason: string; retryAfterMs?: number | null }): Promise<OwnOutcome> {
    switch (outcome.kind) {
      case 'delivered':
        await this.recordDelivered(job, outcome.ack.caseNumber);
        return { kind: 'delivered' };
      case 'retry':
        if (outcome.reason === 'stopped') return { kind: 'interrupted' };
        return { kind: 'retry', reason: outcome.reason, retryAfterMs: outcome.retryAfterMs ?? null };
      case 'incomplete':
        // The hub lost or refused some files: forget their uploads so the next attempt sends them afresh.
        this.o.attachments.resetUploads(job.ref, outcome.missing);
        return { kind: 'retry', reason: 'attachments incomplete', retryAfterMs: outcome.retryAfterMs };
      case 'unauthorized':
      case 'rejected':
        return outcome;
    }
  }

  private recordDelivered(job: OutboxJob, caseNumber: string | null): Promise<void> {
    return new Promise((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on, unchanged, what the store's transaction threw
      const first = this.acknowledged.push({ job, caseNumber, done: (e) => (e === undefined ? resolve() : reject(e)) }) === 1;
      if (!first) return;
      setImmediate(() => {
        const batch = this.acknowledged.splice(0);
        try {
          this.o.intakes.markDelivered(batch.map((d) => ({ submissionId: d.job.ref, caseNumber: d.caseNumber, finishJob: () => this.o.outbox.complete(d.job.id) })));
          batch.forEach((d) => d.done());
        } catch (error) {
          batch.forEach((d) => d.done(error));
        }
      });
    });
  }
}
