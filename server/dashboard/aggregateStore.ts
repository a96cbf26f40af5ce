import { sql, type Kysely } from 'kysely';
import { durationKeys, measureKeys, type Contribution, type EventDimensions } from '../../shared/dashboard/measures.js';
import type { DbScope } from '../db/engine.js';
import { insertTemplate } from '../db/queryTemplate.js';
import type { HubDatabase } from '../db/schema.js';
import { daysBetweenDates, durationStart, durationWhere, measureAmount, measureWhere } from './eventPredicates.js';

// The dashboard's pre-aggregates: `daily_counts` / `daily_durations` by every dimension and
// `monthly_counts` / `monthly_durations` by the court-wide ones (site, dispute type, channel).
// Written only by the append listener (./aggregates.ts), inside the transaction that appends the
// event, as `n = n + delta` upserts: a voided event's delta is negative. `recount` rebuilds the
// same four tables from `case_events` alone; a test proves the two always agree.

const dailyKey = ['court_day', 'measure', 'site_id', 'organisation_id', 'mediator', 'dispute_type', 'channel'] as const;
const monthlyKey = ['month', 'measure', 'site_id', 'dispute_type', 'channel'] as const;

export interface StoredEventFacts {
  type: string;
  caseKind: string;
  courtDay: string;
  payload: unknown;
  dims: EventDimensions;
}

// Upserts run on every appended event: compiled once (../db/queryTemplate.ts).
const dailyCounts = insertTemplate('daily_counts', [...dailyKey, 'n'], (q) =>
  q.onConflict((oc) => oc.columns([...dailyKey]).doUpdateSet((eb) => ({ n: eb('daily_counts.n', '+', eb.ref('excluded.n')) }))),
);
const monthlyCounts = insertTemplate('monthly_counts', [...monthlyKey, 'n'], (q) =>
  q.onConflict((oc) => oc.columns([...monthlyKey]).doUpdateSet((eb) => ({ n: eb('monthly_counts.n', '+', eb.ref('excluded.n')) }))),
);
const dailyDurations = insertTemplate('daily_durations', [...dailyKey, 'days', 'n'], (q) =>
  q.onConflict((oc) => oc.columns([...dailyKey, 'days']).doUpdateSet((eb) => ({ n: eb('daily_durations.n', '+', eb.ref('excluded.n')) }))),
);
const monthlyDurations = insertTemplate('monthly_durations', [...monthlyKey, 'days', 'n'], (q) =>
  q.onConflict((oc) => oc.columns([...monthlyKey, 'days']).doUpdateSet((eb) => ({ n: eb('monthly_durations.n', '+', eb.ref('excluded.n')) }))),
);

type UpsertRows = ReadonlyArray<Record<string, unknown>>;
/** The four upserts of one contribution (or of several, summed), by table. */
interface AggregateRows {
  dailyCounts: UpsertRows;
  monthlyCounts: UpsertRows;
  dailyDurations: UpsertRows;
  monthlyDurations: UpsertRows;
}

function rowsOf(day: string, dims: EventDimensions, c: Contribution, sign: 1 | -1): AggregateRows {
  const month = day.slice(0, 7);
  const full = { site_id: dims.siteId, organisation_id: dims.organisationId, mediator: dims.mediator, dispute_type: dims.disputeType, channel: dims.channel };
  const court = { site_id: dims.siteId, dispute_type: dims.disputeType, channel: dims.channel };
  const counts = c.counts.filter((x) => x.n !== 0);
  return {
    dailyCounts: counts.map((x) => ({ court_day: day, measure: x.measure, ...full, n: sign * x.n })),
    monthlyCounts: counts.map((x) => ({ month, measure: x.measure, ...court, n: sign * x.n })),
    dailyDurations: c.durations.map((x) => ({ court_day: day, measure: x.measure, ...full, days: x.days, n: sign })),
    monthlyDurations: c.durations.map((x) => ({ month, measure: x.measure, ...court, days: x.days, n: sign })),
  };
}

/** Upserts per INSERT when held contributions are written: 8–9 parameters a row, far below both engines' limits. */
const UPSERT_ROWS = 200;

