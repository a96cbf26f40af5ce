import { sql } from 'kysely';
import type { CaseDimensions } from '../../shared/dashboard/api.js';
import { drillMeasure, type IndicatorKey, type OpenCaseKind } from '../../shared/dashboard/indicators.js';
import type { DashboardQuery, DashboardScope } from '../../shared/dashboard/scope.js';
import type { DbScope } from '../db/engine.js';
import { daysBetweenDates, durationStart, durationWhere, eventScopeWhere, measureAmount, measureWhere } from './eventPredicates.js';
import { dimensionColumns, openCaseConditions } from './indicatorStore.js';

// The events behind an indicator's number: the same measure (./eventPredicates.ts), the same
// period and scope, read from `case_events` rather than from the aggregates, with the case each
// belongs to. A list row is one counted event (a case settled twice after a real reopening is two
// rows); `total` and `amount` are the list's own count and sum, which equal the indicator's number.
// Rows carry references and dimensions only, never a party's name or number.

export interface DrillRow extends CaseDimensions {
  eventId: string;
  caseId: string;
  caseNumber: string | null;
  caseState: string;
  type: string;
  at: string;
  courtDay: string;
  /** What the row adds to the number: 1, minutes, or days for a duration. */
  amount: number;
}

export interface DrillPage {
  total: number;
  amount: number;
  rows: DrillRow[];
}

export const DRILL_PAGE_MAX = 500;

export async function drillEvents({ db, engine }: DbScope, query: DashboardQuery, key: IndicatorKey, page: { limit: number; offset: number }): Promise<DrillPage> {
  const target = drillMeasure(key);
  if ('open' in target) throw new Error('open cases are cases, not events: use openCases');
  let base = db
    .selectFrom('case_events as e')
    .innerJoin('cases as c', 'c.case_id', 'e.case_id')
    .where('e.court_day', '>=', query.from)
    .where('e.court_day', '<=', query.to)
    .where(eventScopeWhere(query));
  let amount;
  if ('duration' in target) {
    base = base.innerJoin('case_events as s', (j) => j.onRef('s.case_id', '=', 'e.case_id').on('s.type', '=', durationStart(target.duration))).where(durationWhere(target.duration));
    amount = daysBetweenDates(engine, sql.ref('s.court_day'), sql.ref('e.court_day'));
  } else {
    base = base.where(measureWhere(engine, target.measure));
    if (target.channel) base = base.where('e.channel', '=', target.channel);
    amount = measureAmount(engine, target.measure);
  }
  const totals = await base.select([sql<number>`count(*)`.as('total'), sql<number>`coalesce(sum(${amount}), 0)`.as('amount')]).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'e.event_id as eventId',
      'e.case_id as caseId',
      'c.case_number as caseNumber',
      'c.state as caseState',
      'e.type',
      'e.at',
      'e.court_day as courtDay',
      sql<string>`coalesce(e.case_site_id, '')`.as('siteId'),
      sql<string>`coalesce(e.organisation_id, '')`.as('organisationId'),
      sql<string>`coalesce(e.mediator, '')`.as('mediator'),
      sql<string>`coalesce(e.dispute_type, '')`.as('disputeType'),
      sql<string>`coalesce(e.channel, '')`.as('channel'),
      amount.as('amount'),
    ])
    .orderBy('e.court_day', 'desc')
    .orderBy('e.at', 'desc')
    .orderBy('e.event_id')
    .limit(Math.min(page.limit, DRILL_PAGE_MAX))
    .offset(page.offset)
    .execute();
  return { total: Number(totals.total), amount: Number(totals.amount), rows: rows.map((r) => ({ ...r, amount: Number(r.amount) })) };
}

export interface OpenCaseRow extends CaseDimensions {
  caseId: string;
  caseNumber: string | null;
  state: string;
  divertedOn: string | null;
  mediationDueDate: string | null;
  receivedAt: string;
}

/** The open cases of a kind on `today`, in the scope (the count's own predicate): overdue ones by due date, undecided ones oldest first. */
export async function openCases({ db }: DbScope, scope: DashboardScope, cases: OpenCaseKind, today: string, page: { limit: number; offset: number }): Promise<{ total: number; rows: OpenCaseRow[] }> {
  let base = db.selectFrom('cases').where(sql<boolean>`${sql.join(openCaseConditions(cases, today), sql` and `)}`);
  for (const [key, column] of Object.entries(dimensionColumns) as Array<[keyof DashboardScope, string]>) {
    const value = scope[key];
    if (value !== undefined) base = base.where(sql.ref(column), '=', value);
  }
  const { total } = await base.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
  const rows = await base
    .select([
      'case_id as caseId',
      'case_number as caseNumber',
      'state',
      sql<string>`coalesce(site_id, '')`.as('siteId'),
      sql<string>`coalesce(organisation_id, '')`.as('organisationId'),
      sql<string>`coalesce(mediator, '')`.as('mediator'),
      'dispute_type as disputeType',
      sql<string>`coalesce(channel, '')`.as('channel'),
      'diverted_on as divertedOn',
      'mediation_due_date as mediationDueDate',
      'received_at as receivedAt',
    ])
    .orderBy(cases === 'overdue_mediation' ? 'mediation_due_date' : 'received_at')
    .orderBy('case_id')
    .limit(Math.min(page.limit, DRILL_PAGE_MAX))
    .offset(page.offset)
    .execute();
  return { total: Number(total), rows };
}

export interface CaseSummary {
  caseId: string;
  kind: string;
  caseNumber: string | null;
  state: string;
  disputeType: string;
  channel: string;
  siteId: string;
  organisationId: string;
  mediator: string;
  receivedAt: string;
  divertedOn: string | null;
  mediationDueDate: string | null;
  /** The case's events as the dashboard may show them: what and when, never their free text. */
  events: Array<{ seq: number; type: string; at: string; voided: boolean }>;
}

/** One case as the command centre sees it (no parties, no application, no notes). */
export async function caseSummary({ db }: DbScope, caseId: string): Promise<CaseSummary | null> {
  const c = await db
    .selectFrom('cases')
    .select(['case_id', 'kind', 'case_number', 'state', 'dispute_type', 'channel', 'site_id', 'organisation_id', 'mediator', 'received_at', 'diverted_on', 'mediation_due_date'])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!c) return null;
  const events = await db
    .selectFrom('case_events as e')
    .select(['e.seq', 'e.type', 'e.at', sql<number>`case when exists (select 1 from case_events v where v.voids_event_id = e.event_id) then 1 else 0 end`.as('voided')])
    .where('e.case_id', '=', caseId)
    .orderBy('e.seq')
    .execute();
  return {
    caseId: c.case_id,
    kind: c.kind,
    caseNumber: c.case_number,
    state: c.state,
    disputeType: c.dispute_type,
    channel: c.channel ?? '',
    siteId: c.site_id ?? '',
    organisationId: c.organisation_id ?? '',
    mediator: c.mediator ?? '',
    receivedAt: c.received_at,
    divertedOn: c.diverted_on,
    mediationDueDate: c.mediation_due_date,
    events: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at, voided: Number(e.voided) === 1 })),
  };
}
