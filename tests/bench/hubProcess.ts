import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ADMIN_PASSWORD, ENROLLMENT_CODE } from '../support/hubHarness.js';

// The court hub as its own process (`node dist/server/main.js`), the way it runs in production,
// so a benchmark's load generator or kiosk agent does not share its event loop.
// BENCH_HUB_NODE_ARGS adds node flags to the hub process, e.g. to profile it:
//   BENCH_HUB_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" node dist/tests/bench/run.js hub_ingest

export interface HubProcess {
  url: string;
  pid: number;
  /** CPU time (user + system) the hub process has used so far, in ms; null where /proc is missing. */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

/** utime + stime of a process from /proc (Linux; USER_HZ is 100 on every mainstream kernel build). */
export function processCpuMs(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const HUB_MAIN = fileURLToPath(new URL('../../server/main.js', import.meta.url));
const running = new Set<ChildProcess>();
// If the runner dies mid-benchmark, do not leave hubs listening.
process.on('exit', () => running.forEach((c) => c.kill('SIGKILL')));

export async function spawnHub(options: { dataDir: string; port?: number; readyTimeoutMs?: number; env?: Record<string, string> }): Promise<HubProcess> {
  if (!existsSync(HUB_MAIN)) throw new Error(`${HUB_MAIN} is missing: run \`npm run build\` first`);
  const nodeArgs = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, HUB_MAIN], {
    env: {
      ...process.env,
      HUB_ENROLLMENT_CODE: ENROLLMENT_CODE,
      HUB_ENROLLMENT_ATTEMPTS: '100000', // the benchmarks enroll thousands of terminals from one address
      HUB_ADMIN_PASSWORD: ADMIN_PASSWORD,
      HUB_DATA_DIR: options.dataDir,
      HUB_PORT: String(options.port ?? 0),
      HUB_HOST: '127.0.0.1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => running.delete(child)); // exited never rejects

  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => fail(new Error('hub did not start in time')), options.readyTimeoutMs ?? 15_000);
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${e.message}\n${stderr}`));
    };
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      const m = /hub: listening on (http:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => fail(new Error(`hub exited with ${code} before listening`)));
    child.once('error', fail);
  });

  return {
    url,
    pid: child.pid!,
    cpuMs: () => processCpuMs(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
