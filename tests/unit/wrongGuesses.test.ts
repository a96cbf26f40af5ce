import { describe, expect, it } from 'vitest';
import { LINK_GUESSES_PER_ADDRESS, minutesToWait, secondsUntil } from '../../shared/wrongGuesses.js';

// The wait a locked-out party is told (shared/wrongGuesses.ts): whole seconds to the window's end,
// never 0 (a 429 that says "now" would invite a retry storm), and whole minutes rounded up.

describe('wrong-guess waits', () => {
  const end = '2026-12-06T04:00:00.000Z';
  it('counts whole seconds to the end of the window, at least one', () => {
    expect(secondsUntil(end, Date.parse(end) - 3_600_000)).toBe(3600);
    expect(secondsUntil(end, Date.parse(end) - 1_500)).toBe(2);
    expect(secondsUntil(end, Date.parse(end))).toBe(1);
    expect(secondsUntil(end, Date.parse(end) + 5_000)).toBe(1);
  });
  it('tells minutes rounded up, at least one', () => {
    expect(minutesToWait(1)).toBe(1);
    expect(minutesToWait(60)).toBe(1);
    expect(minutesToWait(61)).toBe(2);
    expect(minutesToWait(LINK_GUESSES_PER_ADDRESS.windowMs / 1000)).toBe(60);
  });
});
