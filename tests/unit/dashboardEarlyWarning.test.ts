import { addDays } from '../../shared/cases/deadlines.js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OVERDUE_RULE, DEFAULT_WARNING_RULE, describeOverdueRule, describeRule, judgeWeek, overdueWarningFires, poissonUpperLimit, weekStart } from '../../shared/dashboard/earlyWarning.js';
import { bucketsBetween, changeOf, formatChange, MIN_CHANGE_BASE, previousPeriod, sameLastYear, statedChange, topSeries } from '../../shared/dashboard/trends.js';
import { createRng } from '../fault/prng.js';

// The early-warning rule on constructed weekly series: it fires on a surge, stays quiet on noise,
// on a season the site has already lived through, and on a handful of disputes in a quiet place.

/** Poisson(λ) draws by inversion, seeded, so the series are the same on every run. */
function poissonSeries(lambdas: readonly number[], seed: number): number[] {
  const rng = createRng(seed);
  return lambdas.map((lambda) => {
    let k = 0;
    let p = Math.exp(-lambda);
    let cdf = p;
    const u = rng.next();
    while (u > cdf) {
      k++;
      p *= lambda / k;
      cdf += p;
    }
    return k;
  });
}

describe('the Poisson upper limit', () => {
  it('is the smallest count exceeded with probability at most α', () => {
    // Poisson(4): P(X > 10) = 0.0028, P(X > 11) = 0.00092
    expect(poissonUpperLimit(4, 0.001)).toBe(11);
    expect(poissonUpperLimit(4, 0.01)).toBe(9);
    expect(poissonUpperLimit(0, 0.001)).toBe(0);
    // large λ: the normal approximation, λ + 3.09·√λ
    expect(poissonUpperLimit(10_000, 0.001)).toBe(10_309);
  });
});

