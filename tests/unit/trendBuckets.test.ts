import { describe, expect, it } from 'vitest';
import type { IndicatorsAnswer } from '../../shared/dashboard/api.js';
import { indicatorKeys, type IndicatorKey } from '../../shared/dashboard/indicators.js';
import { beforeRecordsBuckets, bucketCoverage, bucketsBetween, endsBeforeRecords, figureNotBegun, notBegunBuckets, partialBuckets } from '../../shared/dashboard/trends.js';
import { figureReading } from '../../server/dashboard-app/figureReading.js';
import { bucketLabels } from '../../server/dashboard-app/trendsPanel.js';

// A month or week the period covers only in part is drawn apart on the trend charts: the month
// under way (six days of December) is not a fall from November's thirty. A month or a whole period
// before the hub's first record is not begun: not drawn, and its headline figures not 0.

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

  it('a week not yet begun is not a week with nothing; a week partly in the future says its days', () => {
    // read on Sunday 6 December for a period to the month's end: the weeks from the 7th have not begun
    const weeks = bucketsBetween('2026-11-30', '2026-12-31', 'week');
    expect(weeks).toEqual(['2026-11-30', '2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28']);
    expect(notBegunBuckets(weeks, 'week', '2026-11-30', '2026-12-06')).toEqual([false, true, true, true, true]);
    expect(partialBuckets(weeks, 'week', '2026-11-30', '2026-12-06')).toEqual([false, false, false, false, false]);
    const sunday = bucketLabels({ buckets: weeks, grain: 'week' }, { from: '2026-11-30', to: '2026-12-31' }, 'en', '2026-12-06');
    expect(sunday.notBegun).toEqual([false, true, true, true, true]);
    expect(sunday.note).not.toMatch(/0 of/);
    expect(sunday.note).toBe(
      '* the week of 12-07: not begun yet, not drawn; * the week of 12-14: not begun yet, not drawn; * the week of 12-21: not begun yet, not drawn; * the week of 12-28: not begun yet, not drawn',
    );
    // on Wednesday the 9th the week under way holds 3 of its 7 days, and the weeks after have not begun
    const wednesday = bucketLabels({ buckets: weeks, grain: 'week' }, { from: '2026-11-30', to: '2026-12-31' }, 'zh', '2026-12-09');
    expect(wednesday.cut).toEqual([false, true, false, false, false]);
    expect(wednesday.note.split('；')[0]).toBe('* 12-07 起的一周：统计期间只含其中 3/7 天，数字偏小不代表下降');
    expect(wednesday.note).toContain('12-14 起的一周：尚未开始，图中不画出');
  });
});

