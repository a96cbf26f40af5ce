import { DEFAULT_INTAKE_BATCH } from '../../main/agent/intake/intakeDelivery.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { IntakeSubmission, Receipt } from '../../shared/intake.js';
import { AgentGone, AgentProcess, type AgentInit } from './agentProcess.js';
import { hubCluster, singleHub, type CourtHubs } from './courtHubs.js';
import { outagePlan, runOutages } from './hubOutages.js';
import { LogFile } from './logFile.js';
import { newObservations, type Observations, type Tracked } from './observations.js';
import type { FaultOptions } from './options.js';
import { createRng, type Rng } from './prng.js';
import { FaultProxy } from './proxy.js';
import { Residents } from './residents.js';

// The scenario. Lanes of residents submit intakes through the agent process while
//   (a) the agent is SIGKILLed at random moments and restarted (same store, same data key),
//   (b) the hub is stopped and restarted, and SIGKILLed the moment an intake request reaches it
//       (with --cluster: either of two instances on PostgreSQL, and PostgreSQL itself is stopped
//       for a while and started again, see ./courtHubs.ts),
//   (c) the proxy between them drops, delays, resets and corrupts a fraction of requests.
// A submission counts as submitted only when the driver got an ok Result (the resident's
// receipt). A call that died with the agent is "uncertain": it may have committed, so the hub
// may hold it once, never twice. Afterwards faults stop, the outbox drains, and the audit
// compares what the residents were promised with what is on disk.

export interface DriverPaths {
  runDir: string;
  agentEntry: string;
  hubEntry: string;
}

interface Task {
  kind: 'new' | 'retry' | 'doubleTap';
  submission: IntakeSubmission;
}

const ENROLLMENT_CODE = 'fault-enrollment-code-0001';
const ADMIN_PASSWORD = 'fault-admin-password';

export class FaultDriver {
  private readonly rng: Rng;
  private readonly laneRng: Rng;
  private readonly killRng: Rng;
  private readonly hubRng: Rng;
  private readonly residents: Residents;
  private readonly tracked = new Map<string, Tracked>();
  private readonly receipted: string[] = [];
  private readonly retryQueue: IntakeSubmission[] = [];
  private readonly agentOut: LogFile;
  private readonly agentErr: LogFile;
  private readonly init: AgentInit;
  private readonly obs: Observations;
  private proxy!: FaultProxy;
  private hubs!: CourtHubs;
  private current: AgentProcess | null = null;
  private currentWaiters: Array<() => void> = [];
  private lifeReceipts = 0;
  private lifeWaiter: (() => void) | null = null;
  private inflightNew = 0;
  private chaosOver = false;
  private hubEventsDone = false;
  private readonly startedAt = Date.now();
  private readonly thinkMeanMs: number;
  private inflightSubmits = 0;
  private submitStartWaiters: Array<() => void> = [];

  constructor(
    private readonly o: FaultOptions,
    private readonly paths: DriverPaths,
    private readonly say: (line: string) => void,
  ) {
    this.rng = createRng(o.seed);
    this.laneRng = this.rng.fork('lanes');
    this.killRng = this.rng.fork('kills');
    this.hubRng = this.rng.fork('hub');
    this.residents = new Residents(this.rng.fork('residents'));
    this.thinkMeanMs = Math.round((o.lanes * o.durationMs) / o.submissions);
    this.agentOut = new LogFile(join(paths.runDir, 'agent.stdout.log'));
    this.agentErr = new LogFile(join(paths.runDir, 'agent.stderr.log'));
    const kioskDir = join(paths.runDir, 'kiosk');
    this.init = {
      dataKey: randomBytes(32).toString('base64'),
      options: {
        dataDir: kioskDir,
        hubUrl: '', // set once the proxy listens
        kind: 'browser',
        enrollmentCode: ENROLLMENT_CODE,
        terminalId: `KSK-FAULT-${o.seed.toString(16).toUpperCase()}`,
        healthIntervalMs: 200,
      },
    };
    this.obs = newObservations(this.tracked, join(kioskDir, 'kiosk.sqlite'));
  }

  /** Every personal value the residents used (for the log scan). */
  personalValues(): string[] {
    return this.residents.personalValues();
  }