describe('early warning (poisson_seasonal)', () => {
  const quiet = Array.from({ length: 30 }, () => 4);

  it('fires on a surge far above the site’s recent weeks', () => {
    const weekly = poissonSeries(quiet, 1);
    weekly[20] = 22;
    const verdict = judgeWeek(weekly, 20)!;
    expect(verdict.fires).toBe(true);
    expect(verdict.baselineFrom).toBe('recent');
    expect(verdict.observed).toBe(22);
    expect(verdict.upperLimit).toBeLessThan(22);
  });

  it('stays quiet on ordinary noise around the baseline', () => {
    const weekly = poissonSeries(
      Array.from({ length: 200 }, () => 6),
      2,
    );
    const alarms = weekly.map((_, i) => judgeWeek(weekly, i)).filter((v) => v?.fires);
    expect(alarms.length).toBeLessThanOrEqual(1); // α = 0.001 over ~190 weeks
  });

  it('stays quiet on a season it has seen a year earlier, and still fires off season', () => {
    // labour disputes rise every January (weeks 0–4 of each year) before the Spring Festival
    const lambdas = Array.from({ length: 104 }, (_, i) => (i % 52 < 5 ? 20 : 3));
    const weekly = poissonSeries(lambdas, 3);
    for (let i = 52; i < 57; i++) {
      const verdict = judgeWeek(weekly, i)!;
      expect(verdict.fires, `week ${i}: ${JSON.stringify(verdict)}`).toBe(false);
    }
    expect(judgeWeek(weekly, 53)!.baselineFrom).toBe('season');
    // the same rise in a week that had none a year earlier is a warning
    weekly[80] = 20;
    expect(judgeWeek(weekly, 80)!.fires).toBe(true);
    // the first year, with no season behind it, warns on its January rise
    const firstYear = poissonSeries(
      Array.from({ length: 12 }, (_, i) => (i < 9 ? 3 : 20)),
      4,
    );
    expect(judgeWeek(firstYear, 9)!.fires).toBe(true);
  });

  it('needs a minimum count: three disputes in a week where there were none is not a surge', () => {
    const weekly = [0, 0, 0, 0, 0, 0, 0, 0, 3];
    const verdict = judgeWeek(weekly, 8)!;
    expect(verdict.observed).toBeGreaterThan(verdict.upperLimit);
    expect(verdict.fires).toBe(false);
    expect(judgeWeek([0, 0, 0, 0, 0, 0, 0, 0, 5], 8)!.fires).toBe(true);
  });

  it('has no verdict without eight weeks of history', () => {
    expect(judgeWeek([1, 2, 3, 40], 3)).toBeNull();
  });

  it('states its parameters in both languages', () => {
    expect(describeRule(DEFAULT_WARNING_RULE, 'zh')).toContain('α=0.001');
    expect(describeRule(DEFAULT_WARNING_RULE, 'en')).toContain('previous 8 weeks');
  });

  it('counts court weeks from Monday', () => {
    expect(weekStart('2026-03-05')).toBe('2026-03-02'); // a Thursday
    expect(weekStart('2026-03-02')).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02'); // Sunday
    expect(bucketsBetween('2026-02-26', '2026-03-10', 'week')).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
    expect(bucketsBetween('2025-11-15', '2026-02-01', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});

describe('trend comparisons', () => {
  it('compares with the days just before and with the same dates a year earlier', () => {
    expect(previousPeriod('2026-03-01', '2026-03-31')).toEqual({ from: '2026-01-29', to: '2026-02-28' });
    expect(previousPeriod('2026-03-02', '2026-03-08')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(sameLastYear('2024-02-01', '2024-02-29')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
  });

  it('states a change as a percentage only when there is something to compare with', () => {
    expect(formatChange(changeOf(45, 40))).toBe('+12.5 %');
    expect(formatChange(changeOf(38, 40))).toBe('−5.0 %');
    expect(formatChange(changeOf(40, 40))).toBe('±0.0 %');
    expect(changeOf(7, 0)).toEqual({ current: 7, previous: 0, difference: 7, ratio: null });
    expect(formatChange(changeOf(7, 0))).toBe('—');
  });

  it('states a change only against a complete comparison period with a large enough base', () => {
    // the demo: a year from 2025-12-06 compared with the same length before it, which the records reach 26 days into
    const period = { from: '2026-01-01', to: '2026-12-05' };
    const before = previousPeriod(period.from, period.to);
    const demo = statedChange(31_000, 3_016, before.from, '2025-12-06');
    expect(demo).toMatchObject({ withheld: 'incomplete', ratio: null, difference: 27_984 });
    expect(formatChange(demo)).toBe('—');
    // records from exactly the comparison's first day: complete
    expect(statedChange(450, 400, before.from, before.from)).toMatchObject({ withheld: null, ratio: 0.125 });
    expect(formatChange(statedChange(450, 400, before.from, '2020-01-01'))).toBe('+12.5 %');
    // no records at all: nothing to compare with
    expect(statedChange(0, 0, before.from, null).withheld).toBe('incomplete');
    // a handful of cases: withheld below the base, stated from it on
    expect(statedChange(50, MIN_CHANGE_BASE - 1, before.from, '2020-01-01')).toMatchObject({ withheld: 'smallBase', ratio: null });
    expect(statedChange(60, MIN_CHANGE_BASE, before.from, '2020-01-01')).toMatchObject({ withheld: null, ratio: 1 });
    // completeness is judged before the base: a partial period is never stated, however large
    expect(statedChange(10, 5_000, before.from, addDays(before.from, 1)).withheld).toBe('incomplete');
  });
});

describe('overdue mediations warning', () => {
  it('fires on a large overdue count, from its threshold up, and stays quiet below it', () => {
    expect(overdueWarningFires(7_481)).toBe(true);
    expect(overdueWarningFires(DEFAULT_OVERDUE_RULE.minCount)).toBe(true);
    expect(overdueWarningFires(DEFAULT_OVERDUE_RULE.minCount - 1)).toBe(false);
    expect(overdueWarningFires(0)).toBe(false);
    expect(overdueWarningFires(null)).toBe(false);
    expect(overdueWarningFires(3, { name: 'overdue_mediations', minCount: 3 })).toBe(true);
  });

  it('states its threshold in both languages', () => {
    expect(describeOverdueRule(DEFAULT_OVERDUE_RULE, 'zh')).toContain(`${DEFAULT_OVERDUE_RULE.minCount}件`);
    expect(describeOverdueRule(DEFAULT_OVERDUE_RULE, 'en')).toContain(`${DEFAULT_OVERDUE_RULE.minCount} or more`);
  });
});

describe('a trend chart’s lines', () => {
  const series = Array.from({ length: 20 }, (_, i) => ({ key: `site-${i}`, counts: [i, 2 * i] }));

  it('keeps the biggest series and sums the rest as others, so ~20 lines become a readable few', () => {
    const lines = topSeries(series, 6);
    expect(lines.map((l) => l.key)).toEqual(['site-19', 'site-18', 'site-17', 'site-16', 'site-15', 'site-14', null]);
    const rest = Array.from({ length: 14 }, (_, i) => i).reduce((a, b) => a + b, 0);
    expect(lines.at(-1)).toEqual({ key: null, merged: 14, counts: [rest, 2 * rest] });
    // every dispute is still counted once
    const sum = (xs: ReadonlyArray<{ counts: readonly number[] }>) => xs.reduce((a, s) => a + s.counts[0]!, 0);
    expect(sum(lines)).toBe(sum(series));
    expect(topSeries(series.slice(0, 4), 6).map((l) => l.key)).toEqual(['site-3', 'site-2', 'site-1', 'site-0']);
  });

  it('draws a rest of one series as itself: seven series are seven lines, not six and "1 other"', () => {
    const seven = series.slice(13);
    expect(topSeries(seven, 6)).toEqual([...seven].reverse().map((s) => ({ key: s.key, merged: 1, counts: s.counts })));
    // eight: the two smallest summed
    expect(topSeries(series.slice(12), 6).at(-1)).toEqual({ key: null, merged: 2, counts: [12 + 13, 24 + 26] });
  });
});