describe('the months before the hub’s first record', () => {
  // a hub whose first dispute came in on Monday 7 December 2026, its wall read that day for the year
  const year = bucketsBetween('2026-01-01', '2026-12-31', 'month');

  it('are absent, not 0, and the note says when the records begin', () => {
    expect(beforeRecordsBuckets(year, 'month', '2026-12-07', '2026-12-07')).toEqual([...Array<boolean>(11).fill(true), false]);
    const zh = bucketLabels({ buckets: year, grain: 'month', recordedFrom: '2026-12-07' }, { from: '2026-01-01', to: '2026-12-31' }, 'zh', '2026-12-07');
    expect(zh.absent).toEqual([...Array<boolean>(11).fill(true), false]);
    expect(zh.beforeRecords).toEqual(zh.absent);
    // January to November unstarred (the note names them), December starred: a day of records, not a fall
    expect(zh.labels).toEqual([...year.slice(0, 11).map((m) => m.slice(5)), '12*']);
    expect(zh.note).toBe('1月—11月：早于本系统记录起始日（2026-12-07），没有数据，图中不画出；* 12月：本系统记录自 2026-12-07 起，只含其中 1/31 天，数字偏小不代表下降');
    const en = bucketLabels({ buckets: year, grain: 'month', recordedFrom: '2026-12-07' }, { from: '2026-01-01', to: '2026-12-31' }, 'en', '2026-12-07');
    expect(en.note).toBe('Jan–Nov: before the records begin (2026-12-07); no data, not drawn; * Dec: the records begin on 2026-12-07, so it holds only 1 of its 31 days; a smaller figure, not a fall');
  });

  it('weeks too: the week the records begin in is cut by them, the ones before are not drawn', () => {
    const weeks = bucketsBetween('2026-11-08', '2026-12-08', 'week');
    const w = bucketLabels({ buckets: weeks, grain: 'week', recordedFrom: '2026-12-02' }, { from: '2026-11-08', to: '2026-12-08' }, 'zh', '2026-12-08');
    expect(w.absent).toEqual([true, true, true, true, false, false]);
    expect(w.cut).toEqual([false, false, false, false, true, true]);
    expect(w.note).toBe(
      '11-02 起的一周—11-23 起的一周：早于本系统记录起始日（2026-12-02），没有数据，图中不画出；* 11-30 起的一周：本系统记录自 2026-12-02 起，只含其中 5/7 天，数字偏小不代表下降；* 12-07 起的一周：统计期间只含其中 2/7 天，数字偏小不代表下降',
    );
  });

  it('a period wholly within the records is drawn whole; a hub with no record draws nothing', () => {
    const demo = bucketLabels({ buckets: year, grain: 'month', recordedFrom: '2025-12-08' }, { from: '2026-01-01', to: '2026-12-31' }, 'zh', '2026-12-07');
    expect(demo.absent).toEqual([...Array<boolean>(11).fill(false), false]);
    expect(demo.note).toBe('* 12月：统计期间只含其中 7/31 天，数字偏小不代表下降');
    const none = bucketLabels({ buckets: year, grain: 'month', recordedFrom: null }, { from: '2026-01-01', to: '2026-12-31' }, 'en', '2026-12-07');
    expect(none.absent.every(Boolean)).toBe(true);
    expect(none.note).toBe('Jan–Dec: no dispute recorded yet, not drawn');
  });
});

describe('the headline figures of a period before the hub’s first record', () => {
  const ind = (recordedFrom: string | null): IndicatorsAnswer => ({
    today: '2026-12-07',
    recordedFrom,
    values: { ...(Object.fromEntries(indicatorKeys.map((k) => [k, 0])) as Record<IndicatorKey, number>), diversion_rate: null, awaiting_decision: 3 },
  });
  const lastYear = { from: '2025-01-01', to: '2025-12-31' };

  it('are not begun, as the chart’s months are: no 0 counted, and said so', () => {
    expect(endsBeforeRecords(lastYear, '2026-12-07')).toBe(true);
    expect(endsBeforeRecords({ to: '2026-12-07' }, '2026-12-07')).toBe(false);
    expect(endsBeforeRecords({ to: '2027-01-01' }, null)).toBe(true);
    const zh = figureReading('received', ind('2026-12-07'), lastYear, 'zh');
    expect(zh).toEqual({ value: null, beside: { words: '早于记录起始日，无数据', notBegun: true } });
    expect(figureReading('received', ind(null), { from: '2026-01-01', to: '2026-12-31' }, 'en').beside).toEqual({ words: 'Nothing recorded yet', notBegun: true });
    // the rate too: not "—" for want of decisions alone, but for want of records
    expect(figureReading('diversion_rate', ind('2026-12-07'), lastYear, 'en').beside).toEqual({ words: 'Before the records begin', notBegun: true });
  });

  it('keep today’s open cases once there is a record, and count a period the records reach', () => {
    expect(figureNotBegun('overdue_mediations', lastYear, '2026-12-07')).toBe(false);
    expect(figureNotBegun('overdue_mediations', lastYear, null)).toBe(true);
    expect(figureReading('overdue_mediations', ind('2026-12-07'), lastYear, 'zh')).toEqual({ value: 0, beside: null });
    // this year, records from today: a real 0 and today's undecided disputes said beside the rate
    const thisYear = { from: '2026-01-01', to: '2026-12-31' };
    expect(figureReading('received', ind('2026-12-07'), thisYear, 'zh')).toEqual({ value: 0, beside: null });
    expect(figureReading('diversion_rate', ind('2026-12-07'), thisYear, 'zh').beside).toMatchObject({ notBegun: false, readWith: 'awaiting_decision' });
  });
});
