import type { FastifyInstance, FastifyReply } from 'fastify';
import { defaultCourt } from '../../shared/cases/caseNumber.js';
import { courtDay } from '../../shared/courtTime.js';
import { BreakdownQuery, dashboardPaths, DrillQuery, levelDimension, type BreakdownAnswer, type DirectoryAnswer, type DrillAnswer, type IndicatorsAnswer } from '../../shared/dashboard/api.js';
import { DashboardCaseParams, ExportFormatParams } from '../../shared/dashboard/openapiRoutes.js';
import { drillMeasure, indicatorValues } from '../../shared/dashboard/indicators.js';
import { DashboardQuery, type BreakdownLevel } from '../../shared/dashboard/scope.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import type { StaffAuthenticator } from '../staff/principal.js';
import { dashboardAccess, readerQuery } from './dashboardAccess.js';
import { readCourtDirectory, type CourtDirectory } from './courtDirectory.js';
import { breakdownTable, drillTable, sendTable } from './dashboardExports.js';
import { caseSummary, drillEvents, openCases } from './drillStore.js';
import { breakdownInputs, indicatorInputs } from './indicatorStore.js';
import { firstRecordedDay } from './trendStore.js';
import type { FigureChanges } from './figureChanges.js';

// The dashboard's JSON API (shared/dashboard/api.ts): indicators for a period and scope, a
// breakdown one level down, the drill-down list behind any number, one case without personal
// data, the names the figures carry, exports, and a server-sent stream telling the pages to
// refresh. A viewer with only readSiteDashboard sees their own site: the scope is narrowed to it
// and asking for another is refused. Every read is audited.

export interface DashboardRouteDeps {
  scope: DbScope;
  authenticate: StaffAuthenticator;
  audit: AuditStore;
  changes: FigureChanges;
  now: () => Date;
  courtName?: string;
}