  async run(): Promise<Observations> {
    const common = { entry: this.paths.hubEntry, runDir: this.paths.runDir, enrollmentCode: ENROLLMENT_CODE, adminPassword: ADMIN_PASSWORD };
    this.hubs = this.o.cluster ? await hubCluster(common) : await singleHub(common);
    try {
      return await this.runWithHubs();
    } finally {
      await this.hubs.close();
    }
  }

  private async runWithHubs(): Promise<Observations> {
    const hubs = this.hubs;
    this.proxy = new FaultProxy({ upstream: () => hubs.upstream(), rng: this.rng.fork('proxy'), faultRate: this.o.faultRate });
    this.init.options.hubUrl = await this.proxy.listen();
    await hubs.startAll();
    const where = hubs.instances.map((h) => `127.0.0.1:${h.port}`).join(' and ');
    this.say(
      `fault: ${hubs.database ? `PostgreSQL and hub instances on ${where}` : `hub on ${where}`}, proxy ${this.proxy.url} (fault rate ${this.o.faultRate}); ` +
        `intakes delivered in batches of up to ${DEFAULT_INTAKE_BATCH}`,
    );

    const progress = setInterval(() => this.progress(), 5_000);
    try {
      const lanes = Array.from({ length: this.o.lanes }, () => this.lane());
      await Promise.all([this.agentLives(), this.hubEvents(), ...lanes]);
      this.obs.chaosMs = Date.now() - this.startedAt;
      this.progress();
      await this.drainPhase();
    } finally {
      this.chaosOver = true; // stops every loop, also when something above threw
      this.currentWaiters.splice(0).forEach((w) => w());
      clearInterval(progress);
      this.obs.hubStops = hubs.stops;
      this.obs.hubKills = hubs.kills;
      await this.current?.kill();
      await hubs.stopAll();
      await this.proxy.close();
      this.agentOut.close();
      this.agentErr.close();
    }
    if (hubs.database) await hubs.database.start().catch(() => undefined); // a run that failed mid-stop still reads what is there
    this.obs.hub = await hubs.stored();
    this.obs.unexpectedHubExits = hubs.unexpectedExits;
    this.obs.proxyCounts = { ...this.proxy.counts };
    return this.obs;
  }

  private get submissionsDone(): boolean {
    return this.receipted.length >= this.o.submissions;
  }

  private progress(): void {
    const s = ((Date.now() - this.startedAt) / 1000).toFixed(1);
    const uncertain = [...this.tracked.values()].filter((t) => t.uncertain && !t.receipt).length;
    this.say(
      `fault: [${s}s] receipts=${this.receipted.length}/${this.o.submissions} uncertain=${uncertain} ` +
        `kills=${this.obs.kills}/${this.o.kills} hub(stops=${this.hubs.stops} kills=${this.hubs.kills} up=${this.hubs.instances.filter((h) => h.running).length}/${this.hubs.instances.length}) ` +
        `proxy(faults=${this.proxy.faulted} clean=${this.proxy.counts.clean})`,
    );
  }

  // ---- (a) agent lives: start, let it work a random while, SIGKILL --------------------------

  private startAgent(): AgentProcess {
    const life = ++this.obs.lives;
    this.agentErr.write(`--- agent life #${life}\n`);
    const agent = new AgentProcess({ entry: this.paths.agentEntry, init: this.init, stdout: this.agentOut, stderr: this.agentErr });
    void agent.exited.then((exit) => {
      if (agent.readyTimedOut) this.obs.readyTimeouts++;
      else if (!exit.expected) this.obs.unexpectedAgentExits.push(`life ${life} pid ${agent.pid}: code=${exit.code} signal=${exit.signal}`);
      if (this.current === agent) this.current = null;
      this.lifeWaiter?.();
    });
    void agent.ready.then(
      () => {
        if (!agent.isAlive) return;
        this.current = agent;
        this.lifeReceipts = 0;
        this.currentWaiters.splice(0).forEach((w) => w());
      },
      () => undefined,
    );
    return agent;
  }

