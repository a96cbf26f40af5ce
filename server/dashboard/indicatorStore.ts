import { sql, type RawBuilder } from 'kysely';
import { openCaseKinds, type IndicatorInputs, type OpenCaseKind } from '../../shared/dashboard/indicators.js';
import type { DimensionKey, DurationKey, MeasureKey } from '../../shared/dashboard/measures.js';
import type { DashboardQuery, DashboardScope } from '../../shared/dashboard/scope.js';
import type { DbScope } from '../db/engine.js';
import { splitPeriod } from './periods.js';

// The figures behind the indicators, read from the pre-aggregates for a period and a scope, whole
// or broken down by one dimension. Whole months come from the monthly rollup when the question
// uses only the dimensions it keeps (site, dispute type, channel); every other day, and any
// question about an organisation or a mediator, from the daily tables. The open cases (mediations
// past their limit, disputes awaiting the diversion decision) are point-in-time counts over `cases`,
// by the one predicate the drill-down lists them with (openCaseConditions).

export const dimensionColumns: Record<DimensionKey, string> = {
  siteId: 'site_id',
  organisationId: 'organisation_id',
  mediator: 'mediator',
  disputeType: 'dispute_type',
  channel: 'channel',
};
const monthlyDimensions = new Set<DimensionKey>(['siteId', 'disputeType', 'channel']);

type CountRow = { measure: MeasureKey; channel: string; grp: string; n: number };
type DurationRow = { measure: DurationKey; days: number; grp: string; n: number };

export interface Source {
  counts: string;
  durations: string;
  time: string;
  from: string;
  to: string;
}

/** Where each part of the period is read from: the monthly rollup when it keeps every dimension used. */
export function sources(query: DashboardQuery, groupBy: readonly DimensionKey[]): Source[] {
  const used = (Object.keys(dimensionColumns) as DimensionKey[]).filter((d) => query[d] !== undefined || groupBy.includes(d));
  const monthly = used.every((d) => monthlyDimensions.has(d));
  const daily = (from: string, to: string): Source => ({ counts: 'daily_counts', durations: 'daily_durations', time: 'court_day', from, to });
  if (!monthly) return [daily(query.from, query.to)];
  const split = splitPeriod(query.from, query.to);
  const out = split.days.map((d) => daily(d.from, d.to));
  if (split.months) out.push({ counts: 'monthly_counts', durations: 'monthly_durations', time: 'month', from: split.months.from, to: split.months.to });
  return out;
}

export function scopeConditions(scope: DashboardScope): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  for (const key of Object.keys(dimensionColumns) as DimensionKey[]) {
    const value = scope[key];
    if (value !== undefined) out.push(sql`${sql.ref(dimensionColumns[key])} = ${value}`);
  }
  return out;
}

/** The group key of a row: the dimensions' values joined by '|' (ids never hold one), '' when not grouped. */
export function groupColumn(groupBy: readonly DimensionKey[]): RawBuilder<string> {
  if (groupBy.length === 0) return sql<string>`''`;
  return sql<string>`${sql.join(
    groupBy.map((d) => sql.ref(dimensionColumns[d])),
    sql` || '|' || `,
  )}`;
}
/** `, column…` for GROUP BY (PostgreSQL refuses to group by a constant). */
export const groupTail = (groupBy: readonly DimensionKey[]) => (groupBy.length > 0 ? sql`, ${sql.join(groupBy.map((d) => sql.ref(dimensionColumns[d])))}` : sql``);

async function readCounts({ db }: DbScope, query: DashboardQuery, groupBy: readonly DimensionKey[]): Promise<CountRow[]> {
  const rows: CountRow[] = [];
  for (const s of sources(query, groupBy)) {
    const where = sql.join([sql`${sql.ref(s.time)} between ${s.from} and ${s.to}`, ...scopeConditions(query)], sql` and `);
    const grp = groupColumn(groupBy);
    const result = await sql<CountRow>`select measure, channel, ${grp} as grp, sum(n) as n from ${sql.table(s.counts)}
      where ${where} group by measure, channel${groupTail(groupBy)}`.execute(db);
    rows.push(...result.rows);
  }
  return rows;
}

