import { randomBytes } from 'node:crypto';
import { Agent as HttpAgent } from 'node:http';
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { EnrollResponse, hubPaths } from '../../shared/hubProtocol.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE } from '../support/hubHarness.js';
import { createDatabase, startPostgresCluster } from '../support/postgresCluster.js';
import type { Benchmark } from './benchmark.js';
import { spawnHub } from './hubProcess.js';
import { INGEST_CONCURRENCY, load, measureHubIngest, post, prepareIntakes } from './hubIngest.js';
import { latencySummary, round } from './stats.js';

// Intake ingest on two hub instances sharing one PostgreSQL database (issue 13 item 6): a
// throwaway PostgreSQL cluster (tests/support/postgresCluster.ts, fsync off: the figure is the
// hubs' and the database's work, not this machine's disk), two hub processes, half the load on
// each (as nginx would spread it), every request a first delivery. The same count on one
// SQLite hub process is measured in the same run, so the ratio is visible whatever the machine.

const REQUESTS = 1_000;
const WARMUP = 100;
const TIMEOUT_MS = 240_000;

export const clusterIngestBenchmark: Benchmark = {
  id: 'cluster_ingest',
  metrics: ['cluster_ingest_per_s'],
  description: `${REQUESTS} intakes over two hub instances on one PostgreSQL, beside one SQLite hub`,
  async run(ctx) {
    const postgres = await startPostgresCluster();
    const dirs = [tempDir('bench-cluster-a-'), tempDir('bench-cluster-b-')];
    const agent = new HttpAgent({ keepAlive: true, maxSockets: INGEST_CONCURRENCY });
    const hubs: Array<Awaited<ReturnType<typeof spawnHub>>> = [];
    try {
      const env = { HUB_DATABASE_URL: await createDatabase(postgres), HUB_DATA_KEY: randomBytes(32).toString('hex'), HUB_BACKUP_INTERVAL_MINUTES: '0' };
      // One after the other: the second finds the schema migrated.
      for (const dataDir of dirs) hubs.push(await spawnHub({ dataDir, env, readyTimeoutMs: 60_000 }));
      const terminalId = 'BENCH-CLUSTER-01';
      const enroll = await post(agent, new URL(hubPaths.enroll, hubs[0]!.url), {}, JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId, name: 'bench cluster', location: '' }));
      if (enroll.status !== 200) throw new Error(`enroll answered ${enroll.status}: ${enroll.body.slice(0, 200)}`);
      const { credential } = EnrollResponse.parse(JSON.parse(enroll.body));
      const urls = hubs.map((h) => new URL(hubPaths.intakes, h.url));
      const deadline = performance.now() + TIMEOUT_MS;
      const half = INGEST_CONCURRENCY / 2;
      const both = async (count: number, firstSeq: number): Promise<number[]> => {
        const intakes = prepareIntakes(count, terminalId, firstSeq);
        const parts = await Promise.all(urls.map((url, i) => load(agent, url, credential, intakes.slice((i * count) / 2, ((i + 1) * count) / 2), half, deadline)));
        return parts.flat();
      };
      await both(WARMUP, 1);
      const t0 = performance.now();
      const latencies = await both(REQUESTS, WARMUP + 1);
      const seconds = (performance.now() - t0) / 1000;
      const rate = REQUESTS / seconds;
      ctx.note(`cluster_ingest: ${REQUESTS} intakes (after ${WARMUP} warm-up) over 2 instances × ${half} keep-alive connections, PostgreSQL (fsync off), ${round(seconds, 3)} s, all 201`);
      ctx.note(`cluster_ingest: request latency ${latencySummary(latencies)}`);
      ctx.report('cluster_ingest_per_s', rate, 0);
      for (const h of hubs.splice(0)) await h.stop();
      const sqlite = await measureHubIngest(REQUESTS);
      ctx.floor('cluster_ingest_per_s', rate, 'hub_ingest_per_s (one SQLite process, same run)', sqlite.perS);
    } finally {
      agent.destroy();
      for (const h of hubs) await h.stop();
      await postgres.destroy();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
    }
  },
};
