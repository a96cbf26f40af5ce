import { z } from 'zod';
import { fleetPaths } from '../terminals/heartbeat.js';
import { AcknowledgeBody, BreakdownQuery, dashboardPaths, DrillQuery, exportFormats, trendPaths, TrendQuery } from './api.js';
import { DashboardQuery } from './scope.js';

// The dashboard's and the fleet's HTTP routes as the court API's OpenAPI document lists them
// (shared/courtApi/openapi.ts). They are served by their own Fastify routes (server/dashboard,
// server/terminals/fleetRoutes.ts), not by the court route table, because they stream, export
// files and narrow a site viewer's scope; this table describes them with the same zod schemas
// those routes parse with, so the document cannot drift from what the hub accepts.

export interface DescribedRoute {
  method: 'GET' | 'POST';
  path: string;
  summary: string;
  /** A site viewer (readSiteDashboard) is narrowed to their own site. */
  ability: 'readDashboard or readSiteDashboard';
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The media types of a successful answer. */
  media: readonly string[];
}

const dashboardAbility = 'readDashboard or readSiteDashboard' as const;
const json = ['application/json'] as const;
const table = ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] as const;
/** Path parameters of the dashboard's own routes (parsed with these by server/dashboard). */
export const ExportFormatParams = z.strictObject({ format: z.enum(exportFormats) });
export const DashboardCaseParams = z.strictObject({ caseId: z.uuid() });
export const WarningParams = z.strictObject({ warningId: z.uuid() });

export const dashboardOpenApiRoutes: Record<string, DescribedRoute> = {
  dashboardIndicators: { method: 'GET', path: dashboardPaths.indicators, summary: 'Every indicator for a period and scope', ability: dashboardAbility, query: DashboardQuery, media: json },
  dashboardBreakdown: {
    method: 'GET',
    path: dashboardPaths.breakdown,
    summary: 'The indicators one level down (site, organisation, mediator, dispute type, channel)',
    ability: dashboardAbility,
    query: BreakdownQuery,
    media: json,
  },
  dashboardBreakdownExport: {
    method: 'GET',
    path: `${dashboardPaths.breakdownExport}{format}`,
    summary: 'The breakdown as CSV or XLSX',
    ability: dashboardAbility,
    params: ExportFormatParams,
    query: BreakdownQuery,
    media: table,
  },
  dashboardDrill: { method: 'GET', path: dashboardPaths.drill, summary: 'The events or cases behind one figure', ability: dashboardAbility, query: DrillQuery, media: json },
  dashboardDrillExport: {
    method: 'GET',
    path: `${dashboardPaths.drillExport}{format}`,
    summary: 'The drill-down as CSV or XLSX',
    ability: dashboardAbility,
    params: ExportFormatParams,
    query: DrillQuery,
    media: table,
  },
  dashboardCase: { method: 'GET', path: `${dashboardPaths.caseSummary}{caseId}`, summary: 'One case without personal data', ability: dashboardAbility, params: DashboardCaseParams, media: json },
  dashboardDirectory: { method: 'GET', path: dashboardPaths.directory, summary: 'The names the figures carry: sites, organisations, mediators', ability: dashboardAbility, media: json },
  dashboardStream: {
    method: 'GET',
    path: dashboardPaths.stream,
    summary: 'Server-sent events: `changed` whenever a case event moved the figures',
    ability: dashboardAbility,
    media: ['text/event-stream'],
  },
  dashboardTrends: {
    method: 'GET',
    path: trendPaths.trends,
    summary: 'Received disputes per week or month, with the previous period and the same period a year earlier',
    ability: dashboardAbility,
    query: TrendQuery,
    media: json,
  },
  dashboardHeat: { method: 'GET', path: trendPaths.heat, summary: 'Received disputes per site and dispute type', ability: dashboardAbility, query: DashboardQuery, media: json },
  dashboardWarnings: { method: 'GET', path: trendPaths.warnings, summary: 'Early warnings of the last eight weeks', ability: dashboardAbility, media: json },
  dashboardAcknowledgeWarning: {
    method: 'POST',
    path: `${trendPaths.warnings}/{warningId}/acknowledge`,
    summary: 'Acknowledge an early warning with a note',
    ability: dashboardAbility,
    params: WarningParams,
    body: AcknowledgeBody,
    media: json,
  },
  terminalFleet: { method: 'GET', path: fleetPaths.fleet, summary: 'Every terminal with its health and open alerts', ability: dashboardAbility, media: json },
};
