import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from '../../shared/backoff.js';
import { createSealer } from '../../main/agent/sealing.js';

describe('retryDelayMs', () => {
  const policy = { baseMs: 1000, capMs: 60_000 };
  it('grows exponentially under full jitter and respects the cap', () => {
    expect(retryDelayMs(0, policy, null, () => 0.999)).toBe(999);
    expect(retryDelayMs(3, policy, null, () => 0.999)).toBe(7992);
    expect(retryDelayMs(50, policy, null, () => 0.999)).toBe(59_940);
    expect(retryDelayMs(5, policy, null, () => 0)).toBe(0);
  });
  it('never retries sooner than Retry-After', () => {
    expect(retryDelayMs(0, policy, 30_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(10, policy, 1_000, () => 0.5)).toBe(30_000);
  });
  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('120')).toBe(120_000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter(null)).toBeNull();
  });
});

describe('sealer', () => {
  it('round-trips and hides the plaintext', () => {
    const sealer = createSealer(randomBytes(32));
    const sealed = sealer.seal({ name: '张秀兰', mobile: '13912345678' });
    expect(sealed.toString('latin1')).not.toContain('13912345678');
    expect(sealer.open(sealed)).toEqual({ name: '张秀兰', mobile: '13912345678' });
  });
  it('refuses a tampered payload or a wrong key', () => {
    const key = randomBytes(32);
    const sealed = createSealer(key).seal('x');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => createSealer(key).open(tampered)).toThrow();
    expect(() => createSealer(randomBytes(32)).open(sealed)).toThrow();
    expect(() => createSealer(randomBytes(16))).toThrow();
  });
});
