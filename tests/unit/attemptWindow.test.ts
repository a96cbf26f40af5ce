import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attemptWait, countedAttempts, sliceIndex } from '../../shared/attemptWindow.js';

const bound = { max: 10, windowMs: 60_000 };
const at = (...entries: Array<[number, number]>) => new Map(entries);

describe('the attempt bound every hub instance shares', () => {
  it('allows attempts under the bound and refuses at it, until the slices that filled it are a window old', () => {
    const now = 1_000 * 60_000 + 30_000; // slice 10_005 (6 s slices)
    const here = sliceIndex(now, bound.windowMs);
    expect(attemptWait(bound, at([here, 9]), now)).toBe(0);
    expect(attemptWait(bound, at([here, 10]), now)).toBe(60);
    // half of them 30 s older: only those need to fall out
    expect(attemptWait(bound, at([here - 5, 5], [here, 5]), now)).toBe(30);
  });
  it('counts only the last ten slices', () => {
    const now = 6_000_000;
    const here = sliceIndex(now, bound.windowMs);
    expect(countedAttempts(at([here - 10, 50], [here - 9, 1], [here, 2]), now, bound.windowMs)).toBe(3);
  });
  it('never answers a wait that would still be refused when it ends, nor one beyond a window', () => {
    const slices = fc.array(fc.tuple(fc.integer({ min: -9, max: 0 }), fc.integer({ min: 1, max: 6 })), { maxLength: 12 });
    fc.assert(
      fc.property(slices, fc.integer({ min: 0, max: 59_999 }), (entries, into) => {
        const now = 1_000 * 60_000 + into;
        const here = sliceIndex(now, bound.windowMs);
        const counts = new Map<number, number>();
        for (const [offset, n] of entries) counts.set(here + offset, (counts.get(here + offset) ?? 0) + n);
        const wait = attemptWait(bound, counts, now);
        if (wait === 0) {
          expect(countedAttempts(counts, now, bound.windowMs)).toBeLessThan(bound.max);
          return;
        }
        expect(wait).toBeLessThanOrEqual(60);
        expect(countedAttempts(counts, now + wait * 1000, bound.windowMs)).toBeLessThan(bound.max);
      }),
    );
  });
});
