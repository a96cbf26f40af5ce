import type { JobContext, JobOutcome, JobRunner } from '../outbox/jobRunner.js';
import type { Outbox, OutboxJob } from '../outbox/outbox.js';
import type { AttachmentStore } from './attachmentStore.js';
import type { IntakeHubClient } from './intakeHubClient.js';
import type { IntakeStore } from './intakeStore.js';
import type { AttachmentUploader } from './uploads.js';

// Delivers one submission per 'intake' job: its attachments first (resumably), then the intake;
// the hub acknowledges only once it holds every attachment, verified. Sync applies the outcome.
// Acknowledgements that arrive in the same event-loop turn are recorded, with their jobs'
// completion, in one transaction (group commit: a drain pays one fsync per batch).

export interface IntakeDeliveryOptions {
  outbox: Outbox;
  intakes: IntakeStore;
  attachments: AttachmentStore;
  client: IntakeHubClient;
  uploader: AttachmentUploader;
}

interface Acknowledged {
  job: OutboxJob;
  /** Null when the court numbers the case later (at diversion). */
  caseNumber: string | null;
  done: (error?: unknown) => void;
}

export class IntakeDelivery implements JobRunner {
  private acknowledged: Acknowledged[] = [];

  constructor(private readonly o: IntakeDeliveryOptions) {}

  async send(jobs: OutboxJob[], { credential, signal }: JobContext): Promise<JobOutcome> {
    const job = jobs[0]!; // intakes go one per send: each is its own request
    const ingest = this.o.intakes.ingestFor(job.ref);
    if (!ingest) {
      // Validate on load: a job whose subject is gone or already acknowledged must not loop.
      if (this.o.intakes.receipt(job.ref)?.status === 'delivered') this.o.outbox.complete(job.id);
      else this.o.outbox.park(job.id, 'missing submission');
      return { kind: 'settled' };
    }
    const c = await credential();
    const uploaded = ingest.attachments ? await this.o.uploader.uploadPending(this.o.attachments, job.ref, c, signal) : ({ kind: 'uploaded' } as const);
    const outcome = uploaded.kind === 'uploaded' ? await this.o.client.sendIntake(c, ingest) : uploaded;
    switch (outcome.kind) {
      case 'delivered':
        await this.recordDelivered(job, outcome.ack.caseNumber);
        return { kind: 'delivered' };
      case 'retry':
        if (outcome.reason === 'stopped') return { kind: 'interrupted' };
        return { kind: 'retry', reason: outcome.reason, retryAfterMs: 'retryAfterMs' in outcome ? outcome.retryAfterMs : null };
      case 'incomplete':
        // The hub lost or refused some files: forget their uploads so the next attempt sends them afresh.
        this.o.attachments.resetUploads(job.ref, outcome.missing);
        return { kind: 'retry', reason: 'attachments incomplete', retryAfterMs: outcome.retryAfterMs };
      case 'unauthorized':
      case 'rejected':
        return outcome;
    }
  }

  /** The resident's receipt says "needs attention" from now on; staff see why. */
  parked(jobs: OutboxJob[], reason: string): void {
    for (const job of jobs) this.o.intakes.setStatus(job.ref, 'needs_attention', reason);
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