export function registerDashboardRoutes(app: FastifyInstance, deps: DashboardRouteDeps): void {
  const { scope, audit } = deps;
  const today = () => courtDay(deps.now().getTime());

  const reader = dashboardAccess(scope, deps.authenticate, audit);

  let directory: { at: number; value: CourtDirectory } | null = null;
  // Names change rarely; a figure refreshed every few seconds need not re-read them each time.
  const names = async (): Promise<CourtDirectory> => {
    if (!directory || Date.now() - directory.at > 10_000) directory = { at: Date.now(), value: await readCourtDirectory(scope) };
    return directory.value;
  };

  async function breakdown(query: BreakdownQuery): Promise<BreakdownAnswer> {
    const groups = await breakdownInputs(scope, query, levelDimension[query.by], today());
    const dir = await names();
    const nameOf = nameLookup(dir, query.by);
    const rows = [...groups.entries()].map(([key, inputs]) => ({ key, name: nameOf(key), values: indicatorValues(inputs) }));
    rows.sort((a, b) => (b.values.received ?? 0) - (a.values.received ?? 0) || a.key.localeCompare(b.key));
    return { by: query.by, rows };
  }

  async function drill(query: DrillQuery): Promise<DrillAnswer> {
    const page = { limit: query.limit, offset: query.offset };
    const target = drillMeasure(query.indicator);
    if ('open' in target) {
      const { total, rows } = await openCases(scope, query, target.open, today(), page);
      return {
        indicator: query.indicator,
        total,
        amount: total,
        // the day that makes it open: the limit that ran out, or the day it was received
        rows: rows.map(({ receivedAt, ...r }) => ({ ...r, day: target.open === 'overdue_mediation' ? (r.mediationDueDate ?? '') : courtDay(Date.parse(receivedAt)), amount: 1 })),
      };
    }
    const found = await drillEvents(scope, query, query.indicator, page);
    return {
      indicator: query.indicator,
      total: found.total,
      amount: found.amount,
      rows: found.rows.map((r) => ({
        caseId: r.caseId,
        caseNumber: r.caseNumber,
        state: r.caseState,
        day: r.courtDay,
        siteId: r.siteId,
        organisationId: r.organisationId,
        mediator: r.mediator,
        disputeType: r.disputeType,
        channel: r.channel,
        amount: r.amount,
      })),
    };
  }

  app.get(dashboardPaths.indicators, async (request): Promise<IndicatorsAnswer> => {
    const { site } = await reader(request, 'dashboard.indicators');
    const query = readerQuery(DashboardQuery, request, site);
    const [inputs, recordedFrom] = await Promise.all([indicatorInputs(scope, query, today()), firstRecordedDay(scope)]);
    return { today: today(), values: indicatorValues(inputs), recordedFrom };
  });

  app.get(dashboardPaths.breakdown, async (request): Promise<BreakdownAnswer> => {
    const { site } = await reader(request, 'dashboard.breakdown');
    return breakdown(readerQuery(BreakdownQuery, request, site, ['by']));
  });

  app.get(dashboardPaths.drill, async (request): Promise<DrillAnswer> => {
    const { site } = await reader(request, 'dashboard.drill');
    return drill(readerQuery(DrillQuery, request, site, ['indicator', 'limit', 'offset']));
  });

  app.get(`${dashboardPaths.breakdownExport}:format`, async (request, reply) => {
    const { format } = parseOrThrow(ExportFormatParams, request.params, 'Path');
    const { site } = await reader(request, 'dashboard.export', 'breakdown');
    const query = readerQuery(BreakdownQuery, request, site, ['by']);
    return sendTable(reply, breakdownTable(query, await breakdown(query)), format);
  });

  app.get(`${dashboardPaths.drillExport}:format`, async (request, reply) => {
    const { format } = parseOrThrow(ExportFormatParams, request.params, 'Path');
    const { site } = await reader(request, 'dashboard.export', 'drill');
    const query = readerQuery(DrillQuery, request, site, ['indicator']);
    // An export holds the whole list, page by page up to the drill page's bound
    const all = await drill({ ...query, limit: 500, offset: 0 });
    for (let offset = 500; offset < all.total && offset < 50_000; offset += 500) all.rows.push(...(await drill({ ...query, limit: 500, offset })).rows);
    return sendTable(reply, drillTable(all), format);
  });

  app.get(`${dashboardPaths.caseSummary}:caseId`, async (request) => {
    const { caseId } = parseOrThrow(DashboardCaseParams, request.params, 'Path');
    const { site } = await reader(request, 'dashboard.case', caseId);
    const summary = await caseSummary(scope, caseId);
    if (!summary || (site !== null && summary.siteId !== site)) throw new HubError(404, hubErrorCodes.notFound, 'No such case');
    return summary;
  });

  app.get(dashboardPaths.directory, async (request): Promise<DirectoryAnswer> => {
    const { site } = await reader(request, 'dashboard.directory');
    const dir = await names();
    return {
      courtName: deps.courtName ?? defaultCourt.name,
      sites: dir.sites.filter((s) => s.active).map(({ siteId, name, kind, mapX, mapY }) => ({ siteId, name, kind, mapX, mapY })),
      organisations: dir.organisations,
      mediators: dir.mediators,
      siteOnly: site,
    };
  });

  app.get(dashboardPaths.stream, async (request, reply) => {
    await reader(request, 'dashboard.stream');
    streamChanges(reply, deps.changes);
  });
}

function nameLookup(dir: CourtDirectory, level: BreakdownLevel): (key: string) => string {
  const table = new Map<string, string>();
  if (level === 'site') for (const s of dir.sites) table.set(s.siteId, s.name);
  if (level === 'organisation') for (const o of dir.organisations) table.set(o.organisationId, o.name);
  if (level === 'mediator') for (const m of dir.mediators) table.set(m.username, m.displayName);
  return (key) => table.get(key) ?? key;
}

/** Holds the response open and writes `changed` whenever the figures move (and a comment to keep proxies from closing it). */
function streamChanges(reply: FastifyReply, changes: FigureChanges): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', connection: 'keep-alive' });
  res.write('retry: 2000\n\n');
  const stop = changes.subscribe((version) => res.write(`event: changed\ndata: ${version}\n\n`));
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
  res.on('close', () => {
    clearInterval(keepAlive);
    stop();
  });
}
