import { Agent as HttpAgent } from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { openHubDatabase } from '../../server/db/database.js';
import { inTransaction } from '../../server/db/engine.js';
import { newSecret, sha256Hex } from '../../server/http/credentials.js';
import { openTerminalStore } from '../../server/terminals/store.js';
import { signallingPaths } from '../../shared/signalling.js';
import { fleetPaths } from '../../shared/terminals/heartbeat.js';
import { tempDir } from '../support/fixtures.js';
import { healthyHeartbeat } from '../support/heartbeats.js';
import type { Benchmark } from './benchmark.js';
import { post } from './hubIngest.js';
import { spawnHub } from './hubProcess.js';
import { latencySummary, percentile, round, sleep } from './stats.js';

// Kiosk connections one hub process holds (issue 13 item 6, DESIGN §6: 10,000). Each simulated
// terminal is enrolled (seeded into the hub's database before it starts), opens its signalling socket (authenticated upgrade, the desk's `hello`) and
// keeps it, answering the hub's pings, while it sends its fleet heartbeat (one POST, one
// transaction) on a schedule. A real kiosk heartbeats every 30 s; here the interval is scaled DOWN
// to HEARTBEAT_INTERVAL_S (15 s: twice a real fleet's rate) so that ROUNDS heartbeats per terminal
// fit in a bounded run. A heartbeat's latency counts from its scheduled moment (time queued behind
// busy connections included), so an overloaded hub shows in the p99 instead of slowing the load.
// Heartbeats share 256 keep-alive connections: the sockets held are the signalling ones, and the
// load generator stays under its own open-file limit. Held = sockets still open at the end.
// The floor beside the figure is the hub process's open-file limit, which bounds any socket count.

const TERMINALS = Number(process.env.BENCH_KIOSK_CONNECTIONS ?? 10_000);
const HEARTBEAT_INTERVAL_S = Number(process.env.BENCH_HEARTBEAT_INTERVAL_S ?? 15);
const ROUNDS = 2;
const OPENING_CONCURRENCY = 64;
const HEARTBEAT_CONNECTIONS = 256;
/** Heartbeats still unanswered this long after the last scheduled one are counted as failed. */
const SETTLE_MS = 60_000;

function openFilesLimit(pid: number): number {
  const line = readFileSync(`/proc/${pid}/limits`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? NaN);
}

/** Enrolls `count` terminals straight into a new hub database (one transaction; enrolling 10,000 over HTTP took minutes here); their credentials. */
async function seedTerminals(dataDir: string, count: number): Promise<string[]> {
  const hubDb = await openHubDatabase({ dataDir });
  try {
    const at = new Date().toISOString();
    const credentials = Array.from({ length: count }, () => newSecret());
    await inTransaction(hubDb, async (trx) => {
      const terminals = openTerminalStore(trx);
      for (const [i, credential] of credentials.entries()) {
        await terminals.enroll({ terminalId: `BENCH-HOLD-${i}`, name: `bench ${i}`, location: '', credentialHash: sha256Hex(credential), at });
      }
    });
    return credentials;
  } finally {
    await hubDb.close();
  }
}

/** Opens a terminal's signalling socket and resolves once the hub's desk said `hello`. */
function holdSocket(url: string, credential: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${credential}` }, perMessageDeflate: false });
    const timer = setTimeout(() => fail(new Error('no hello within 60 s')), 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(error);
    };
    ws.once('unexpected-response', (_req, res) => fail(new Error(`upgrade answered ${res.statusCode}`)));
    ws.once('error', fail);
    ws.once('message', () => {
      clearTimeout(timer);
      ws.off('error', fail);
      ws.on('error', () => undefined); // a socket lost later is counted as not held
      resolve(ws);
    });
  });
}

export const kioskConnectionsBenchmark: Benchmark = {
  id: 'kiosk_connections',
  metrics: ['kiosk_connections_held', 'kiosk_heartbeat_p99_ms'],
  description: `${TERMINALS} terminals each holding a signalling socket, ${ROUNDS} heartbeats each every ${HEARTBEAT_INTERVAL_S} s (a real kiosk: 30 s)`,
  async run(ctx) {
    const dataDir = tempDir('bench-connections-hub-');
    const t0 = performance.now();
    const credentials = await seedTerminals(dataDir, TERMINALS);
    const hub = await spawnHub({ dataDir, readyTimeoutMs: 60_000 });
    const agent = new HttpAgent({ keepAlive: true, maxSockets: HEARTBEAT_CONNECTIONS });
    const sockets: WebSocket[] = [];
    try {
      const t1 = performance.now();
      const wsUrl = new URL(signallingPaths.kiosk, hub.url.replace(/^http/, 'ws')).toString();
      let refused = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: OPENING_CONCURRENCY }, async () => {
          for (let i = next++; i < TERMINALS; i = next++) {
            await holdSocket(wsUrl, credentials[i]!).then(
              (ws) => void sockets.push(ws),
              () => void refused++,
            );
          }
        }),
      );
      const t2 = performance.now();
      ctx.note(
        `kiosk_connections: seeded ${TERMINALS} terminals and started the hub in ${round((t1 - t0) / 1000, 1)} s; opened ${sockets.length} sockets (${refused} refused) in ${round((t2 - t1) / 1000, 1)} s`,
      );

      // Each terminal's heartbeats at a random phase within the interval, then every interval.
      const heartbeatUrl = new URL(fleetPaths.heartbeat, hub.url);
      const body = JSON.stringify(healthyHeartbeat());
      const latencies: number[] = [];
      let failed = 0;
      const intervalMs = HEARTBEAT_INTERVAL_S * 1000;
      const start = performance.now();
      const beats = credentials.map(async (credential) => {
        let at = start + Math.random() * intervalMs;
        for (let beat = 0; beat < ROUNDS; beat++, at += intervalMs) {
          await sleep(Math.max(0, at - performance.now()));
          const reply = await post(agent, heartbeatUrl, { authorization: `Bearer ${credential}` }, body).catch(() => null);
          if (reply?.status === 200) latencies.push(performance.now() - at);
          else failed++;
        }
      });
      const settled = Promise.all(beats);
      const deadline = sleep(ROUNDS * intervalMs + SETTLE_MS).then(() => 'deadline' as const);
      if ((await Promise.race([settled, deadline])) === 'deadline') failed += TERMINALS * ROUNDS - latencies.length - failed;
      const held = sockets.filter((ws) => ws.readyState === WebSocket.OPEN).length;
      const seconds = (performance.now() - start) / 1000;

      ctx.note(
        `kiosk_connections: ${held} of ${TERMINALS} sockets held through ${round(seconds, 1)} s of heartbeats; ${latencies.length} heartbeats answered ` +
          `(${round(latencies.length / seconds, 0)}/s, ${failed} failed or unanswered); latency from the scheduled moment ${latencies.length > 0 ? latencySummary(latencies) : 'n/a'}`,
      );
      ctx.report('kiosk_connections_held', held, 0);
      ctx.floor('kiosk_connections_held', held, 'hub_open_files_limit', openFilesLimit(hub.pid));
      if (latencies.length > 0) ctx.report('kiosk_heartbeat_p99_ms', percentile(latencies, 99), 1);
    } finally {
      for (const ws of sockets) ws.terminate();
      agent.destroy();
      await hub.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