async function upsert(db: Kysely<HubDatabase>, rows: AggregateRows): Promise<void> {
  for (const [write, list] of [
    [dailyCounts, rows.dailyCounts],
    [monthlyCounts, rows.monthlyCounts],
    [dailyDurations, rows.dailyDurations],
    [monthlyDurations, rows.monthlyDurations],
  ] as const) {
    for (let i = 0; i < list.length; i += UPSERT_ROWS) await write(db, list.slice(i, i + UPSERT_ROWS));
  }
}

// Contributions a transaction holds back (./aggregates.ts holdContributions): per table, summed by key.
type Held = Record<keyof AggregateRows, Map<string, Record<string, unknown> & { n: number }>>;
const held = new WeakMap<Kysely<HubDatabase>, Held>();
const keyColumns: Record<keyof AggregateRows, readonly string[]> = {
  dailyCounts: dailyKey,
  monthlyCounts: monthlyKey,
  dailyDurations: [...dailyKey, 'days'],
  monthlyDurations: [...monthlyKey, 'days'],
};

/** Adds (`sign` 1) or takes away (`sign` -1) what one event contributes — now, or when the transaction's held contributions are written. */
export async function addContribution(db: Kysely<HubDatabase>, day: string, dims: EventDimensions, c: Contribution, sign: 1 | -1): Promise<void> {
  const rows = rowsOf(day, dims, c, sign);
  const holding = held.get(db);
  if (!holding) return upsert(db, rows);
  for (const table of Object.keys(keyColumns) as Array<keyof AggregateRows>) {
    for (const row of rows[table]) {
      const k = keyColumns[table].map((column) => row[column]).join('\u0000');
      const sum = holding[table].get(k);
      if (sum) sum.n += row.n as number;
      else holding[table].set(k, { ...row, n: row.n as number });
    }
  }
}

/**
 * Until `writeHeldContributions`, what events appended on `trx` contribute is summed in memory
 * instead of upserted event by event: a group-committed batch of intakes then costs one upsert
 * per table, not two per intake. Only for a transaction that is committed or rolled back whole
 * (no savepoint to undo one event's share), and that writes them before it commits.
 */
export function holdContributions(trx: Kysely<HubDatabase>): void {
  held.set(trx, { dailyCounts: new Map(), monthlyCounts: new Map(), dailyDurations: new Map(), monthlyDurations: new Map() });
}

/** Writes what `trx` held (in key order, so two writers lock rows alike) and stops holding. */
export async function writeHeldContributions(trx: Kysely<HubDatabase>): Promise<void> {
  const holding = held.get(trx);
  if (!holding) return;
  held.delete(trx);
  const rows = (table: keyof AggregateRows) => [...holding[table]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([, row]) => (row.n === 0 ? [] : [row]));
  await upsert(trx, { dailyCounts: rows('dailyCounts'), monthlyCounts: rows('monthlyCounts'), dailyDurations: rows('dailyDurations'), monthlyDurations: rows('monthlyDurations') });
}

/** The stored event a correction voids, with the dimensions it was counted under. */
export async function storedEvent(db: Kysely<HubDatabase>, eventId: string): Promise<StoredEventFacts | null> {
  const row = await db
    .selectFrom('case_events')
    .select(['type', 'case_kind', 'court_day', 'payload_json', 'case_site_id', 'organisation_id', 'mediator', 'dispute_type', 'channel'])
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    type: row.type,
    caseKind: row.case_kind,
    courtDay: row.court_day,
    payload: JSON.parse(row.payload_json) as unknown,
    dims: {
      siteId: row.case_site_id ?? '',
      organisationId: row.organisation_id ?? '',
      mediator: row.mediator ?? '',
      disputeType: row.dispute_type ?? '',
      channel: row.channel ?? '',
    },
  };
}

/** One aggregate row as text key → n (zero rows left out), for comparing the tables with a recount. */
export type AggregateSnapshot = Record<'daily_counts' | 'daily_durations' | 'monthly_counts' | 'monthly_durations', Map<string, number>>;

const key = (parts: ReadonlyArray<string | number>) => parts.join('|');

function add(map: Map<string, number>, k: string, n: number): void {
  const total = (map.get(k) ?? 0) + n;
  if (total === 0) map.delete(k);
  else map.set(k, total);
}

