import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { WarningFacts } from '../../shared/dashboard/api.js';
import type { WarningRule } from '../../shared/dashboard/earlyWarning.js';
import type { DimensionKey, MeasureKey } from '../../shared/dashboard/measures.js';
import type { DashboardQuery } from '../../shared/dashboard/scope.js';
import type { Selectable } from 'kysely';
import type { DbScope } from '../db/engine.js';
import type { TrendWarningsTable } from '../db/schema.js';
import { groupColumn, groupTail, scopeConditions, sources } from './indicatorStore.js';

// Dispute trends (纠纷态势): one measure over time, by day or by month, per value of chosen
// dimensions — read from the same pre-aggregates as the indicators — and the early warnings
// raised on them (trend_warnings), with their acknowledgement.

export interface SeriesPoint {
  /** A court day 'YYYY-MM-DD' or a month 'YYYY-MM'. */
  period: string;
  /** The group's dimension values joined by '|' ('' when not grouped). */
  grp: string;
  n: number;
}

/** Daily counts of `measure` in the period and scope (days with none left out). */
export async function dailySeries({ db }: DbScope, query: DashboardQuery, measure: MeasureKey, groupBy: readonly DimensionKey[]): Promise<SeriesPoint[]> {
  const where = sql.join([sql`measure = ${measure}`, sql`court_day between ${query.from} and ${query.to}`, ...scopeConditions(query)], sql` and `);
  const grp = groupColumn(groupBy);
  const result = await sql<SeriesPoint>`select court_day as period, ${grp} as grp, sum(n) as n from daily_counts
    where ${where} group by court_day${groupTail(groupBy)}`.execute(db);
  return result.rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** The first court day with any dispute received, court-wide (null when none): where the records begin. */
export async function firstRecordedDay({ db }: DbScope): Promise<string | null> {
  const row = await db
    .selectFrom('daily_counts')
    .select((eb) => eb.fn.min('court_day').as('first'))
    .where('measure', '=', 'received')
    .executeTakeFirst();
  return row?.first ?? null;
}

/** Monthly counts of `measure`: whole months from the rollup where it serves, edge days folded in. */
export async function monthlySeries({ db }: DbScope, query: DashboardQuery, measure: MeasureKey, groupBy: readonly DimensionKey[]): Promise<SeriesPoint[]> {
  const totals = new Map<string, SeriesPoint>();
  for (const s of sources(query, groupBy)) {
    const where = sql.join([sql`measure = ${measure}`, sql`${sql.ref(s.time)} between ${s.from} and ${s.to}`, ...scopeConditions(query)], sql` and `);
    const grp = groupColumn(groupBy);
    const period = s.time === 'month' ? sql`month` : sql`substr(court_day, 1, 7)`;
    const result = await sql<SeriesPoint>`select ${period} as period, ${grp} as grp, sum(n) as n from ${sql.table(s.counts)}
      where ${where} group by ${period}${groupTail(groupBy)}`.execute(db);
    for (const r of result.rows) {
      const key = `${r.period}\u0000${r.grp}`;
      const point = totals.get(key) ?? { period: r.period, grp: r.grp, n: 0 };
      point.n += Number(r.n);
      totals.set(key, point);
    }
  }
  return [...totals.values()];
}

export interface WarningInput extends WarningFacts {
  rule: WarningRule;
}

export interface TrendWarning extends WarningInput {
  warningId: string;
  raisedAt: string;
  status: 'open' | 'acknowledged';
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  note: string | null;
}

/**
 * Records a warning, or brings an open one for the same site, type and week up to date (the week
 * is still counting). An acknowledged warning keeps what staff acknowledged. True if it is new.
 */
export async function raiseWarning({ db }: DbScope, w: WarningInput, at: string): Promise<boolean> {
  const inserted = await db
    .insertInto('trend_warnings')
    .values({
      warning_id: randomUUID(),
      site_id: w.siteId,
      dispute_type: w.disputeType,
      week_start: w.weekStart,
      observed: w.observed,
      baseline: w.baseline,
      upper_limit: w.upperLimit,
      rule_json: JSON.stringify(w.rule),
      raised_at: at,
      acknowledged_at: null,
      acknowledged_by: null,
      note: null,
    })
    .onConflict((oc) =>
      oc.columns(['site_id', 'dispute_type', 'week_start']).doUpdateSet({ observed: w.observed, baseline: w.baseline, upper_limit: w.upperLimit }).where('trend_warnings.status', '=', 'open'),
    )
    .returning(['raised_at'])
    .executeTakeFirst();
  return inserted?.raised_at === at;
}

const toWarning = (r: Selectable<TrendWarningsTable>): TrendWarning => ({
  warningId: r.warning_id,
  siteId: r.site_id,
  disputeType: r.dispute_type,
  weekStart: r.week_start,
  observed: Number(r.observed),
  baseline: Number(r.baseline),
  upperLimit: Number(r.upper_limit),
  rule: JSON.parse(r.rule_json) as WarningRule,
  raisedAt: r.raised_at,
  status: r.status === 'acknowledged' ? 'acknowledged' : 'open',
  acknowledgedAt: r.acknowledged_at,
  acknowledgedBy: r.acknowledged_by,
  note: r.note,
});

/** Warnings newest week first: open ones, and acknowledged ones of weeks from `since`. */
export async function listWarnings({ db }: DbScope, o: { since: string; siteId?: string; limit: number }): Promise<TrendWarning[]> {
  let q = db
    .selectFrom('trend_warnings')
    .selectAll()
    .where((eb) => eb.or([eb('status', '=', 'open'), eb('week_start', '>=', o.since)]));
  if (o.siteId) q = q.where('site_id', '=', o.siteId);
  const rows = await q.orderBy('week_start', 'desc').orderBy('observed', 'desc').orderBy('warning_id').limit(o.limit).execute();
  return rows.map(toWarning);
}

export async function warningById({ db }: DbScope, warningId: string): Promise<TrendWarning | null> {
  const row = await db.selectFrom('trend_warnings').selectAll().where('warning_id', '=', warningId).executeTakeFirst();
  return row ? toWarning(row) : null;
}

/** Acknowledges an open warning with a note; false if it was not open (or does not exist). */
export async function acknowledgeWarning({ db }: DbScope, warningId: string, by: string, note: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('trend_warnings')
    .set({ status: 'acknowledged', acknowledged_at: at, acknowledged_by: by, note })
    .where('warning_id', '=', warningId)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
