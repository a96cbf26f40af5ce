import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scrollMotion } from '../../renderer/ui/motion.js';

// The kiosk honours prefers-reduced-motion through one rule (renderer/ui/motion.ts): a scroll the
// kiosk makes is smooth only when the resident's system allows motion. No screen names a smooth
// scroll of its own (RecordSigningScreen's scroll buttons did, whatever the system asked).

const RENDERER = new URL('../../renderer/', import.meta.url).pathname;

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('motion the kiosk makes', () => {
  it('is smooth only when the system allows motion', () => {
    for (const [reduce, expected] of [
      [true, 'instant'],
      [false, 'smooth'],
    ] as const) {
      vi.stubGlobal('window', { matchMedia: (query: string) => ({ matches: query === '(prefers-reduced-motion: reduce)' && reduce }) });
      expect(scrollMotion()).toBe(expected);
    }
  });

  it('is decided by that one rule: no screen asks for a smooth scroll itself', () => {
    const own = sourcesUnder(RENDERER)
      .filter((path) => relative(RENDERER, path) !== 'ui/motion.ts')
      .flatMap((path) =>
        readFileSync(path, 'utf8')
          .split('\n')
          .flatMap((line, i) => (/behavior:\s*['"]smooth['"]|prefers-reduced-motion/.test(line) && !/^\s*(\/\/|\*)/.test(line) ? [`${relative(RENDERER, path)}:${i + 1}`] : [])),
      );
    expect(own).toEqual([]);
  });
});
