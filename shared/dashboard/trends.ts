import { addDays, daysBetween } from '../cases/deadlines.js';
import { weekStart } from './earlyWarning.js';
import { countedToday, type IndicatorKey } from './indicators.js';

// Trend arithmetic (纠纷态势分析): the periods a figure is compared with and how a change is stated.
// "Previous period" is the same number of days just before; "same period last year" the same
// dates one year earlier (29 February falls back to the 28th). A change against nothing is not a
// percentage: it has a difference and no ratio.

export type Grain = 'week' | 'month';

export function previousPeriod(from: string, to: string): { from: string; to: string } {
  const days = daysBetween(from, to) + 1;
  return { from: addDays(from, -days), to: addDays(from, -1) };
}

function yearEarlier(day: string): string {
  const [y, m, d] = day.split('-') as [string, string, string];
  const candidate = `${Number(y) - 1}-${m}-${d}`;
  return m === '02' && d === '29' ? `${Number(y) - 1}-02-28` : candidate;
}

export function sameLastYear(from: string, to: string): { from: string; to: string } {
  return { from: yearEarlier(from), to: yearEarlier(to) };
}

export interface Change {
  current: number;
  previous: number;
  difference: number;
  /** (current − previous) ÷ previous; null when previous is 0. */
  ratio: number | null;
}

export function changeOf(current: number, previous: number): Change {
  return { current, previous, difference: current - previous, ratio: previous === 0 ? null : (current - previous) / previous };
}

/**
 * The fewest cases a comparison period must hold for a percentage change to mean something: on
 * a smaller base one case more or less swings it by several percent, and a court reads "+900 %"
 * as a surge when it is a handful of cases.
 */
export const MIN_CHANGE_BASE = 30;

/** Why a change is not stated: the comparison period starts before the hub's records do, or holds too few cases. */
export type ChangeWithheld = 'incomplete' | 'smallBase';

export interface StatedChange extends Change {
  /** Null when the change may be stated; else why it is shown as "—". */
  withheld: ChangeWithheld | null;
}

/**
 * A change against a comparison period, stated only when that period is complete — the hub's
 * records (`recordedFrom`, the first court day with any dispute received; null: none yet) reach
 * back to its first day — and holds at least MIN_CHANGE_BASE cases. A demo year compared with the
 * year before it holds only the few weeks the records reach into: +928.8 % was that, not a surge.
 */
export function statedChange(current: number, previous: number, comparedFrom: string, recordedFrom: string | null): StatedChange {
  const change = changeOf(current, previous);
  const withheld: ChangeWithheld | null = recordedFrom === null || recordedFrom > comparedFrom ? 'incomplete' : previous < MIN_CHANGE_BASE ? 'smallBase' : null;
  return { ...change, ratio: withheld ? null : change.ratio, withheld };
}

/** "+12.5 %", "−3.0 %", or "—" when there is nothing to compare with. */
export function formatChange(change: Change): string {
  if (change.ratio === null) return '—';
  const pct = Math.round(change.ratio * 1000) / 10;
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct).toFixed(1)} %`;
}

/** The bucket a court day falls in: its week's Monday, or its month. */
export function bucketOf(day: string, grain: Grain): string {
  return grain === 'week' ? weekStart(day) : day.slice(0, 7);
}

/** Every bucket from the one of `from` to the one of `to`, in order. */
export function bucketsBetween(from: string, to: string, grain: Grain): string[] {
  const out: string[] = [];
  if (grain === 'week') {
    for (let w = weekStart(from); daysBetween(w, to) >= 0; w = addDays(w, 7)) out.push(w);
    return out;
  }
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return out;
    out.push(month);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return addDays(m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`, -1);
}

/** The last court day of a bucket: its week's Sunday, or its month's last. */
function bucketEnd(bucket: string, grain: Grain): string {
  return grain === 'week' ? addDays(bucket, 6) : monthEnd(bucket);
}

