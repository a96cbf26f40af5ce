import { addDays } from '../cases/deadlines.js';

// Early warning of a dispute surge (纠纷态势预警): a site's weekly count of one dispute type far
// above its own baseline — the labour or land disputes of one community that courts watch for as
// a risk of group disputes (群体性纠纷). The rule, stated beside every warning it raises:
//
//   baseline λ = the larger of
//     · the mean weekly count of the previous 8 weeks (the recent level), and
//     · the mean weekly count of the same week ±1 one year earlier (52 weeks back), when the
//       history reaches that far (the season the site has already lived through: a January rise
//       in labour disputes before the Spring Festival, say);
//   upper limit U = the smallest count with P(X > U) ≤ α for X ~ Poisson(λ), α = 0.001;
//   a warning when the week's count is above U and at least 5 (a handful of disputes in a quiet
//   community is not a surge, however unlikely).
//
// Pure: weeks in, verdict out. The hub runs it per site and dispute type over "received" counts.

export interface WarningRule {
  name: 'poisson_seasonal';
  /** Weeks of the recent baseline. */
  baselineWeeks: number;
  /** Weeks either side of the same week a year earlier. */
  seasonalHalfWidth: number;
  /** One-sided false-alarm probability of the Poisson limit. */
  alpha: number;
  /** Fewest disputes in a week that can raise a warning. */
  minCount: number;
}

export const DEFAULT_WARNING_RULE: WarningRule = { name: 'poisson_seasonal', baselineWeeks: 8, seasonalHalfWidth: 1, alpha: 0.001, minCount: 5 };

export const WEEKS_PER_YEAR = 52;

/** The rule in words, for the page that shows a warning. */
export function describeRule(rule: WarningRule, language: 'zh' | 'en'): string {
  return language === 'zh'
    ? `泊松控制上限：基线取前${rule.baselineWeeks}周均值与去年同期（±${rule.seasonalHalfWidth}周）均值中较大者；单侧α=${rule.alpha}；本周数超过上限且不少于${rule.minCount}件时预警。`
    : `Poisson upper limit: baseline is the larger of the previous ${rule.baselineWeeks} weeks' mean and the mean of the same week ±${rule.seasonalHalfWidth} a year earlier; one-sided α = ${rule.alpha}; a warning when the week's count is above the limit and at least ${rule.minCount}.`;
}

/** The smallest U with P(X > U) ≤ alpha for X ~ Poisson(lambda). */
export function poissonUpperLimit(lambda: number, alpha: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 700) {
    // e^-λ underflows: the normal approximation (with continuity) is exact enough here
    const z = normalQuantile(1 - alpha);
    return Math.ceil(lambda + z * Math.sqrt(lambda) - 0.5);
  }
  let p = Math.exp(-lambda);
  let cdf = p;
  let k = 0;
  while (1 - cdf > alpha) {
    k++;
    p *= lambda / k;
    cdf += p;
  }
  return k;
}

/** The standard normal quantile for p in the upper tail (p > 0.97575), Acklam's approximation (|error| < 1.2e-9). */
function normalQuantile(p: number): number {
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
}

export interface WeekVerdict {
  observed: number;
  /** λ, and which part of the rule set it. */
  baseline: number;
  baselineFrom: 'recent' | 'season';
  upperLimit: number;
  fires: boolean;
}

/**
 * The verdict on week `index` of `weekly` (counts per consecutive week, oldest first). Null when
 * the history is shorter than the recent baseline.
 */
export function judgeWeek(weekly: readonly number[], index: number, rule: WarningRule = DEFAULT_WARNING_RULE): WeekVerdict | null {
  if (index < rule.baselineWeeks || index >= weekly.length) return null;
  const mean = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const recent = mean(weekly.slice(index - rule.baselineWeeks, index));
  const lastYear = index - WEEKS_PER_YEAR;
  // the window a year back, clipped to the history there is
  const season = lastYear >= 0 ? mean(weekly.slice(Math.max(0, lastYear - rule.seasonalHalfWidth), lastYear + rule.seasonalHalfWidth + 1)) : null;
  const fromSeason = season !== null && season > recent;
  const baseline = fromSeason ? season : recent;
  const upperLimit = poissonUpperLimit(baseline, rule.alpha);
  const observed = weekly[index]!;
  return { observed, baseline, baselineFrom: fromSeason ? 'season' : 'recent', upperLimit, fires: observed > upperLimit && observed >= rule.minCount };
}

/** Monday of the court week `day` (YYYY-MM-DD, a court date) falls in. */
export function weekStart(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return addDays(day, -weekday);
}

// Overdue mediations (超期未结调解): pre-litigation mediation has 30 days from diversion
// (extendable by agreement). Every open mediation past its limit is a breach; a handful is the
// daily business of extensions being signed, a pile of them means mediations are being
// forgotten. The rule: a warning when at least `minCount` open mediations are past their
// limit, read from the same count the overdue indicator shows.

export interface OverdueRule {
  name: 'overdue_mediations';
  /** Fewest overdue mediations that raise a warning. */
  minCount: number;
}

export const DEFAULT_OVERDUE_RULE: OverdueRule = { name: 'overdue_mediations', minCount: 10 };

export function overdueWarningFires(overdue: number | null, rule: OverdueRule = DEFAULT_OVERDUE_RULE): boolean {
  return overdue !== null && overdue >= rule.minCount;
}

/** The overdue rule in words, beside the warning it raises. */
export function describeOverdueRule(rule: OverdueRule, language: 'zh' | 'en'): string {
  return language === 'zh'
    ? `诉前调解期限为分流后30日（经当事人同意可延长）；超期未结的调解达到${rule.minCount}件时预警。`
    : `Pre-litigation mediation has 30 days from diversion (extendable by agreement); a warning when ${rule.minCount} or more open mediations are past their limit.`;
}
