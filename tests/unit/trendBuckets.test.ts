import { describe, expect, it } from 'vitest';
import { bucketCoverage, bucketsBetween, partialBuckets } from '../../shared/dashboard/trends.js';

// A month or week the period covers only in part is drawn apart on the trend charts: the month
// under way (six days of December) is not a fall from November's thirty.

describe('the part of a bucket a period covers', () => {
  it('the month under way: its days so far, of its length', () => {
    expect(bucketCoverage('2026-12', 'month', '2026-01-01', '2026-12-06')).toEqual({ days: 6, of: 31 });
    expect(bucketCoverage('2026-11', 'month', '2026-01-01', '2026-12-06')).toEqual({ days: 30, of: 30 });
    expect(bucketCoverage('2028-02', 'month', '2028-01-01', '2028-12-31')).toEqual({ days: 29, of: 29 });
    expect(bucketCoverage('2026-12', 'month', '2026-12-01', '2026-12-31')).toEqual({ days: 31, of: 31 });
  });

  it('a week begun before the period and one still under way', () => {
    // 2026-11-06 is a Friday: its week began on Monday the 2nd
    expect(bucketCoverage('2026-11-02', 'week', '2026-11-06', '2026-12-06')).toEqual({ days: 3, of: 7 });
    // Sunday the 6th closes its week
    expect(bucketCoverage('2026-11-30', 'week', '2026-11-06', '2026-12-06')).toEqual({ days: 7, of: 7 });
    expect(bucketCoverage('2026-11-30', 'week', '2026-11-06', '2026-12-03')).toEqual({ days: 4, of: 7 });
  });

  it('marks only the buckets cut by the period', () => {
    const year = bucketsBetween('2026-01-01', '2026-12-06', 'month');
    expect(partialBuckets(year, 'month', '2026-01-01', '2026-12-06')).toEqual([...Array<boolean>(11).fill(false), true]);
    const month = bucketsBetween('2026-11-06', '2026-12-06', 'week');
    expect(partialBuckets(month, 'week', '2026-11-06', '2026-12-06')).toEqual([true, false, false, false, false]);
  });
});
