import { addDays } from '../../shared/cases/deadlines.js';

// How a period of court days is read from the aggregates: whole calendar months from the monthly
// rollup, the days before the first whole month and after the last one from the daily table. The
// two tables hold the same counts (a test proves both equal a recount), so the split changes the
// cost of a question, never its answer.

export interface PeriodSplit {
  /** Whole months, 'YYYY-MM', first and last included; null when the period holds none. */
  months: { from: string; to: string } | null;
  /** Day ranges (both ends included) outside those months: zero, one or two. */
  days: Array<{ from: string; to: string }>;
}

const monthOf = (day: string) => day.slice(0, 7);
const firstOfMonth = (month: string) => `${month}-01`;
function lastOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 7);
}
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

export function splitPeriod(from: string, to: string): PeriodSplit {
  if (from > to) return { months: null, days: [] };
  const firstWhole = from === firstOfMonth(monthOf(from)) ? monthOf(from) : nextMonth(monthOf(from));
  const lastWhole = to === lastOfMonth(monthOf(to)) ? monthOf(to) : previousMonth(monthOf(to));
  if (firstWhole > lastWhole) return { months: null, days: [{ from, to }] };
  const days: PeriodSplit['days'] = [];
  const wholeFrom = firstOfMonth(firstWhole);
  const wholeTo = lastOfMonth(lastWhole);
  if (from < wholeFrom) days.push({ from, to: addDays(wholeFrom, -1) });
  if (to > wholeTo) days.push({ from: addDays(wholeTo, 1), to });
  return { months: { from: firstWhole, to: lastWhole }, days };
}
