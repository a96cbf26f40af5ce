import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UntouchedWatch } from '../../renderer/attract/untouchedWatch.js';

// When the idle loop may start: only after the screen has been untouched for the whole delay.

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function watching(delayMs = 1_000) {
  const changes: boolean[] = [];
  const watch = new UntouchedWatch(delayMs, (idle) => changes.push(idle));
  watch.start();
  return { watch, changes };
}

describe('UntouchedWatch', () => {
  it('goes idle after the whole delay untouched, and any touch, key or wheel starts the count again', () => {
    const { watch, changes } = watching();
    vi.advanceTimersByTime(900);
    watch.activity(); // a key
    vi.advanceTimersByTime(900);
    expect(changes).toEqual([]);
    watch.activity(1); // a tap: down…
    watch.release(1); // …and up
    vi.advanceTimersByTime(999);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([true]);
    watch.activity(2);
    expect(changes).toEqual([true, false]);
  });

  it('never goes idle under a resting finger; the delay counts from when it is lifted', () => {
    const { watch, changes } = watching();
    watch.activity(7);
    vi.advanceTimersByTime(60_000);
    expect(changes).toEqual([]);
    watch.release(7);
    vi.advanceTimersByTime(999);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([true]);
  });

  it('counts a new delay from the change, and a change never ends a loop already showing', () => {
    const { watch, changes } = watching(60_000);
    vi.advanceTimersByTime(50_000);
    watch.setDelay(10_000);
    vi.advanceTimersByTime(9_999);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual([true]);
    watch.setDelay(60_000);
    expect(changes).toEqual([true]);
  });

  it('stops counting when stopped, forgetting fingers that were down', () => {
    const { watch, changes } = watching();
    watch.activity(3);
    watch.stop();
    vi.advanceTimersByTime(5_000);
    expect(changes).toEqual([]);
    watch.start();
    vi.advanceTimersByTime(1_000);
    expect(changes).toEqual([true]);
    watch.stop();
    expect(changes).toEqual([true, false]);
  });
});
