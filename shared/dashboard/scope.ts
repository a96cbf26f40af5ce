import { z } from 'zod';
import { intakeChannels } from '../cases/caseEvents.js';
import { daysBetween } from '../cases/deadlines.js';
import { disputeTypes } from '../disputeTypes.js';

// A dashboard question: a period of court days (both ends included) and a scope narrowed by any
// of the case's dimensions. The working view's filters, the API's query string, the exports and
// the drill-down links are all this one shape, checked by this one schema.

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}$/);
const Day = z.iso.date();

/** The longest period one question may span (ten years): a bound on what one query reads. */
export const MAX_PERIOD_DAYS = 3660;

export const DashboardScope = z.strictObject({
  siteId: Id.optional(),
  organisationId: Id.optional(),
  mediator: Id.optional(),
  disputeType: z.enum(disputeTypes).optional(),
  channel: z.enum(intakeChannels).optional(),
});
export type DashboardScope = z.infer<typeof DashboardScope>;

export const DashboardQuery = DashboardScope.extend({ from: Day, to: Day }).superRefine((q, ctx) => {
  const span = daysBetween(q.from, q.to);
  if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'dashboard.periodReversed' });
  if (span >= MAX_PERIOD_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: 'dashboard.periodTooLong' });
});
export type DashboardQuery = z.infer<typeof DashboardQuery>;

/** The dimensions a breakdown groups by, from the court down to a mediator. */
export const breakdownLevels = ['site', 'organisation', 'mediator', 'disputeType', 'channel'] as const;
export type BreakdownLevel = (typeof breakdownLevels)[number];

/** The drill-down path court → site → organisation → mediator → cases: the level below each. */
export function nextLevel(scope: DashboardScope): BreakdownLevel | 'cases' {
  if (scope.mediator) return 'cases';
  if (scope.organisationId) return 'mediator';
  if (scope.siteId) return 'organisation';
  return 'site';
}

/** Reads a query from URL search parameters (unknown parameters ignored); the schema checks it. */
export function queryFromSearch(params: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['from', 'to', 'siteId', 'organisationId', 'mediator', 'disputeType', 'channel']) {
    const value = params.get(key);
    if (value !== null && value !== '') out[key] = value;
  }
  return out;
}

/** The same query as URL search parameters (empty dimensions left out). */
export function searchOfQuery(q: Partial<DashboardQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(q)) if (typeof value === 'string' && value !== '') params.set(key, value);
  return params.toString();
}
