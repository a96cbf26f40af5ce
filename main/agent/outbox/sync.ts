import type { SyncStatus } from '../../../shared/contract.js';
import { defaultBackoff, retryDelayMs, type BackoffPolicy } from '../../../shared/backoff.js';
import { isUnreachable, type HubClient } from '../hubClient.js';
import { errorKind, type Log } from '../log.js';
import type { TerminalConfigStore } from '../terminalConfig.js';
import type { JobContext, JobOutcome, JobRunner } from './jobRunner.js';
import type { JobKind, Outbox, OutboxJob } from './outbox.js';

// Drains the outbox to the hub with a small pool of concurrent sends, and tracks whether the
// hub is reachable. Each job kind's runner does the sending (intakes with their attachments,
// proof-of-play batches); Sync owns everything around it: claiming, the credential (enrolling
// when there is none), backoff, parking, reachability and the status the renderer shows. The
// hub is idempotent on every job's ref, so at-least-once sending gives exactly-once records.

export interface SyncOptions {
  outbox: Outbox;
  /** How each kind of job is sent. */
  runners: Record<JobKind, JobRunner>;
  /** Enrollment and the health probe. */
  client: HubClient;
  config: TerminalConfigStore;
  enrollmentCode: string | undefined;
  log: Log;
  now?: () => number;
  concurrency?: number;
  backoff?: BackoffPolicy;
  healthIntervalMs?: number;
  onStatus?: (status: SyncStatus) => void;
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

  private scheduleNext(): void {
    const at = this.o.outbox.nextDueAt();
    if (at === null || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), Math.max(0, at - this.now()));
    this.timer.unref();
  }

  /** One claimed job: its runner sends it (with whatever batch it gathers), one outcome for all. */
  private async process(job: OutboxJob): Promise<void> {
    const runner = this.o.runners[job.kind] as JobRunner | undefined;
    if (!runner) return this.o.outbox.park(job.id, `no runner for ${String(job.kind).slice(0, 40)}`);
    let batch: OutboxJob[] = [job];
    try {
      batch = runner.gather?.(job, this.now()) ?? batch;
      const context: JobContext = { credential: () => this.credential(), signal: this.running.signal };
      this.apply(runner, batch, await runner.send(batch, context));
    } catch (error) {
      for (const j of batch) this.retry(j, errorKind(error), null);
      this.setReachable(false);
    }
    this.emitStatusSoon();
  }

  private apply(runner: JobRunner, batch: OutboxJob[], outcome: JobOutcome): void {
    const first = batch[0]!;
    switch (outcome.kind) {
      case 'delivered':
        this.lastSuccessAt = new Date(this.now()).toISOString();
        this.hubSeenAgain();
        this.o.log.info('outbox.delivered', { kind: first.kind, job: first.id, jobs: batch.length, attempts: first.attempts });
        return;
      case 'retry':
        for (const j of batch) this.retry(j, outcome.reason, outcome.retryAfterMs);
        this.setReachable(!isUnreachable(outcome.reason));
        return;
      case 'interrupted':
        for (const j of batch) this.o.outbox.retryAt(j.id, this.now(), 'stopped');
        return;
      case 'unauthorized':
        this.o.config.setCredential(null);
        for (const j of batch) this.retry(j, outcome.reason, null);
        return;
      case 'rejected':
        for (const j of batch) this.o.outbox.park(j.id, outcome.reason);
        runner.parked?.(batch, outcome.reason);
        this.o.log.warn('outbox.needs_attention', { kind: first.kind, job: first.id, jobs: batch.length, reason: outcome.reason });
        return;
      case 'settled':
        return;
      case 'each':
        this.o.log.info('outbox.batch_answered', { kind: first.kind, jobs: batch.length });
        for (const { job, outcome: own } of outcome.outcomes) this.apply(runner, [job], own);
        return;
    }
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
        credential: this.o.config.proposedCredential(),
      });
      this.o.config.enrolledAs(res.terminalId, res.credential);
      this.o.log.info('terminal.enrolled', { terminalId: res.terminalId });
      return res.credential;
    })().finally(() => (this.enrolling = null));
    return this.enrolling;
  }

  private scheduleHealth(delayMs: number): void {
    if (this.stopped) return;
    // A probe that throws (the store busy or closing) must not end probing: log, try again later.
    const probe = () =>
      this.probeHealth().catch((e: unknown) => {
        this.o.log.warn('outbox.health_probe_failed', { error: e instanceof Error ? e.name : typeof e });
        this.scheduleHealth(this.o.healthIntervalMs ?? 30_000);
      });
    this.healthTimer = setTimeout(() => void probe(), delayMs);
    this.healthTimer.unref();
  }

  private async probeHealth(): Promise<void> {
    const ok = await this.o.client.health();
    if (this.stopped) return; // stopped while the probe was out: the store may be closed
    if (ok) this.hubSeenAgain();
    else this.setReachable(false);
    if (ok && this.o.enrollmentCode && !this.o.config.credential()) await this.credential().catch(() => undefined);
    this.scheduleHealth(ok ? (this.o.healthIntervalMs ?? 30_000) : Math.min(this.o.healthIntervalMs ?? 30_000, 5_000));
  }

  /**
   * The hub answered (a delivery or the health probe). If it had been unreachable, the jobs backing
   * off meanwhile — some for minutes — are due now: whichever of the two notices first. (Before,
   * only the probe did this, and a delivery that noticed first left them waiting out their delay.)
   */
  private hubSeenAgain(): void {
    if (this.reachable) return;
    this.setReachable(true);
    if (this.o.outbox.retryAllNow(this.now()) > 0) this.kick();
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
