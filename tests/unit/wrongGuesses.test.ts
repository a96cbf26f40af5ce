import { describe, expect, it } from 'vitest';
import { addressKey } from '../../server/rateLimit/guessStore.js';
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

describe('who guesses', () => {
  it('is an IPv4 address (also written IPv4-mapped), or an IPv6 address’s /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:85a3:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:85a3:1::/64');
    expect(addressKey('2001:db8:85a3:1::1')).toBe('2001:db8:85a3:1::/64');
    expect(addressKey('2001:0DB8:0:0001::ffff')).toBe('2001:db8:0:1::/64');
    expect(addressKey('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});
