import { z } from 'zod';
import { HUB_API } from '../hubProtocol.js';
import { indicatorKeys, type IndicatorKey } from './indicators.js';
import type { DimensionKey } from './measures.js';
import { breakdownLevels, DashboardQuery, type BreakdownLevel } from './scope.js';

// The dashboard's HTTP surface, shared by the hub (server/dashboard/routes.ts) and its pages
// (server/dashboard-app): paths, the query each route takes (checked by these schemas on the hub),
// and the answers' shapes. Every route is read-only and needs the ability readDashboard (whole
// court) or readSiteDashboard (the staff member's own site only).

export const DASHBOARD_API = `${HUB_API}/dashboard`;
export const dashboardPaths = {
  indicators: `${DASHBOARD_API}/indicators`,
  breakdown: `${DASHBOARD_API}/breakdown`,
  /** `.csv` or `.xlsx` appended. */
  breakdownExport: `${DASHBOARD_API}/breakdown.`,
  drill: `${DASHBOARD_API}/drill`,
  drillExport: `${DASHBOARD_API}/drill.`,
  caseSummary: `${DASHBOARD_API}/cases/`,
  directory: `${DASHBOARD_API}/directory`,
  /** Server-sent events: `changed` whenever a case event moved the figures. */
  stream: `${DASHBOARD_API}/stream`,
  /** The pages (one app): working view, the command-centre wall, a site's page. */
  page: '/dashboard',
  wall: '/dashboard/wall',
  sitePage: '/dashboard/site/',
  fleet: '/dashboard/fleet',
} as const;

export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Which dimension a breakdown level groups by. */
export const levelDimension: Record<BreakdownLevel, DimensionKey> = {
  site: 'siteId',
  organisation: 'organisationId',
  mediator: 'mediator',
  disputeType: 'disputeType',
  channel: 'channel',
};

export const BreakdownQuery = z.intersection(DashboardQuery, z.object({ by: z.enum(breakdownLevels) }));
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;

export const DRILL_PAGE_SIZE = 100;
export const DrillQuery = z.intersection(
  DashboardQuery,
  z.object({
    indicator: z.enum(indicatorKeys),
    limit: z.coerce.number().int().min(1).max(500).default(DRILL_PAGE_SIZE),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  }),
);
export type DrillQuery = z.infer<typeof DrillQuery>;

export interface IndicatorsAnswer {
  today: string;
  values: Record<IndicatorKey, number | null>;
  /** The first court day with any dispute received, court-wide (null: none yet): a period ending before it counted nothing (shared/dashboard/trends.ts figureNotBegun). */
  recordedFrom: string | null;
}

export interface BreakdownRow {
  /** The dimension's value ('' for none, e.g. not yet assigned to a mediator). */
  key: string;
  name: string;
  values: Record<IndicatorKey, number | null>;
}

export interface BreakdownAnswer {
  by: BreakdownLevel;
  rows: BreakdownRow[];
}

/** Where a listed case or event stands in the court ('' where it has none). */
export interface CaseDimensions {
  siteId: string;
  organisationId: string;
  mediator: string;
  disputeType: string;
  channel: string;
}

/** One row of a drill-down: a counted event, or an open case for the point-in-time indicator. */
export interface DrillAnswerRow extends CaseDimensions {
  caseId: string;
  caseNumber: string | null;
  state: string;
  /** The event's court day, or the mediation's due date for an overdue case. */
  day: string;
  amount: number;
}

export interface DrillAnswer {
  indicator: IndicatorKey;
  total: number;
  amount: number;
  rows: DrillAnswerRow[];
}

export interface DirectoryAnswer {
  courtName: string;
  sites: Array<{ siteId: string; name: string; kind: string; mapX: number | null; mapY: number | null }>;
  organisations: Array<{ organisationId: string; name: string; siteId: string | null }>;
  mediators: Array<{ username: string; displayName: string; organisationId: string | null }>;
  /** The signed-in viewer's site when they may see only that site. */
  siteOnly: string | null;
}

// Trends (纠纷态势) and early warnings.
export const trendPaths = {
  trends: `${DASHBOARD_API}/trends`,
  heat: `${DASHBOARD_API}/heat`,
  warnings: `${DASHBOARD_API}/warnings`,
  /** POST `${warnings}/<id>/acknowledge` with AcknowledgeBody. */
  acknowledge: (warningId: string) => `${DASHBOARD_API}/warnings/${warningId}/acknowledge`,
} as const;

export const TrendQuery = z.intersection(DashboardQuery, z.object({ grain: z.enum(['week', 'month']).default('month'), by: z.enum(['disputeType', 'site']).default('disputeType') }));
export type TrendQuery = z.infer<typeof TrendQuery>;

export interface TrendAnswer {
  grain: 'week' | 'month';
  buckets: string[];
  /** Received per bucket, per value of the grouping ('' none). */
  series: Array<{ key: string; counts: number[] }>;
  /** The period's total against the same length just before and the same dates a year earlier. */
  total: { current: number; previous: number; lastYear: number };
  /** The first court day the hub has any dispute received on (null: none yet): a comparison period before it is incomplete. */
  recordedFrom: string | null;
}

export interface HeatAnswer {
  sites: string[];
  types: string[];
  /** [site index, type index, received] for every pair with any. */
  cells: Array<[number, number, number]>;
}

export const AcknowledgeBody = z.strictObject({ note: z.string().trim().min(1).max(500) });

/** What a warning says: which site and type surged in which week, against which baseline and limit. */
export interface WarningFacts {
  siteId: string;
  disputeType: string;
  weekStart: string;
  observed: number;
  baseline: number;
  upperLimit: number;
}

export interface WarningView extends WarningFacts {
  warningId: string;
  /** The rule and its parameters in words, in both languages. */
  rule: { zh: string; en: string };
  status: 'open' | 'acknowledged';
  acknowledgedBy: string | null;
  note: string | null;
}
