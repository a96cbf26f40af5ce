import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The bounded fault-injection run (tests/fault, see `npm run fault` for the full one): the agent
// process SIGKILLed at random moments, the hub stopped and killed mid-request, a proxy dropping,
// resetting and corrupting a fifth of the requests — and still every receipted submission is at
// the hub exactly once. Runs the compiled driver (`npm test` builds first) as a child process.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const runner = path.join(root, 'dist/tests/fault/run.js');

function runFault(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [runner, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('fault injection (bounded)', () => {
  it(
    'loses nothing and doubles nothing through agent kills, hub outages and a faulty network',
    async () => {
      if (!existsSync(runner)) throw new Error(`${runner} is missing: run \`npm run build\` first`);
      const { code, output } = await runFault(['--quick', '--submissions', '150', '--kills', '8', '--duration', '20']);
      const lines = output.trim().split('\n');
      const last = lines.at(-1) ?? '';
      const summary = /^fault: submitted=(\d+) received=(\d+) lost=(\d+) duplicated=(\d+) kills=(\d+) integrity=(\S+)$/.exec(last);
      expect(summary, output).not.toBeNull();
      const [, submitted, received, lost, duplicated, kills, integrity] = summary!;
      expect({ lost, duplicated, integrity }, output).toEqual({ lost: '0', duplicated: '0', integrity: 'ok' });
      expect(Number(submitted)).toBeGreaterThanOrEqual(150);
      expect(received).toBe(submitted);
      expect(Number(kills)).toBeGreaterThanOrEqual(8);
      expect(output).toContain('log scan:');
      expect(output).not.toContain('FAIL:');
      expect(code, output).toBe(0);
    },
    180_000, // on a shared, busy machine a run takes well over a minute; what it checks is the outcome, not the time
  );
});
