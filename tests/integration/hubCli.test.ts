import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, type BundledCli } from '../support/bundledCli.js';
import { testDatabase } from '../support/hubEngine.js';

// server/main.ts as an operator runs it: bundled to one .mjs (dependencies stay in node_modules),
// started with only environment variables (HUB_DATABASE_URL too, in the PostgreSQL run), stopped
// with SIGTERM.

let work: string;
let entry: string;
let cli: BundledCli;

beforeAll(async () => {
  cli = await bundleCli('server/main.ts', 'hub-cli-');
  ({ work, entry } = cli);
});

function start(env: Record<string, string>): { child: ChildProcess; lines: string[]; stderr: () => string } {
  const child = spawn(process.execPath, [entry], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const parts = out.split('\n');
    out = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { child, lines, stderr: () => err };
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

/** The first line starting with `prefix`, as soon as the hub prints it (however long it takes to start). */
function waitForLine(lines: string[], prefix: string, child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    const found = () => lines.find((l) => l.startsWith(prefix));
    const stop = () => {
      child.stdout!.off('data', onData);
      child.off('close', onClose);
    };
    const look = () => {
      const line = found();
      if (line === undefined) return;
      stop();
      resolve(line);
    };
    // After `start`'s own listener has split the chunk into lines.
    const onData = () => setImmediate(look);
    // Its output read to the end, and no such line.
    const onClose = () => {
      stop();
      const line = found();
      if (line === undefined) reject(new Error(`no "${prefix}" line; got ${JSON.stringify(lines)}`));
      else resolve(line);
    };
    child.stdout!.on('data', onData);
    child.once('close', onClose);
    if (child.exitCode !== null && child.stdout!.readableEnded) onClose();
    else look();
  });
}

describe('hub: command line', () => {
  it('refuses a HUB_ENROLLMENT_CODE too short to be a secret, with one line', async () => {
    const { child, stderr } = start({ HUB_ENROLLMENT_CODE: 'short', HUB_DATA_DIR: path.join(work, 'none') });
    expect(await exited(child)).toBe(1);
    expect(stderr().trim().split('\n')).toHaveLength(1);
    expect(stderr()).toContain('HUB_ENROLLMENT_CODE');
  });

  it('refuses a HUB_DATABASE_URL it cannot use, with one line', async () => {
    const { child, stderr } = start({ HUB_ENROLLMENT_CODE: 'cli-enrollment-code', HUB_DATA_DIR: path.join(work, 'none'), HUB_DATABASE_URL: 'mysql://hub@localhost/hub' });
    expect(await exited(child)).toBe(1);
    expect(stderr().trim().split('\n')).toHaveLength(1);
    expect(stderr()).toContain('HUB_DATABASE_URL');
  });

  it('starts, prints a generated admin password once, serves, and stops cleanly on SIGTERM', async () => {
    const { dataDir, databaseUrl } = await testDatabase(path.join(work, 'data'));
    const env = { HUB_ENROLLMENT_CODE: 'cli-enrollment-code', HUB_PORT: '0', HUB_DATA_DIR: dataDir, ...(databaseUrl ? { HUB_DATABASE_URL: databaseUrl } : {}) };
    const first = start(env);
    const pwLine = await waitForLine(first.lines, 'hub: console login admin / ', first.child);
    const url = (await waitForLine(first.lines, 'hub: listening on ', first.child)).slice('hub: listening on '.length);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const password = pwLine.slice('hub: console login admin / '.length);

    expect((await fetch(url + '/api/v1/health')).status).toBe(200);
    const login = await fetch(url + '/console/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin', password }).toString(),
      redirect: 'manual',
    });
    expect(login.status).toBe(303);

    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);

    const second = start(env);
    await waitForLine(second.lines, 'hub: listening on ', second.child);
    expect(second.lines.some((l) => l.includes('console login'))).toBe(false);
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  }, 120_000); // two real starts of the hub process, on a machine that may be busy
});
