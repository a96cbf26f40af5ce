import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { removeTestDirs, tempDir } from '../support/testDirs.js';

// Tests remove the temporary folders they make (tests/support/testDirs.ts): the helper forgets
// nothing it made, KEEP_TEST_DIRS=1 keeps them for a look after a failure, and no test makes one
// by hand past it.

const keep = process.env.KEEP_TEST_DIRS;
afterEach(() => {
  if (keep === undefined) delete process.env.KEEP_TEST_DIRS;
  else process.env.KEEP_TEST_DIRS = keep;
});

describe('test folders', () => {
  it('removes every folder tempDir made, with what is in it', () => {
    delete process.env.KEEP_TEST_DIRS;
    const dirs = [tempDir('test-dirs-a-'), tempDir('test-dirs-b-')];
    writeFileSync(join(dirs[0]!, 'personal.json'), '{"name":"张秀兰"}');
    expect(dirs.every((d) => existsSync(d))).toBe(true);
    expect(removeTestDirs()).toEqual({ kept: [], failed: [] });
    expect(dirs.some((d) => existsSync(d))).toBe(false);
  });

  it('keeps them, and names them, with KEEP_TEST_DIRS=1', () => {
    process.env.KEEP_TEST_DIRS = '1';
    const dir = tempDir('test-dirs-kept-');
    expect(removeTestDirs().kept).toEqual([dir]);
    expect(existsSync(dir)).toBe(true);
    // kept ones are forgotten, not removed later: this test removes its own
    delete process.env.KEEP_TEST_DIRS;
    expect(removeTestDirs().kept).toEqual([]);
    expect(existsSync(dir)).toBe(true);
    rmSync(dir, { recursive: true }); // as the person debugging would
  });

  it('is the only way tests make a temporary folder', () => {
    const root = join(import.meta.dirname, '..');
    const files = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    // the PostgreSQL cluster of a whole run (its global setup destroys it) and the fault run (kept when it fails, by design) manage their own
    const own = new Set(['support/testDirs.ts', 'support/postgresCluster.ts', 'fault/run.ts']);
    const call = new RegExp('\\bmkdtemp' + '(Sync)?\\('); // in two pieces, so this file does not match itself
    const byHand = files(root).filter((f) => !own.has(relative(root, f)) && call.test(readFileSync(f, 'utf8')));
    expect(byHand.map((f) => relative(root, f))).toEqual([]);
  });
});
