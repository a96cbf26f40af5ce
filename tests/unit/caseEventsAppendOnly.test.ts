import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The case log is append-only and has one writer (server/DATA.md): no code of the hub updates or
// deletes a case event, and only the case store writes `cases` and `case_events`. Read from the
// source itself, so a shortcut added anywhere later fails here.

const root = path.resolve(import.meta.dirname, '../../server');
const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
const files = sources(root).map((file) => ({ file: path.relative(root, file), text: fs.readFileSync(file, 'utf8') }));

const changesEvents = [/updateTable\(\s*['"]case_events['"]/, /deleteFrom\(\s*['"]case_events['"]/, /\bupdate\s+case_events\b/i, /\bdelete\s+from\s+case_events\b/i];
const writesCases = [/insertInto\(\s*['"](cases|case_events)['"]/, /updateTable\(\s*['"]cases['"]/, /deleteFrom\(\s*['"]cases['"]/, /\binsert\s+into\s+(cases|case_events)\b/i, /\bupdate\s+cases\b/i];

describe('the case log', () => {
  it('is never updated or deleted by any hub code', () => {
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.filter((f) => !f.file.startsWith('db/migrations/') && changesEvents.some((r) => r.test(f.text))).map((f) => f.file);
    expect(offenders).toEqual([]);
  });

  it('and `cases` are written by the case store alone', () => {
    const writers = files.filter((f) => !f.file.startsWith('db/migrations/') && writesCases.some((r) => r.test(f.text))).map((f) => f.file);
    expect(writers).toEqual(['cases/caseStore.ts']);
  });

  it('(the patterns do find such code)', () => {
    expect(changesEvents.some((r) => r.test("db.updateTable('case_events').set({ type: 'x' })"))).toBe(true);
    expect(changesEvents.some((r) => r.test('DELETE FROM case_events WHERE seq = 3'))).toBe(true);
  });
});
