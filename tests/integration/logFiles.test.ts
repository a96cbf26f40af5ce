import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileLog } from '../../main/agent/log.js';
import { CappedLogFile } from '../../shared/cappedLogFile.js';
import { tempDir } from '../support/fixtures.js';

// The capped log file on a real disk (shared/cappedLogFile.ts): after many writes every file is
// under its cap, only `keep` old files remain, the newest line is in the current file, files are
// readable by their owner only, and a line longer than the cap is cut rather than breaking it.

describe('capped log files', () => {
  it('stays under its cap after many writes and keeps only so many old files', () => {
    const dir = tempDir();
    const path = join(dir, 'logs', 'agent.log');
    const { log, ...file } = fileLog(path, { maxBytes: 4096, keep: 2 });
    for (let i = 0; i < 5000; i++) log.info('outbox.batch_answered', { jobs: i, status: 201 });
    log.warn('last.line', { n: 5000 });
    file.close();
    expect(readdirSync(join(dir, 'logs')).sort()).toEqual(['agent.log', 'agent.log.1', 'agent.log.2']);
    for (const name of readdirSync(join(dir, 'logs'))) {
      const file = join(dir, 'logs', name);
      expect(statSync(file).size).toBeLessThanOrEqual(4096);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      // whole lines only, each a JSON object with level and time
      for (const line of readFileSync(file, 'utf8').trimEnd().split('\n')) expect(JSON.parse(line)).toMatchObject({ level: expect.any(String), time: expect.any(String) });
    }
    expect(statSync(join(dir, 'logs')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8').trimEnd().split('\n').at(-1)).toContain('"event":"last.line"');
  });

  it('goes on from the size it finds at start-up, and cuts a line longer than the cap', () => {
    const path = join(tempDir(), 'hub.log');
    const first = new CappedLogFile(path, { maxBytes: 1024, keep: 1 }, fs);
    first.write('x'.repeat(1000));
    first.close();
    const again = new CappedLogFile(path, { maxBytes: 1024, keep: 1 }, fs);
    again.write('y'.repeat(100)); // would pass the cap: the first file rotates
    again.write('长'.repeat(2000)); // 6000 bytes: cut to the cap, in whole characters
    again.close();
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('y'.repeat(100) + '\n');
    const cut = readFileSync(path, 'utf8');
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(1024);
    expect(cut.endsWith('…\n')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
    expect(existsSync(`${path}.2`)).toBe(false);
  });
});
