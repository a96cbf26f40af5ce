import { Agent as HttpAgent } from 'node:http';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EnrollResponse, hubPaths } from '../../shared/hubProtocol.js';
import { fleetPaths } from '../../shared/terminals/heartbeat.js';
import { tempDir } from '../support/fixtures.js';
import { healthyHeartbeat } from '../support/heartbeats.js';
import { ENROLLMENT_CODE } from '../support/hubHarness.js';
import type { Benchmark } from './benchmark.js';
import { post } from './hubIngest.js';
import { spawnHub } from './hubProcess.js';
import { latencySummary, round } from './stats.js';

// Heartbeat ingest: TERMINALS enrolled kiosks report at once, round after round, over keep-alive
// connections to a hub in its own process; each heartbeat is one transaction (latest, history,
// its bound, alerts, pending settings and requests). A province of 5,000 kiosks at one heartbeat
// per 30 s needs ~170/s.

const TERMINALS = 200;
const ROUNDS = 20;
const CONCURRENCY = 32;

export const heartbeatIngestBenchmark: Benchmark = {
  id: 'heartbeat_ingest',
  metrics: ['heartbeat_ingest_per_s'],
  description: `${TERMINALS} terminals × ${ROUNDS} heartbeats, ${CONCURRENCY} in flight`,
  async run(ctx) {
    const dataDir = tempDir('bench-heartbeat-hub-');
    const hub = await spawnHub({ dataDir });
    const agent = new HttpAgent({ keepAlive: true, maxSockets: CONCURRENCY });
    try {
      const credentials: string[] = [];
      for (let i = 0; i < TERMINALS; i++) {
        const enroll = await post(agent, new URL(hubPaths.enroll, hub.url), {}, JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId: `BENCH-HB-${i}`, name: `bench ${i}`, location: '' }));
        credentials.push(EnrollResponse.parse(JSON.parse(enroll.body)).credential);
      }
      const url = new URL(fleetPaths.heartbeat, hub.url);
      const body = JSON.stringify(healthyHeartbeat());
      const jobs = Array.from({ length: TERMINALS * ROUNDS }, (_, i) => credentials[i % TERMINALS]!);
      const latencies: number[] = [];
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < jobs.length) {
            const credential = jobs[next++]!;
            const t0 = performance.now();
            const reply = await post(agent, url, { authorization: `Bearer ${credential}` }, body);
            if (reply.status !== 200) throw new Error(`heartbeat answered ${reply.status}: ${reply.body.slice(0, 200)}`);
            latencies.push(performance.now() - t0);
          }
        }),
      );
      const seconds = (performance.now() - started) / 1000;
      ctx.note(`heartbeat_ingest: ${jobs.length} heartbeats from ${TERMINALS} terminals in ${round(seconds, 2)} s; latency ${latencySummary(latencies)}`);
      ctx.report('heartbeat_ingest_per_s', jobs.length / seconds, 0);
    } finally {
      agent.destroy();
      await hub.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
