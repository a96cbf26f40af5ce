import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN_HOLD_MS, holdGesture } from '../../renderer/admin/adminGesture.js';
import { ADMIN_PIN_FREE_FAILURES, adminPinWaitS } from '../../shared/kioskAdmin.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the staff panel entry', () => {
  it('opens only after a press held for the whole hold, never on a tap', () => {
    vi.useFakeTimers();
    const held = vi.fn();
    const gesture = holdGesture(held);
    gesture.press();
    vi.advanceTimersByTime(ADMIN_HOLD_MS - 1);
    gesture.release();
    vi.advanceTimersByTime(ADMIN_HOLD_MS);
    expect(held).not.toHaveBeenCalled();
    gesture.press();
    vi.advanceTimersByTime(ADMIN_HOLD_MS);
    expect(held).toHaveBeenCalledOnce();
  });

  it('lets a few wrong PINs pass, then doubles the wait up to a cap', () => {
    expect(adminPinWaitS(ADMIN_PIN_FREE_FAILURES - 1)).toBe(0);
    const waits = [0, 1, 2, 3].map((i) => adminPinWaitS(ADMIN_PIN_FREE_FAILURES + i));
    expect(waits).toEqual([30, 60, 120, 240]);
    expect(adminPinWaitS(1_000)).toBe(15 * 60);
  });
});
