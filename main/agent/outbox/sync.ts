import type { SyncStatus } from '../../../shared/contract.js';
import type { AttachmentStore } from '../intake/attachmentStore.js';
import { defaultBackoff, retryDelayMs, type BackoffPolicy } from '../../../shared/backoff.js';
import type { HubClient } from '../hubClient.js';
import type { IntakeStore } from '../intake/intakeStore.js';
import type { JobRunner } from './jobRunner.js';
import { errorKind, type Log } from '../log.js';
import type { JobKind, Outbox, OutboxJob } from './outbox.js';
import type { TerminalConfigStore } from '../terminalConfig.js';
import type { AttachmentUploader } from '../intake/uploads.js';

// Drains the outbox to the hub with a small pool of concurrent sends, and tracks whether the
// hub is reachable. The hub is idempotent on the submission id, so at-least-once sending here
// gives exactly-once records there. An intake's attachments are uploaded (resumably) first;
// the hub acknowledges the intake only once it holds every one of them, verified.

export interface SyncOptions {
  outbox: Outbox;
  intakes: IntakeStore;
  attachments: AttachmentStore;
  client: HubClient;
  uploader: AttachmentUploader;
  config: TerminalConfigStore;
  enrollmentCode: string | undefined;
  log: Log;
  now?: () => number;
  concurrency?: number;
  backoff?: BackoffPolicy;
  healthIntervalMs?: number;
  onStatus?: (status: SyncStatus) => void;
  /** Batch senders for job kinds other than 'intake' (e.g. 'play': proof of play). */
  runners?: Partial<Record<JobKind, JobRunner>>;
}

export class Sync {
  private readonly now: () => number;
  private readonly concurrency: number;
  private readonly backoff: BackoffPolicy;
  private active = 0;
  private stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private healthTimer: NodeJS.Timeout | null = null;
  private enrolling: Promise<string> | null = null;
  private reachable = false;
  private lastSuccessAt: string | null = null;
  private idleWaiters: Array<() => void> = [];
  private statusTimer: NodeJS.Timeout | null = null;
  /** Aborted by stop(): uploads in flight end at once and resume from the hub's offset next time. */
  private running = new AbortController();

  constructor(private readonly o: SyncOptions) {
    this.now = o.now ?? Date.now;
    this.concurrency = o.concurrency ?? 16;
    this.backoff = o.backoff ?? defaultBackoff;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = new AbortController();
    const recovered = this.o.outbox.recoverInterrupted(this.now());
    if (recovered > 0) this.o.log.info('outbox.recovered', { jobs: recovered });
    this.kick();
    this.scheduleHealth(0);
  }

  /** Wakes the pump: called after a new submission and when the hub is seen again. */
  kick(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.fill();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.running.abort();
    for (const t of [this.timer, this.healthTimer, this.statusTimer]) if (t) clearTimeout(t);
    this.timer = this.healthTimer = this.statusTimer = null;
    await this.whenIdle();
  }