  private async agentLives(): Promise<void> {
    const rng = this.killRng;
    // Receipts per life average N/K, so the kills spread over the whole submission phase.
    const maxPerLife = Math.max(1, Math.floor((2 * this.o.submissions) / Math.max(1, this.o.kills)) - 1);
    let failedStarts = 0;
    while (!this.chaosOver) {
      const agent = this.startAgent();
      const early = rng.chance(0.1);
      if (early) {
        // Killed while starting: migrations, recovery of interrupted jobs, the first sends.
        await sleep(rng.int(0, 400));
      } else {
        const ready = await agent.ready.then(
          () => true,
          () => false,
        );
        if (!ready) {
          // Died on its own before ready (the exit watcher records it). A broken build must not fork forever.
          if (++failedStarts >= 5) throw new Error('the agent process exits before it is ready (see agent.stderr.log)');
          continue;
        }
        failedStarts = 0;
        if (this.submissionsDone) await sleep(rng.int(100, 800));
        else await this.untilLifeReceipts(agent, rng.int(1, maxPerLife), Math.max(5_000, (4 * this.o.durationMs) / Math.max(1, this.o.kills)));
        if (rng.chance(0.5) && !this.submissionsDone) {
          // While a submit call is in flight: before, during or just after its commit.
          await this.untilSubmitStarts(2_000);
          const ms = rng.int(0, 3);
          if (ms > 0) await sleep(ms); // 0: before the child has even read the call
        } else {
          await sleep(rng.int(0, 300)); // any moment: mid-send, mid-retry, idle
        }
      }
      if (agent.isAlive) {
        await agent.kill();
        this.obs.kills++;
        if (early) this.obs.earlyKills++;
        // The resident who just got a receipt taps "submit" again once the kiosk is back.
        const last = this.receipted.at(-1);
        if (last && rng.chance(0.5)) {
          this.obs.doubleTaps++;
          this.retryQueue.push(this.tracked.get(last)!.submission);
        }
      }
      if (this.obs.kills >= this.o.kills && this.submissionsDone && this.hubEventsDone) break;
    }
    this.chaosOver = true;
    this.currentWaiters.splice(0).forEach((w) => w());
  }