/** What the four tables hold now. */
export async function storedAggregates({ db }: DbScope): Promise<AggregateSnapshot> {
  const snapshot: AggregateSnapshot = { daily_counts: new Map(), daily_durations: new Map(), monthly_counts: new Map(), monthly_durations: new Map() };
  for (const r of await db.selectFrom('daily_counts').selectAll().execute()) {
    add(snapshot.daily_counts, key([r.court_day, r.measure, r.site_id, r.organisation_id, r.mediator, r.dispute_type, r.channel]), r.n);
  }
  for (const r of await db.selectFrom('daily_durations').selectAll().execute()) {
    add(snapshot.daily_durations, key([r.court_day, r.measure, r.site_id, r.organisation_id, r.mediator, r.dispute_type, r.channel, r.days]), r.n);
  }
  for (const r of await db.selectFrom('monthly_counts').selectAll().execute()) {
    add(snapshot.monthly_counts, key([r.month, r.measure, r.site_id, r.dispute_type, r.channel]), r.n);
  }
  for (const r of await db.selectFrom('monthly_durations').selectAll().execute()) {
    add(snapshot.monthly_durations, key([r.month, r.measure, r.site_id, r.dispute_type, r.channel, r.days]), r.n);
  }
  return snapshot;
}

/** The case's dimensions of an event row, '' where none: the key columns of the aggregates. */
const dimensionExpressions = {
  site_id: sql<string>`coalesce(e.case_site_id, '')`,
  organisation_id: sql<string>`coalesce(e.organisation_id, '')`,
  mediator: sql<string>`coalesce(e.mediator, '')`,
  dispute_type: sql<string>`coalesce(e.dispute_type, '')`,
  channel: sql<string>`coalesce(e.channel, '')`,
};
const dimensionColumns = [
  dimensionExpressions.site_id.as('site_id'),
  dimensionExpressions.organisation_id.as('organisation_id'),
  dimensionExpressions.mediator.as('mediator'),
  dimensionExpressions.dispute_type.as('dispute_type'),
  dimensionExpressions.channel.as('channel'),
] as const;
const dimensionGroups = Object.values(dimensionExpressions);

/**
 * The four tables recounted from `case_events` alone, with the SQL of ./eventPredicates.ts (the
 * measures' own declarations): a plain GROUP BY per measure; months rolled up from the days.
 */
export async function recount({ db, engine }: DbScope): Promise<AggregateSnapshot> {
  const snapshot: AggregateSnapshot = { daily_counts: new Map(), daily_durations: new Map(), monthly_counts: new Map(), monthly_durations: new Map() };
  for (const measure of measureKeys) {
    const rows = await db
      .selectFrom('case_events as e')
      .select(['e.court_day', ...dimensionColumns, sql<number>`sum(${measureAmount(engine, measure)})`.as('n')])
      .where(measureWhere(engine, measure))
      .groupBy(['e.court_day', ...dimensionGroups])
      .execute();
    for (const r of rows) {
      const n = Number(r.n);
      add(snapshot.daily_counts, key([r.court_day, measure, r.site_id, r.organisation_id, r.mediator, r.dispute_type, r.channel]), n);
      add(snapshot.monthly_counts, key([r.court_day.slice(0, 7), measure, r.site_id, r.dispute_type, r.channel]), n);
    }
  }
  for (const measure of durationKeys) {
    const days = daysBetweenDates(engine, sql.ref('s.court_day'), sql.ref('e.court_day'));
    const rows = await db
      .selectFrom('case_events as e')
      .innerJoin('case_events as s', (j) => j.onRef('s.case_id', '=', 'e.case_id').on('s.type', '=', durationStart(measure)))
      .select(['e.court_day', ...dimensionColumns, days.as('days'), sql<number>`count(*)`.as('n')])
      .where(durationWhere(measure))
      .groupBy(['e.court_day', ...dimensionGroups, days])
      .execute();
    for (const r of rows) {
      const n = Number(r.n);
      add(snapshot.daily_durations, key([r.court_day, measure, r.site_id, r.organisation_id, r.mediator, r.dispute_type, r.channel, r.days]), n);
      add(snapshot.monthly_durations, key([r.court_day.slice(0, 7), measure, r.site_id, r.dispute_type, r.channel, r.days]), n);
    }
  }
  return snapshot;
}
