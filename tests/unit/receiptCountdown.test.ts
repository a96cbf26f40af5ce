import { describe, expect, it } from 'vitest';
import { defaultTiming } from '../../renderer/shell/kioskTiming.js';
import { ELDERLY_RECEIPT_FACTOR, keptDeadline, receiptShownMs, remaining } from '../../renderer/receipt/receiptCountdown.js';

// The receipt's time on screen: a minute as standard, three in elderly mode, a full time again
// on "keep this on screen", and a countdown the resident can read.

describe('the receipt countdown', () => {
  it('gives elderly mode three minutes where the standard receipt has one', () => {
    expect(receiptShownMs(defaultTiming.receiptMs, false)).toBe(60_000);
    expect(receiptShownMs(defaultTiming.receiptMs, true)).toBe(180_000);
    expect(receiptShownMs(4_000, true)).toBe(4_000 * ELDERLY_RECEIPT_FACTOR);
  });

  it('"keep this on screen" grants the whole time again from now, and never shortens what remains', () => {
    const start = 1_000_000;
    const deadline = start + 60_000;
    expect(keptDeadline(deadline, 60_000, start + 50_000)).toBe(start + 110_000);
    // Elderly mode switched on with 10 s left: three minutes from now.
    expect(keptDeadline(deadline, 180_000, start + 50_000)).toBe(start + 230_000);
    // Switched off again right after: the promised time stands.
    expect(keptDeadline(start + 230_000, 60_000, start + 51_000)).toBe(start + 230_000);
  });

  it('says the time left in minutes and seconds, rounded up, and zero only once it is gone', () => {
    expect(remaining(180_000, 0)).toEqual({ minutes: 3, seconds: 0, totalSeconds: 180 });
    expect(remaining(180_000, 30_500)).toEqual({ minutes: 2, seconds: 30, totalSeconds: 150 });
    expect(remaining(180_000, 179_999)).toEqual({ minutes: 0, seconds: 1, totalSeconds: 1 });
    expect(remaining(180_000, 180_000)).toEqual({ minutes: 0, seconds: 0, totalSeconds: 0 });
    expect(remaining(180_000, 200_000)).toEqual({ minutes: 0, seconds: 0, totalSeconds: 0 });
  });
});