  private untilSubmitStarts(timeoutMs: number): Promise<void> {
    if (this.inflightSubmits > 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.submitStartWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private untilLifeReceipts(agent: AgentProcess, count: number, fallbackMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.lifeWaiter = null;
        resolve();
      };
      const timer = setTimeout(done, fallbackMs);
      this.lifeWaiter = () => {
        if (this.lifeReceipts >= count || !agent.isAlive || this.submissionsDone) done();
      };
      this.lifeWaiter();
    });
  }

  // ---- (b) the court side: hub instances stopped and killed, PostgreSQL stopped (./hubOutages.ts)

  private async hubEvents(): Promise<void> {
    await runOutages({
      hubs: this.hubs,
      proxy: this.proxy,
      rng: this.hubRng,
      plan: outagePlan(this.o.quick, this.o.cluster),
      durationMs: this.o.durationMs,
      databaseDownMs: this.o.databaseDownMs,
      progress: () => this.receipted.length / this.o.submissions,
      over: () => this.chaosOver,
      say: this.say,
      counts: this.obs,
    });
    this.hubEventsDone = true;
  }

  // ---- the residents -------------------------------------------------------------------------

  private async readyAgent(): Promise<AgentProcess | null> {
    while (!this.chaosOver) {
      if (this.current?.isAlive) return this.current;
      await new Promise<void>((r) => this.currentWaiters.push(r));
    }
    return null;
  }

  private nextTask(): Task | null {
    const rng = this.laneRng;
    const retry = this.retryQueue.shift();
    if (retry) return { kind: 'retry', submission: retry };
    if (this.submissionsDone) return null;
    if (this.receipted.length > 0 && rng.chance(0.05)) {
      const original = this.tracked.get(rng.pick(this.receipted))!.submission;
      const altered = rng.chance(0.3);
      this.obs.doubleTaps++;
      if (altered) this.obs.alteredDoubleTaps++;
      return { kind: 'doubleTap', submission: altered ? this.residents.altered(original) : original };
    }
    if (this.receipted.length + this.inflightNew >= this.o.submissions) return null;
    return { kind: 'new', submission: this.residents.next() };
  }

  private async lane(): Promise<void> {
    for (;;) {
      const agent = await this.readyAgent();
      if (!agent) return;
      const task = this.nextTask();
      if (!task) {
        if (this.submissionsDone) return;
        await sleep(20);
        continue;
      }
      await this.submit(agent, task);
      // Residents are paced so the chaos phase lasts about --duration: the outbox then works
      // between submissions, as on a real kiosk, and kills land on every kind of moment.
      if (this.thinkMeanMs > 0) await sleep(this.laneRng.int(0, 2 * this.thinkMeanMs));
    }
  }

  private async submit(agent: AgentProcess, task: Task): Promise<void> {
    const id = task.submission.submissionId;
    let t = this.tracked.get(id);
    if (!t) {
      t = { submission: task.submission, receipt: null, uncertain: false, retries: 0 };
      this.tracked.set(id, t);
    }
    if (task.kind === 'new') this.inflightNew++;
    const calledAt = Date.now();
    this.inflightSubmits++;
    this.submitStartWaiters.splice(0).forEach((w) => w());
    try {
      const result = await agent.call('intake.submit', task.submission);
      if (result.ok) {
        const receipt = result.value as Receipt;
        if (task.kind === 'retry' && t.uncertain && !t.receipt && Date.parse(receipt.submittedAt) < calledAt) {
          this.obs.uncertainCommittedBeforeDeath++;
        }
        this.onReceipt(t, receipt);
      } else if (result.error.code === 'UNAVAILABLE') {
        this.retryQueue.push(t.submission); // refused before dispatch: nothing was written
      } else {
        const key = `intake.submit ${result.error.code}`;
        this.obs.callErrors.set(key, (this.obs.callErrors.get(key) ?? 0) + 1);
      }
    } catch (error) {
      if (!(error instanceof AgentGone)) throw error;
      if (error.reason === 'timeout') this.obs.callTimeouts++;
      if (!t.receipt) {
        // No receipt: the resident saw nothing, but the commit may have happened.
        t.uncertain = true;
        // Half of them come back with the same UUID (the draft survived); the rest walk away.
        if (t.retries < 2 && this.laneRng.chance(0.5)) {
          t.retries++;
          this.obs.uncertainRetried++;
          this.retryQueue.push(t.submission);
        }
      }
    } finally {
      this.inflightSubmits--;
      if (task.kind === 'new') this.inflightNew--;
    }
  }

  private onReceipt(t: Tracked, receipt: Receipt): void {
    const id = t.submission.submissionId;
    if (receipt.submissionId !== id) this.obs.receiptMismatches.push(`${id}: receipt for ${receipt.submissionId}`);
    if (t.receipt) {
      // A double tap: the first receipt again (its status may have moved on to delivered).
      if (receipt.provisionalNumber !== t.receipt.provisionalNumber || receipt.submittedAt !== t.receipt.submittedAt) {
        this.obs.receiptMismatches.push(`${id}: ${t.receipt.provisionalNumber} then ${receipt.provisionalNumber}`);
      }
      return;
    }
    t.receipt = receipt;
    this.receipted.push(id);
    this.lifeReceipts++;
    this.lifeWaiter?.();
  }

  // ---- afterwards: faults off, hub up, a fresh agent drains the outbox -----------------------

  private async drainPhase(): Promise<void> {
    this.proxy.setFaultRate(0);
    await this.hubs.startAll();
    const agent = this.startAgent();
    await agent.ready;
    const started = Date.now();
    const deadline = started + this.o.drainTimeoutMs;
    let last = { queueDepth: -1, needsAttention: -1 };
    for (;;) {
      const r = await agent.call('sync.status', undefined).catch(() => null);
      if (r?.ok) last = r.value as typeof last;
      if (last.queueDepth === 0 || Date.now() > deadline) break;
      await sleep(250);
    }
    this.obs.drain = { ms: Date.now() - started, drained: last.queueDepth === 0, ...last };
    this.say(
      `fault: drain ${last.queueDepth === 0 ? 'complete' : 'TIMED OUT'} in ${((Date.now() - started) / 1000).toFixed(1)}s ` + `(queueDepth=${last.queueDepth} needsAttention=${last.needsAttention})`,
    );
    const exit = await agent.shutdown();
    if (exit.signal) this.obs.notes.push(`the agent did not exit on shutdown (killed: ${exit.signal})`);
    this.current = null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
