import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { tempDir } from '../support/fixtures.js';

// A hub instance that died while a room was recorded leaves ffmpeg's plain file (and its segments)
// in its own work folder, unsealed. The next start removes them before it records anything, and
// logs how many — never a name — while the sealed recordings in the files folder stay.

let running: RunningHub | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

describe('plain recording files a dead run left', () => {
  it('are removed at start and counted in the log, sealed recordings untouched', async () => {
    const dataDir = tempDir('hub-dead-run-');
    const work = path.join(dataDir, 'work', 'recordings');
    await fs.mkdir(work, { recursive: true });
    const leftovers = ['rec-dead-0001.plain.webm', 'rec-dead-0001.plain.webm.seg1.webm', 'rec-dead-0002.plain.webm'];
    for (const name of leftovers) await fs.writeFile(path.join(work, name), 'plain frames of a hearing');
    await fs.mkdir(path.join(work, 'rec-dead-0003.parts'));
    const sealed = path.join(dataDir, 'recordings', 'rec-kept-0001.sealed');
    await fs.mkdir(path.dirname(sealed), { recursive: true });
    await fs.writeFile(sealed, 'sealed bytes');
    const logPath = path.join(tempDir('hub-dead-run-log-'), 'hub.log');

    running = await startHub({ dataDir, backup: false, logger: true, logFile: { path: logPath } });

    expect(await fs.readdir(work)).toEqual([]);
    expect(await fs.readFile(sealed, 'utf8')).toBe('sealed bytes');
    const log = await fs.readFile(logPath, 'utf8');
    const cleared = log.split('\n').filter((l) => l.includes('recordings.dead_run_cleared'));
    expect(cleared).toHaveLength(1);
    expect(JSON.parse(cleared[0]!)).toMatchObject({ files: 4 });
    expect(log).not.toContain('rec-dead');

    // a clean start has nothing to clear and says nothing about it
    await running.close();
    running = await startHub({ dataDir, backup: false, logger: true, logFile: { path: logPath } });
    expect((await fs.readFile(logPath, 'utf8')).split('\n').filter((l) => l.includes('recordings.dead_run_cleared'))).toHaveLength(1);
  });
});
