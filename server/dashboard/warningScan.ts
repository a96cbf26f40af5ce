import { addDays } from '../../shared/cases/deadlines.js';
import { DEFAULT_WARNING_RULE, judgeWeek, WEEKS_PER_YEAR, weekStart, type WarningRule } from '../../shared/dashboard/earlyWarning.js';
import { bucketsBetween } from '../../shared/dashboard/trends.js';
import type { DbScope } from '../db/engine.js';
import { dailySeries, raiseWarning } from './trendStore.js';

// The early-warning scan: every site × dispute type's weekly "received" counts over the year and
// a bit the rule looks back on, judged for the current court week (shared/dashboard/
// earlyWarning.ts); a week that fires is recorded (or brought up to date while it is still
// counting). Run by the hub after the figures move, at most once per interval.

const HISTORY_WEEKS = WEEKS_PER_YEAR + DEFAULT_WARNING_RULE.seasonalHalfWidth + 1;

/** The warnings raised or updated for the week of `today`: how many fired. */
export async function scanWarnings(scope: DbScope, today: string, at: string, rule: WarningRule = DEFAULT_WARNING_RULE): Promise<number> {
  const thisWeek = weekStart(today);
  const from = addDays(thisWeek, -7 * HISTORY_WEEKS);
  const weeks = bucketsBetween(from, today, 'week');
  const index = new Map(weeks.map((w, i) => [w, i]));
  const points = await dailySeries(scope, { from, to: today }, 'received', ['siteId', 'disputeType']);
  const series = new Map<string, number[]>();
  for (const p of points) {
    let counts = series.get(p.grp);
    if (!counts) series.set(p.grp, (counts = weeks.map(() => 0)));
    counts[index.get(weekStart(p.period))!]! += p.n;
  }
  let fired = 0;
  for (const [grp, counts] of series) {
    const [siteId, disputeType] = grp.split('|') as [string, string];
    if (!siteId) continue; // received with no site: nobody's local surge
    const verdict = judgeWeek(counts, counts.length - 1, rule);
    if (!verdict?.fires) continue;
    fired++;
    await raiseWarning(scope, { siteId, disputeType, weekStart: thisWeek, observed: verdict.observed, baseline: verdict.baseline, upperLimit: verdict.upperLimit, rule }, at);
  }
  return fired;
}
