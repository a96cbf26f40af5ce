import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Agent } from '../../main/agent/agent.js';
import { sampleSubmission, tempDir } from '../support/fixtures.js';
import { freePort, startHub } from '../support/hubHarness.js';
import type { Benchmark, BenchContext } from './benchmark.js';
import { spawnHub } from './hubProcess.js';
import { measureHubIngest } from './hubIngest.js';
import { benchAgent, submitThroughDispatch, undeliveredJobs } from './kioskAgent.js';
import { round, sleep } from './stats.js';

// Outbox drain to a local hub (DESIGN §6: ≥ 1,000 submissions/s).
// N submissions are committed while the hub is down (sync stopped, so they are all due now,
// not pushed back by backoff); then a hub starts on the agent's configured port, sync starts,
// and the clock runs until no job is pending or in flight. The first send enrolls the
// terminal, so enrollment is inside the measured time (one request). The submissions carry no
// attachments: uploading photos (tus, several requests per file) is a different path.
// Reported: hub as a separate process (production shape). Also measured, as a note: the hub
// in the agent's process, where both share one event loop.

export const DRAIN_SUBMISSIONS = 3000;
const DRAIN_TIMEOUT_MS = 120_000;

type HubMode = 'process' | 'in-process';

async function drainOnce(ctx: BenchContext, mode: HubMode): Promise<{ rate: number; agentCpuUs: number }> {
  const agentDir = tempDir('bench-drain-agent-');
  const hubDir = tempDir('bench-drain-hub-');
  const port = await freePort();
  let agent: Agent | null = null;
  let stopHub: (() => Promise<void>) | null = null;
  try {
    agent = await benchAgent(agentDir, `http://127.0.0.1:${port}`);
    await agent.sync.stop();
    for (let i = 0; i < DRAIN_SUBMISSIONS; i++) await submitThroughDispatch(agent, sampleSubmission());
    const pending = undeliveredJobs(agent);
    if (pending() !== DRAIN_SUBMISSIONS) throw new Error(`expected ${DRAIN_SUBMISSIONS} queued jobs, found ${pending()}`);

    let hubCount: () => number | Promise<number>;
    let hubCpuMs: () => number | null = () => null;
    if (mode === 'process') {
      const hub = await spawnHub({ dataDir: hubDir, port });
      stopHub = () => hub.stop();
      hubCpuMs = () => hub.cpuMs();
      hubCount = () => {
        const db = new Database(join(hubDir, 'hub.sqlite'), { readonly: true });
        try {
          return (db.prepare('SELECT count(*) AS n FROM intakes').get() as { n: number }).n;
        } finally {
          db.close();
        }
      };
    } else {
      const hub = await startHub({ dataDir: hubDir, port });
      stopHub = () => hub.close();
      hubCount = () => hub.hub.intakes.count();
    }

    const cpu0 = process.cpuUsage();
    const hubCpu0 = hubCpuMs();
    const t0 = performance.now();
    agent.sync.start();
    const deadline = t0 + DRAIN_TIMEOUT_MS;
    while (pending() > 0) {
      if (performance.now() > deadline) throw new Error(`drain (${mode}) still had ${pending()} jobs after ${DRAIN_TIMEOUT_MS} ms`);
      await sleep(5);
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const hubCpu1 = hubCpuMs();

    const status = agent.sync.status();
    const delivered = (agent.db.prepare(`SELECT count(*) AS n FROM submissions WHERE status = 'delivered'`).get() as { n: number }).n;
    const received = await hubCount();
    if (status.needsAttention !== 0 || delivered !== DRAIN_SUBMISSIONS || received !== DRAIN_SUBMISSIONS) {
      throw new Error(`drain (${mode}) lost or parked work: delivered ${delivered}, hub has ${received}, parked ${status.needsAttention}`);
    }
    const rate = DRAIN_SUBMISSIONS / seconds;
    ctx.note(`drain (${mode} hub): ${DRAIN_SUBMISSIONS} in ${round(seconds, 3)} s = ${Math.round(rate)}/s; hub received ${received}, 0 parked`);
    // CPU per submission is less sensitive to other load on the machine than the wall-clock rate.
    const perJob = (ms: number) => Math.round((ms * 1000) / DRAIN_SUBMISSIONS);
    const agentCpuMs = (cpu.user + cpu.system) / 1000;
    ctx.note(
      `drain (${mode} hub): CPU per submission: ${mode === 'process' ? 'agent' : 'agent + hub'} ${perJob(agentCpuMs)} µs` +
        (hubCpu0 !== null && hubCpu1 !== null ? `, hub ${perJob(hubCpu1 - hubCpu0)} µs` : ''),
    );
    return { rate, agentCpuUs: perJob(agentCpuMs) };
  } finally {
    await agent?.close();
    await stopHub?.();
    rmSync(agentDir, { recursive: true, force: true });
    rmSync(hubDir, { recursive: true, force: true });
  }
}

export const drainBenchmark: Benchmark = {
  id: 'drain',
  metrics: ['drain_per_s', 'drain_agent_cpu_us'],
  description: 'outbox drain of queued submissions to a local hub in its own process',
  async run(ctx) {
    ctx.note(`drain: agent sync concurrency is the agent's default; ${DRAIN_SUBMISSIONS} submissions queued while the hub was down`);
    await drainOnce(ctx, 'in-process');
    const drained = await drainOnce(ctx, 'process');
    ctx.report('drain_per_s', drained.rate, 0);
    ctx.report('drain_agent_cpu_us', drained.agentCpuUs, 0);
    // The floor: how fast the hub alone takes single intakes from a load generator, this run, this machine.
    const floor = await measureHubIngest(DRAIN_SUBMISSIONS);
    ctx.note(`drain: floor measured now: hub_ingest_per_s ${Math.round(floor.perS)} (hub CPU ${floor.cpuUsPerIntake === null ? '?' : Math.round(floor.cpuUsPerIntake)} µs per intake)`);
    ctx.floor('drain_per_s', drained.rate, 'hub_ingest_per_s', floor.perS);
  },
};
