import { describe, expect, it } from 'vitest';
import { backoffDelayMs, backoffStepMs, type BackoffPolicy } from '../../shared/backoff.js';

// The one backoff every retry uses (outbox, sockets, supervisor, re-downloads): the step doubles
// to a cap; the jitter kind decides how the actual delay is drawn around it.

describe('backoff', () => {
  const steps = (policy: BackoffPolicy, n: number) => Array.from({ length: n }, (_, i) => backoffStepMs(i, policy));

  it('doubles the step per attempt up to the cap, and never overflows on huge attempt counts', () => {
    expect(steps({ baseMs: 250, capMs: 10_000 }, 8)).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffStepMs(10_000, { baseMs: 1000, capMs: 60_000 })).toBe(60_000);
    expect(backoffStepMs(-3, { baseMs: 1000, capMs: 60_000 })).toBe(1000);
  });

  it('full jitter draws from the whole interval below the step', () => {
    const policy = { baseMs: 1000, capMs: 60_000 };
    expect(backoffDelayMs(2, policy, () => 0)).toBe(0);
    expect(backoffDelayMs(2, policy, () => 0.5)).toBe(2000);
    expect(backoffDelayMs(2, policy, () => 0.999_999)).toBe(3999);
  });

  it('a jitter fraction stays within ±fraction of the step', () => {
    const policy = { baseMs: 250, capMs: 5_000, jitter: 0.2 };
    expect(backoffDelayMs(1, policy, () => 0)).toBe(400);
    expect(backoffDelayMs(1, policy, () => 0.5)).toBe(500);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(600);
    expect(backoffDelayMs(9, policy, () => 1)).toBe(6000);
  });

  it('jitter 0 is exactly the step', () => {
    const policy = { baseMs: 100, capMs: 400, jitter: 0 };
    expect([0, 1, 2, 3].map((a) => backoffDelayMs(a, policy, () => 0.9))).toEqual([100, 200, 400, 400]);
  });

  it('never goes below the floor', () => {
    const policy = { baseMs: 250, capMs: 5_000, minMs: 100 };
    expect(backoffDelayMs(0, policy, () => 0)).toBe(100);
    expect(backoffDelayMs(3, policy, () => 0.5)).toBe(1000);
  });
});
