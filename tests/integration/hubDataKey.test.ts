import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { hubPaths, type IntakeIngest } from '../../shared/hubProtocol.js';
import { DataKeyMismatch } from '../../server/personalData/keyCheck.js';
import { bundleCli, type BundledCli } from '../support/bundledCli.js';
import { sampleIngest, tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { enrollTerminal } from '../support/signallingClients.js';

// A hub started with another data key than the one its database was sealed with refuses to start,
// in one line, and changes nothing (server/personalData/keyCheck.ts); with the right key it starts
// and opens what was sealed before. On both engines.

let cli: BundledCli;
beforeAll(async () => {
  cli = await bundleCli('server/main.ts', 'hub-key-cli-');
});

const newKey = () => randomBytes(32).toString('base64');

async function fileOne(running: RunningHub): Promise<IntakeIngest> {
  const credential = await enrollTerminal(running.url, `KSK-KEY-${randomBytes(3).toString('hex')}`);
  const intake = sampleIngest();
  const res = await fetch(new URL(hubPaths.intakes, running.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': intake.submissionId, authorization: `Bearer ${credential}` },
    body: JSON.stringify(intake),
  });
  expect(res.status).toBe(201);
  return intake;
}

async function storedCheck(running: RunningHub): Promise<string | undefined> {
  return (await running.hub.database.db.selectFrom('data_key_check').select('check_value').executeTakeFirst())?.check_value;
}

describe('the data key check', () => {
  it('refuses another key, changing nothing, and starts again with the original one', async () => {
    const dataDir = tempDir('hub-key-');
    const key = newKey();
    const first = await startHub({ dataDir, dataKey: key, backup: false });
    const intake = await fileOne(first);
    const check = await storedCheck(first);
    expect(check).toMatch(/^[\w-]{43}$/);
    await first.close();

    await expect(startHub({ dataDir, dataKey: newKey(), backup: false })).rejects.toThrow(DataKeyMismatch);

    const again = await startHub({ dataDir, dataKey: key, backup: false });
    try {
      expect(await storedCheck(again)).toBe(check);
      expect((await again.hub.intakes.get(intake.submissionId))?.application).toEqual(intake.application);
    } finally {
      await again.close();
    }
  });

  it('tries a database from before the check on a sealed application, then stores the check', async () => {
    const dataDir = tempDir('hub-key-old-');
    const key = newKey();
    const first = await startHub({ dataDir, dataKey: key, backup: false });
    await fileOne(first);
    await first.hub.database.db.deleteFrom('data_key_check').execute();
    await first.close();

    await expect(startHub({ dataDir, dataKey: newKey(), backup: false })).rejects.toThrow(DataKeyMismatch);

    const again = await startHub({ dataDir, dataKey: key, backup: false });
    try {
      expect(await storedCheck(again)).toMatch(/^[\w-]{43}$/);
    } finally {
      await again.close();
    }
  });

  it('says so in one line when started from the command line with another key', async () => {
    const dataDir = tempDir('hub-key-cli-data-');
    const first = await startHub({ dataDir, dataKey: newKey(), backup: false });
    await first.close();
    const { databaseUrl } = await testDatabase(dataDir);
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HUB_ENROLLMENT_CODE: 'cli-enrollment-code', HUB_PORT: '0', HUB_DATA_DIR: dataDir, HUB_DATA_KEY: newKey() };
    if (databaseUrl) env.HUB_DATABASE_URL = databaseUrl;
    const child = spawn(process.execPath, [cli.entry], { cwd: cli.work, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(out).not.toMatch(/listening/);
    expect(err.trim().split('\n')).toEqual([expect.stringMatching(/^hub: the data key .* is not the key this database was sealed with/)]);
  });
});