/** How many of a bucket's days the period covers, of how many it has: the month or week under way (or one begun before `from`) is only part of one. */
export function bucketCoverage(bucket: string, grain: Grain, from: string, to: string): { days: number; of: number } {
  const start = bucketStart(bucket, grain);
  const end = bucketEnd(bucket, grain);
  const first = start > from ? start : from;
  const last = end < to ? end : to;
  return { days: Math.max(0, daysBetween(first, last) + 1), of: daysBetween(start, end) + 1 };
}

/** Which buckets the period covers only in part: a chart draws them apart, so a month under way never reads as a fall. */
export function partialBuckets(buckets: readonly string[], grain: Grain, from: string, to: string): boolean[] {
  return buckets.map((b) => {
    const { days, of } = bucketCoverage(b, grain, from, to);
    return days > 0 && days < of;
  });
}

/**
 * Which buckets hold none of the period's days: those after its last (a period chosen to the
 * month's end, read on a Sunday, has next week in it). A week not yet begun is not a week with
 * nothing: a chart leaves it undrawn and says so, never "0 of 7 days".
 */
export function notBegunBuckets(buckets: readonly string[], grain: Grain, from: string, to: string): boolean[] {
  return buckets.map((b) => bucketCoverage(b, grain, from, to).days === 0);
}

/** The first court day of a bucket: its week's Monday, or its month's first. */
export function bucketStart(bucket: string, grain: Grain): string {
  return grain === 'week' ? bucket : `${bucket}-01`;
}

/**
 * Whether a span of court days (a period, a bucket) ends before the hub's records begin
 * (`recordedFrom`, the first court day with any dispute received; null: none yet): nothing in it
 * was counted, so what it shows is not begun — never a 0, never a fall to 0.
 */
export function endsBeforeRecords(span: { to: string }, recordedFrom: string | null): boolean {
  return recordedFrom === null || span.to < recordedFrom;
}

/**
 * Which buckets end before the hub's records begin: the months before the hub existed are not
 * months with nothing, so a chart leaves them undrawn and says so. Read up to `to` (a bucket is
 * cut there) and only for buckets starting before the records (those after `to` are
 * notBegunBuckets').
 */
export function beforeRecordsBuckets(buckets: readonly string[], grain: Grain, recordedFrom: string | null, to: string): boolean[] {
  return buckets.map((b) => {
    const end = bucketEnd(b, grain);
    return (recordedFrom === null || bucketStart(b, grain) < recordedFrom) && endsBeforeRecords({ to: end < to ? end : to }, recordedFrom);
  });
}

/**
 * Whether an indicator's figure for a period is not begun: one counted over the period, when the
 * period ended before the records begin (or there are none yet), counted nothing — "no records
 * yet", never "0 件" as if counted; today's open cases, once there is any record at all.
 */
export function figureNotBegun(key: IndicatorKey, period: { to: string }, recordedFrom: string | null): boolean {
  return countedToday(key) ? recordedFrom === null : endsBeforeRecords(period, recordedFrom);
}

/**
 * The `n` series with the most in total, then one summing the rest (key null; `merged` says how
 * many it sums) when there is a rest of two or more: a rest of one is that one, drawn under its own
 * name ("其余1类" named a type the chart had room for).
 */
export function topSeries(series: ReadonlyArray<{ key: string; counts: readonly number[] }>, n: number): Array<{ key: string | null; merged: number; counts: readonly number[] }> {
  const total = (s: { counts: readonly number[] }) => s.counts.reduce((a, b) => a + b, 0);
  const sorted = [...series].sort((a, b) => total(b) - total(a));
  if (sorted.length <= n + 1) return sorted.map((s) => ({ key: s.key, merged: 1, counts: s.counts }));
  const top = sorted.slice(0, n).map((s) => ({ key: s.key, merged: 1, counts: s.counts }));
  const rest = sorted.slice(n);
  return [...top, { key: null, merged: rest.length, counts: rest[0]!.counts.map((_, i) => rest.reduce((sum, s) => sum + (s.counts[i] ?? 0), 0)) }];
}