  /** Resolves when no send is in flight (used by shutdown and tests). */
  whenIdle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((r) => this.idleWaiters.push(r));
  }

  status(): SyncStatus {
    const s = this.o.outbox.stats();
    return {
      hubReachable: this.reachable,
      queueDepth: s.queueDepth,
      oldestPendingAgeMs: s.oldestPendingCreatedAt === null ? null : Math.max(0, this.now() - s.oldestPendingCreatedAt),
      lastSuccessAt: this.lastSuccessAt,
      needsAttention: s.parked,
    };
  }

  private fill(): void {
    if (this.stopped) return;
    const free = this.concurrency - this.active;
    if (free <= 0) return;
    const jobs = this.o.outbox.claimDue(this.now(), free);
    for (const job of jobs) {
      this.active++;
      void this.process(job).finally(() => {
        this.active--;
        this.fillSoon();
        if (this.active === 0) this.idleWaiters.splice(0).forEach((r) => r());
      });
    }
    if (jobs.length === 0 && this.active === 0) this.scheduleNext();
  }

  private fillScheduled = false;
  /** Sends that finish in the same loop turn refill the pool with one claim (one commit). */
  private fillSoon(): void {
    if (this.fillScheduled) return;
    this.fillScheduled = true;
    setImmediate(() => {
      this.fillScheduled = false;
      this.fill();
    });
  }

  private deliveries: Array<{ job: OutboxJob; caseNumber: string; done: (error?: unknown) => void }> = [];
  /** Group commit: acknowledgements that arrive in the same loop turn are recorded in one transaction. */
  private recordDelivered(job: OutboxJob, caseNumber: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const first = this.deliveries.push({ job, caseNumber, done: (e) => (e === undefined ? resolve() : reject(e)) }) === 1;
      if (!first) return;
      setImmediate(() => {
        const batch = this.deliveries.splice(0);
        try {
          this.o.intakes.markDelivered(
            batch.map((d) => ({ submissionId: d.job.ref, caseNumber: d.caseNumber, finishJob: () => this.o.outbox.complete(d.job.id) })),
          );
          batch.forEach((d) => d.done());
        } catch (error) {
          batch.forEach((d) => d.done(error));
        }
      });
    });
  }

  private scheduleNext(): void {
    const at = this.o.outbox.nextDueAt();
    if (at === null || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.max(0, at - this.now()));
    this.timer.unref();
  }

  private async process(job: OutboxJob): Promise<void> {
    const runner = job.kind === 'intake' ? undefined : this.o.runners?.[job.kind];
    if (runner) return this.processBatch(runner, job);
    try {
      const ingest = this.o.intakes.ingestFor(job.ref);
      if (!ingest) {
        // Validate on load: a job whose subject is gone or already acknowledged must not loop.
        if (this.o.intakes.receipt(job.ref)?.status === 'delivered') this.o.outbox.complete(job.id);
        else this.o.outbox.park(job.id, 'missing submission');
        return;
      }
      const credential = await this.credential();
      const uploaded = ingest.attachments
        ? await this.o.uploader.uploadPending(this.o.attachments, job.ref, credential, this.running.signal)
        : ({ kind: 'uploaded' } as const);
      const outcome = uploaded.kind === 'uploaded' ? await this.o.client.sendIntake(credential, ingest) : uploaded;
      switch (outcome.kind) {
        case 'delivered':
          await this.recordDelivered(job, outcome.ack.caseNumber);
          this.lastSuccessAt = new Date(this.now()).toISOString();
          this.setReachable(true);
          this.o.log.info('outbox.delivered', { job: job.id, attempts: job.attempts });
          break;
        case 'retry':
          if (outcome.reason === 'stopped') {
            // Shutting down mid-upload is not a failure: due again as soon as the agent runs.
            this.o.outbox.retryAt(job.id, this.now(), outcome.reason);
            break;
          }
          this.retry(job, outcome.reason, 'retryAfterMs' in outcome ? outcome.retryAfterMs : null);
          this.setReachable(!outcome.reason.startsWith('network') && outcome.reason !== 'timeout');
          break;
        case 'incomplete':
          // The hub lost or refused some files: forget their uploads so the next attempt sends them afresh.
          this.o.attachments.resetUploads(job.ref, outcome.missing);
          this.retry(job, 'attachments incomplete', outcome.retryAfterMs);
          this.setReachable(true);
          break;
        case 'unauthorized':
          // The hub no longer knows this credential (reset hub, revoked terminal): enroll again, then resend.
          this.o.config.setCredential(null);
          this.retry(job, outcome.reason, null);
          break;
        case 'rejected':
          this.o.outbox.park(job.id, outcome.reason);
          this.o.intakes.setStatus(job.ref, 'needs_attention', outcome.reason);
          this.o.log.warn('outbox.needs_attention', { job: job.id, reason: outcome.reason });
          break;
      }
    } catch (error) {
      this.retry(job, errorKind(error), null);
      this.setReachable(false);
    }
    this.emitStatusSoon();
  }

  /** A batch of housekeeping jobs (proof of play): one send, one outcome applied to each job. */
  private async processBatch(runner: JobRunner, job: OutboxJob): Promise<void> {
    let batch: OutboxJob[] = [job];
    try {
      batch = runner.gather(job, this.now());
      const outcome = await runner.send(batch, await this.credential());
      switch (outcome.kind) {
        case 'delivered':
          for (const j of batch) this.o.outbox.complete(j.id);
          this.lastSuccessAt = new Date(this.now()).toISOString();
          this.setReachable(true);
          break;
        case 'retry':
          for (const j of batch) this.retry(j, outcome.reason, outcome.retryAfterMs);
          this.setReachable(!outcome.reason.startsWith('network') && outcome.reason !== 'timeout');
          break;
        case 'unauthorized':
          this.o.config.setCredential(null);
          for (const j of batch) this.retry(j, outcome.reason, null);
          break;
        case 'rejected':
          for (const j of batch) this.o.outbox.park(j.id, outcome.reason);
          this.o.log.warn('outbox.batch_parked', { kind: job.kind, jobs: batch.length, reason: outcome.reason });
          break;
      }
    } catch (error) {
      for (const j of batch) this.retry(j, errorKind(error), null);
      this.setReachable(false);
    }
    this.emitStatusSoon();
  }

  private retry(job: OutboxJob, reason: string, retryAfterMs: number | null): void {
    const delay = retryDelayMs(job.attempts, this.backoff, retryAfterMs);
    this.o.outbox.retryAt(job.id, this.now() + delay, reason);
    this.o.log.info('outbox.retry', { job: job.id, attempts: job.attempts, reason, delayMs: delay });
  }

  private async credential(): Promise<string> {
    const existing = this.o.config.credential();
    if (existing) return existing;
    if (!this.o.enrollmentCode) throw Object.assign(new Error('not enrolled'), { code: 'NOT_ENROLLED' });
    this.enrolling ??= (async () => {
      const c = this.o.config.read();
      const res = await this.o.client.enroll({
        enrollmentCode: this.o.enrollmentCode!,
        terminalId: c.terminalId,
        name: c.terminalName,
        location: c.location,
      });
      this.o.config.setCredential(res.credential);
      this.o.log.info('terminal.enrolled', { terminalId: res.terminalId });
      return res.credential;
    })().finally(() => (this.enrolling = null));
    return this.enrolling;
  }

  private scheduleHealth(delayMs: number): void {
    if (this.stopped) return;
    this.healthTimer = setTimeout(async () => {
      const ok = await this.o.client.health();
      if (this.stopped) return; // stopped while the probe was out: the store may be closed
      const wasReachable = this.reachable;
      this.setReachable(ok);
      if (ok && !wasReachable && this.o.outbox.retryAllNow(this.now()) > 0) this.kick();
      if (ok && this.o.enrollmentCode && !this.o.config.credential()) await this.credential().catch(() => undefined);
      this.scheduleHealth(ok ? (this.o.healthIntervalMs ?? 30_000) : Math.min(this.o.healthIntervalMs ?? 30_000, 5_000));
    }, delayMs);
    this.healthTimer.unref();
  }

  private setReachable(value: boolean): void {
    if (this.reachable === value) return;
    this.reachable = value;
    this.o.log.info(value ? 'hub.reachable' : 'hub.unreachable');
    this.emitStatusSoon();
  }

  /** Status events are coalesced: a drain of thousands must not flood the renderer. */
  private emitStatusSoon(): void {
    // After stop() the store may already be closed: a send finishing late must not schedule a read.
    if (this.stopped || this.statusTimer || !this.o.onStatus) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.o.onStatus?.(this.status());
    }, 200);
    this.statusTimer.unref();
  }
}
