import { describe, expect, it } from 'vitest';
import { clearOfCourtMidnightAt } from '../support/courtMidnight.js';

// The condition date-sensitive tests wait for: no court midnight (16:00 UTC) within the margin.

describe('clear of court midnight', () => {
  const at = (iso: string) => Date.parse(iso);
  it('holds when the margin ends before court midnight, or starts after it', () => {
    expect(clearOfCourtMidnightAt(at('2026-12-06T15:59:54.000Z'), 5_000)).toBe(true);
    expect(clearOfCourtMidnightAt(at('2026-12-06T16:00:00.000Z'), 5_000)).toBe(true);
    expect(clearOfCourtMidnightAt(at('2026-12-06T08:00:00.000Z'), 120_000)).toBe(true);
  });
  it('fails when court midnight falls within the margin', () => {
    expect(clearOfCourtMidnightAt(at('2026-12-06T15:59:55.000Z'), 5_000)).toBe(false);
    expect(clearOfCourtMidnightAt(at('2026-12-06T15:59:59.999Z'), 5_000)).toBe(false);
    expect(clearOfCourtMidnightAt(at('2026-12-06T15:58:30.000Z'), 120_000)).toBe(false);
    // UTC midnight is not the court's: nothing turns there
    expect(clearOfCourtMidnightAt(at('2026-12-06T23:59:58.000Z'), 5_000)).toBe(true);
  });
});
