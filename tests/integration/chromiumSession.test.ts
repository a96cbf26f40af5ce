import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleCli, type BundledCli } from '../support/bundledCli.js';
import { tempDir } from '../support/fixtures.js';

// The Chromium kiosk session systemd runs for a browser-host install (deploy/systemd/): it opens
// the URL the host wrote, in kiosk mode, and ends when Chromium ends (so systemd restarts it); with
// no URL yet it fails at once for systemd to try again. "Chromium" here is a script that records
// its arguments and exits as a crashed browser would.

let cli: BundledCli;
beforeAll(async () => {
  cli = await bundleCli('main/browserHost/chromiumSession.ts', 'chromium-session-');
});

function run(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [cli.entry], { cwd: cli.work, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe('the Chromium kiosk session', () => {
  it('fails at once while the host has written no URL', async () => {
    const dir = tempDir('session-');
    const result = await run({ KIOSK_URL_FILE: join(dir, 'url'), KIOSK_CHROMIUM: '/bin/false' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no kiosk URL');
  });

  it("opens the host's URL in kiosk mode and ends with Chromium's exit code", async () => {
    const dir = tempDir('session-');
    const argsFile = join(dir, 'args');
    const fake = join(dir, 'chromium');
    writeFileSync(fake, `#!/bin/sh\nprintf '%s\\n' "$@" > '${argsFile}'\nexit 3\n`);
    chmodSync(fake, 0o755);
    writeFileSync(join(dir, 'url'), 'http://127.0.0.1:8760/?secret=abc\n');
    const result = await run({ KIOSK_URL_FILE: join(dir, 'url'), KIOSK_CHROMIUM: fake, KIOSK_DATA_DIR: dir });
    expect(result.code).toBe(3);
    const args = readFileSync(argsFile, 'utf8').trim().split('\n');
    expect(args).toContain('--kiosk');
    expect(args).toContain('--app=http://127.0.0.1:8760/?secret=abc');
    expect(args).toContain(`--user-data-dir=${join(dir, 'chromium-profile')}`);
  });
});
