import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request } from 'node:http';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EnrollResponse, hubPaths, type IntakeIngest } from '../../shared/hubProtocol.js';
import { sampleApplication, sampleResident, tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE } from '../support/hubHarness.js';
import type { Benchmark } from './benchmark.js';
import { spawnHub } from './hubProcess.js';
import { latencySummary, round } from './stats.js';

// Hub ingest throughput (DESIGN §6: ≥ 2,000 submissions/s).
// The hub runs as its own process; this process is the load generator: one enrolled terminal,
// CONCURRENCY requests in flight over keep-alive connections, each a distinct valid intake
// (new submissionId = new Idempotency-Key, so every request is a first delivery: schema
// check, fingerprint, one FULL-sync SQLite transaction). Bodies are serialised before the
// clock starts. Loopback only; bounded by count and by INGEST_TIMEOUT_MS.

export const INGEST_WARMUP = 1000;
export const INGEST_REQUESTS = 10_000;
export const INGEST_CONCURRENCY = 64;
const INGEST_TIMEOUT_MS = 120_000;

interface Reply {
  status: number;
  body: string;
}

export function post(agent: HttpAgent, url: URL, headers: Record<string, string>, body: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface PreparedIntake {
  key: string;
  body: string;
}

export function prepareIntakes(count: number, terminalId: string, startSeq: number): PreparedIntake[] {
  const day = new Date().toISOString().slice(2, 10).replaceAll('-', '');
  return Array.from({ length: count }, (_, i) => {
    const ingest: IntakeIngest = {
      submissionId: randomUUID(),
      provisionalNumber: `${terminalId}-${day}-${String(startSeq + i).padStart(5, '0')}`,
      language: 'zh-CN',
      submittedAt: new Date().toISOString(),
      application: sampleApplication({ facts: `${sampleResident.facts}（${startSeq + i}）` }),
    };
    return { key: ingest.submissionId, body: JSON.stringify(ingest) };
  });
}

/** Sends every intake with `concurrency` in flight; resolves with per-request latencies (ms). */
export async function load(agent: HttpAgent, url: URL, credential: string, intakes: PreparedIntake[], concurrency: number, deadline: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < intakes.length) {
      if (performance.now() > deadline) throw new Error('ingest benchmark exceeded its time bound');
      const intake = intakes[next++]!;
      const t0 = performance.now();
      const reply = await post(agent, url, { authorization: `Bearer ${credential}`, 'idempotency-key': intake.key }, intake.body);
      latencies.push(performance.now() - t0);
      if (reply.status !== 201) throw new Error(`hub answered ${reply.status}: ${reply.body.slice(0, 200)}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return latencies;
}

/** Hub ingest on a fresh hub process: `count` intakes at INGEST_CONCURRENCY (another benchmark's floor). */
export async function measureHubIngest(count: number): Promise<{ perS: number; cpuUsPerIntake: number | null }> {
  const dataDir = tempDir('bench-ingest-floor-');
  const hub = await spawnHub({ dataDir });
  const agent = new HttpAgent({ keepAlive: true, maxSockets: INGEST_CONCURRENCY });
  try {
    const terminalId = 'BENCH-FLOOR-01';
    const enroll = await post(agent, new URL(hubPaths.enroll, hub.url), {}, JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId, name: 'bench floor', location: '' }));
    const { credential } = EnrollResponse.parse(JSON.parse(enroll.body));
    const url = new URL(hubPaths.intakes, hub.url);
    const deadline = performance.now() + INGEST_TIMEOUT_MS;
    await load(agent, url, credential, prepareIntakes(Math.min(500, count), terminalId, 1), INGEST_CONCURRENCY, deadline);
    const cpu0 = hub.cpuMs();
    const t0 = performance.now();
    await load(agent, url, credential, prepareIntakes(count, terminalId, 1000), INGEST_CONCURRENCY, deadline);
    const seconds = (performance.now() - t0) / 1000;
    const cpu1 = hub.cpuMs();
    return { perS: count / seconds, cpuUsPerIntake: cpu0 !== null && cpu1 !== null ? ((cpu1 - cpu0) * 1000) / count : null };
  } finally {
    agent.destroy();
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const hubIngestBenchmark: Benchmark = {
  id: 'hub_ingest',
  metrics: ['hub_ingest_per_s'],
  description: 'hub intake ingest throughput, hub in its own process, keep-alive load generator',
  async run(ctx) {
    const dataDir = tempDir('bench-ingest-hub-');
    const hub = await spawnHub({ dataDir });
    const agent = new HttpAgent({ keepAlive: true, maxSockets: INGEST_CONCURRENCY });
    try {
      const terminalId = 'BENCH-LOAD-01';
      const enroll = await post(agent, new URL(hubPaths.enroll, hub.url), {}, JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId, name: 'bench load', location: '' }));
      if (enroll.status !== 200) throw new Error(`enroll answered ${enroll.status}: ${enroll.body.slice(0, 200)}`);
      const { credential } = EnrollResponse.parse(JSON.parse(enroll.body));
      const url = new URL(hubPaths.intakes, hub.url);
      const warmup = prepareIntakes(INGEST_WARMUP, terminalId, 1);
      const measured = prepareIntakes(INGEST_REQUESTS, terminalId, INGEST_WARMUP + 1);

      const deadline = performance.now() + INGEST_TIMEOUT_MS;
      await load(agent, url, credential, warmup, INGEST_CONCURRENCY, deadline);
      const cpu0 = hub.cpuMs();
      const t0 = performance.now();
      const latencies = await load(agent, url, credential, measured, INGEST_CONCURRENCY, deadline);
      const seconds = (performance.now() - t0) / 1000;
      const cpu1 = hub.cpuMs();
      const rate = INGEST_REQUESTS / seconds;
      ctx.note(`hub_ingest: ${INGEST_REQUESTS} intakes (after ${INGEST_WARMUP} warm-up), ${INGEST_CONCURRENCY} keep-alive connections, ${round(seconds, 3)} s, all 201`);
      ctx.note(`hub_ingest: request latency ${latencySummary(latencies)}`);
      if (cpu0 !== null && cpu1 !== null) {
        // Less sensitive to other load on the machine than the wall-clock rate.
        ctx.note(`hub_ingest: hub CPU ${Math.round(((cpu1 - cpu0) * 1000) / INGEST_REQUESTS)} µs per intake (${round((cpu1 - cpu0) / 1000 / seconds, 2)} cores busy)`);
      }
      ctx.report('hub_ingest_per_s', rate, 0);
    } finally {
      agent.destroy();
      await hub.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