async function readDurations({ db }: DbScope, query: DashboardQuery, groupBy: readonly DimensionKey[]): Promise<DurationRow[]> {
  const rows: DurationRow[] = [];
  for (const s of sources(query, groupBy)) {
    const where = sql.join([sql`${sql.ref(s.time)} between ${s.from} and ${s.to}`, ...scopeConditions(query)], sql` and `);
    const grp = groupColumn(groupBy);
    const result = await sql<DurationRow>`select measure, days, ${grp} as grp, sum(n) as n from ${sql.table(s.durations)}
      where ${where} group by measure, days${groupTail(groupBy)}`.execute(db);
    rows.push(...result.rows);
  }
  return rows;
}

/** Which disputes are open cases of a kind on `today` (the case's state and dimensions now). */
export function openCaseConditions(cases: OpenCaseKind, today: string): RawBuilder<unknown>[] {
  switch (cases) {
    case 'overdue_mediation':
      return [sql`kind = 'dispute'`, sql`state = 'in_mediation'`, sql`mediation_due_date < ${today}`];
    case 'awaiting_decision':
      return [sql`kind = 'dispute'`, sql`state = 'received'`];
  }
}

/** The open cases of a kind on `today`, in the scope. */
async function readOpen({ db }: DbScope, scope: DashboardScope, cases: OpenCaseKind, today: string, groupBy: readonly DimensionKey[]): Promise<Array<{ grp: string; n: number }>> {
  const grp =
    groupBy.length > 0
      ? sql`${sql.join(
          groupBy.map((d) => sql`coalesce(${sql.ref(dimensionColumns[d])}, '')`),
          sql` || '|' || `,
        )}`
      : sql`''`;
  const where = sql.join([...openCaseConditions(cases, today), ...scopeConditions(scope)], sql` and `);
  const result = await sql<{ grp: string; n: number }>`select ${grp} as grp, count(*) as n from cases where ${where}${groupBy.length > 0 ? sql` group by ${grp}` : sql``}`.execute(db);
  return result.rows;
}

/** Every kind's open-case rows, grouped as asked. */
const readAllOpen = (scope: DbScope, query: DashboardQuery, today: string, groupBy: readonly DimensionKey[]) =>
  Promise.all(openCaseKinds.map(async (cases) => ({ cases, rows: await readOpen(scope, query, cases, today, groupBy) })));
const noOpenCases = (): Record<OpenCaseKind, number> => Object.fromEntries(openCaseKinds.map((k) => [k, 0])) as Record<OpenCaseKind, number>;

/** The inputs of every indicator for one period and scope. */
export async function indicatorInputs(scope: DbScope, query: DashboardQuery, today: string): Promise<IndicatorInputs> {
  const [counts, durations, open] = await Promise.all([readCounts(scope, query, []), readDurations(scope, query, []), readAllOpen(scope, query, today, [])]);
  const openCases = noOpenCases();
  for (const { cases, rows } of open) openCases[cases] = Number(rows[0]?.n ?? 0);
  return {
    counts: counts.map((r) => ({ measure: r.measure, channel: r.channel, n: Number(r.n) })),
    durations: durations.map((r) => ({ measure: r.measure, days: Number(r.days), n: Number(r.n) })),
    open: openCases,
  };
}

/**
 * The inputs per value of one dimension, or per pair of values joined by '|' ('' collects what has
 * none, e.g. not yet assigned).
 */
export async function breakdownInputs(scope: DbScope, query: DashboardQuery, by: DimensionKey | readonly DimensionKey[], today: string): Promise<Map<string, IndicatorInputs>> {
  const groupBy = typeof by === 'string' ? [by] : by;
  const [counts, durations, open] = await Promise.all([readCounts(scope, query, groupBy), readDurations(scope, query, groupBy), readAllOpen(scope, query, today, groupBy)]);
  const groups = new Map<string, { counts: IndicatorInputs['counts'][number][]; durations: IndicatorInputs['durations'][number][]; open: Record<OpenCaseKind, number> }>();
  const group = (k: string) => {
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { counts: [], durations: [], open: noOpenCases() }));
    return g;
  };
  for (const r of counts) group(r.grp).counts.push({ measure: r.measure, channel: r.channel, n: Number(r.n) });
  for (const r of durations) group(r.grp).durations.push({ measure: r.measure, days: Number(r.days), n: Number(r.n) });
  for (const { cases, rows } of open) for (const r of rows) group(r.grp).open[cases] = Number(r.n);
  return groups;
}
