import type { Benchmark, BenchContext } from './benchmark.js';
import { callFirstFrameBenchmark } from './callFirstFrame.js';
import { clusterIngestBenchmark } from './clusterIngest.js';
import { coldStartBenchmark } from './coldStart.js';
import { dashboardQueryBenchmark } from './dashboardQuery.js';
import { drainBenchmark } from './drain.js';
import { heartbeatIngestBenchmark } from './heartbeatIngest.js';
import { hubIngestBenchmark } from './hubIngest.js';
import { kioskConnectionsBenchmark } from './kioskConnections.js';
import { loopGapBenchmark } from './loopGap.js';
import { loadNote, machineHeader } from './machine.js';
import { roomJoinBenchmark } from './roomJoin.js';
import { roomSizeBenchmark } from './roomSize.js';
import { round } from './stats.js';
import { sfuCpuBenchmark } from './sfuCpu.js';
import { submitBenchmark } from './submit.js';
import { touchBenchmark } from './touch.js';
import { removeTestDirs } from '../support/testDirs.js';

// Benchmark runner: `node dist/tests/bench/run.js [NAME…] [--list]` (or `npm run bench`).
// NAME is a module id or any metric it prints (`drain_per_s`, `submit_p99_ms`, `submit`);
// no NAME runs every module, in the order below. Output: a `# …` header and notes, and one
// `bench: NAME VALUE` line per figure. Exit code 1 if any benchmark failed, 2 on a bad NAME.
//
// To add one: write a module exporting a `Benchmark` (see benchmark.ts) and append it to this list.

const benchmarks: readonly Benchmark[] = [
  submitBenchmark,
  drainBenchmark,
  hubIngestBenchmark,
  coldStartBenchmark,
  touchBenchmark,
  callFirstFrameBenchmark,
  loopGapBenchmark,
  dashboardQueryBenchmark,
  heartbeatIngestBenchmark,
  clusterIngestBenchmark,
  kioskConnectionsBenchmark,
  sfuCpuBenchmark,
  roomJoinBenchmark,
  roomSizeBenchmark,
];

function select(args: readonly string[]): Benchmark[] {
  if (args.length === 0) return [...benchmarks];
  const unknown = args.filter((a) => !benchmarks.some((b) => b.id === a || b.metrics.includes(a)));
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark: ${unknown.join(', ')}\n`);
    listBenchmarks(process.stderr);
    process.exit(2);
  }
  return benchmarks.filter((b) => args.includes(b.id) || b.metrics.some((m) => args.includes(m)));
}

function listBenchmarks(out: NodeJS.WritableStream): void {
  for (const b of benchmarks) out.write(`${b.id}: ${b.metrics.join(', ')} — ${b.description}\n`);
}

function contextFor(benchmark: Benchmark): BenchContext {
  return {
    report(name, value, decimals = 2) {
      if (!benchmark.metrics.includes(name)) throw new Error(`${benchmark.id} reported undeclared metric ${name}`);
      if (!Number.isFinite(value)) throw new Error(`${benchmark.id} reported a non-finite ${name}`);
      console.log(`bench: ${name} ${round(value, decimals)}`);
    },
    note(text) {
      console.log(`# ${text}`);
    },
    floor(figure, value, floor, floorValue) {
      const ratio = floorValue === 0 ? 'n/a' : round(value / floorValue, 2);
      console.log(`# floor: ${figure} ${round(value, 2)} vs ${floor} ${round(floorValue, 2)} → ratio ${ratio}`);
    },
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--list')) {
    listBenchmarks(process.stdout);
    return;
  }
  const chosen = select(args);
  for (const line of machineHeader()) console.log(line);
  let failed = 0;
  for (const benchmark of chosen) {
    const started = Date.now();
    console.log(`# ${benchmark.id}: at start, ${loadNote()}`);
    try {
      await benchmark.run(contextFor(benchmark));
      console.log(`# ${benchmark.id}: done in ${((Date.now() - started) / 1000).toFixed(1)} s; at end, ${loadNote()}`);
    } catch (error) {
      failed++;
      console.log(`# ${benchmark.id}: FAILED — ${error instanceof Error ? error.message : String(error)}; at end, ${loadNote()}`);
    }
    // its hubs and kiosks have stopped: their temporary folders go (KEEP_TEST_DIRS=1 keeps them)
    const { kept } = removeTestDirs();
    if (kept.length > 0) console.log(`# ${benchmark.id}: kept ${kept.join(' ')}`);
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
