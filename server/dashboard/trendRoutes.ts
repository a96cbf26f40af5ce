import type { FastifyInstance } from 'fastify';
import { addDays } from '../../shared/cases/deadlines.js';
import { courtDay } from '../../shared/courtTime.js';
import { AcknowledgeBody, trendPaths, TrendQuery, type HeatAnswer, type TrendAnswer, type WarningView } from '../../shared/dashboard/api.js';
import { describeRule } from '../../shared/dashboard/earlyWarning.js';
import { DashboardQuery } from '../../shared/dashboard/scope.js';
import { WarningParams } from '../../shared/dashboard/openapiRoutes.js';
import { bucketOf, bucketsBetween, previousPeriod, sameLastYear } from '../../shared/dashboard/trends.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import { auditorOf } from '../staff/principal.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { readerQuery, type DashboardAccess } from './dashboardAccess.js';
import { acknowledgeWarning, dailySeries, firstRecordedDay, listWarnings, warningById, type TrendWarning } from './trendStore.js';

// Trends over weeks and months (received, by dispute type or site, with the change against the
// period before and the same period a year earlier), the site × type heat table, and the early
// warnings with their acknowledgement (a note, audited). Site staff read their own site.

export interface TrendRouteDeps {
  scope: DbScope;
  access: DashboardAccess;
  audit: AuditStore;
  now: () => Date;
}

function warningView(w: TrendWarning): WarningView {
  return {
    warningId: w.warningId,
    siteId: w.siteId,
    disputeType: w.disputeType,
    weekStart: w.weekStart,
    observed: w.observed,
    baseline: Math.round(w.baseline * 100) / 100,
    upperLimit: w.upperLimit,
    rule: { zh: describeRule(w.rule, 'zh'), en: describeRule(w.rule, 'en') },
    status: w.status,
    acknowledgedBy: w.acknowledgedBy,
    note: w.note,
  };
}

export function registerTrendRoutes(app: FastifyInstance, deps: TrendRouteDeps): void {
  const { scope } = deps;
  const total = async (q: DashboardQuery) => (await dailySeries(scope, q, 'received', [])).reduce((s, p) => s + p.n, 0);

  app.get(trendPaths.trends, async (request): Promise<TrendAnswer> => {
    const { site } = await deps.access(request, 'dashboard.trends');
    const q = readerQuery(TrendQuery, request, site, ['grain', 'by']);
    const buckets = bucketsBetween(q.from, q.to, q.grain);
    const at = new Map(buckets.map((b, i) => [b, i]));
    const points = await dailySeries(scope, q, 'received', [q.by === 'site' ? 'siteId' : 'disputeType']);
    const series = new Map<string, number[]>();
    for (const p of points) {
      let counts = series.get(p.grp);
      if (!counts) series.set(p.grp, (counts = buckets.map(() => 0)));
      counts[at.get(bucketOf(p.period, q.grain))!]! += p.n;
    }
    const [current, previous, lastYear, recordedFrom] = await Promise.all([
      total(q),
      total({ ...q, ...previousPeriod(q.from, q.to) }),
      total({ ...q, ...sameLastYear(q.from, q.to) }),
      firstRecordedDay(scope),
    ]);
    return { grain: q.grain, buckets, series: [...series.entries()].map(([key, counts]) => ({ key, counts })), total: { current, previous, lastYear }, recordedFrom };
  });

  app.get(trendPaths.heat, async (request): Promise<HeatAnswer> => {
    const { site } = await deps.access(request, 'dashboard.heat');
    const q = readerQuery(DashboardQuery, request, site, []);
    const sums = new Map<string, number>();
    for (const p of await dailySeries(scope, q, 'received', ['siteId', 'disputeType'])) sums.set(p.grp, (sums.get(p.grp) ?? 0) + p.n);
    const pairs = [...sums.entries()].map(([grp, n]) => [...(grp.split('|') as [string, string]), n] as const);
    const sites = [...new Set(pairs.map((p) => p[0]))].sort();
    const types = [...new Set(pairs.map((p) => p[1]))].sort();
    return { sites, types, cells: pairs.map(([s, t, n]) => [sites.indexOf(s), types.indexOf(t), n]) };
  });

  app.get(trendPaths.warnings, async (request): Promise<{ warnings: WarningView[] }> => {
    const { site } = await deps.access(request, 'dashboard.warnings');
    const since = addDays(courtDay(deps.now().getTime()), -56);
    const warnings = await listWarnings(scope, { since, ...(site ? { siteId: site } : {}), limit: 100 });
    return { warnings: warnings.map(warningView) };
  });

  app.post(`${trendPaths.warnings}/:warningId/acknowledge`, async (request): Promise<WarningView> => {
    const { warningId } = parseOrThrow(WarningParams, request.params, 'Path');
    const reader = await deps.access(request, 'dashboard.warning.acknowledge', warningId);
    if (reader.principal.via === 'session') refuseCrossSite(request);
    const { note } = parseOrThrow(AcknowledgeBody, request.body, 'Body');
    const warning = await warningById(scope, warningId);
    if (!warning || (reader.site !== null && warning.siteId !== reader.site)) throw new HubError(404, hubErrorCodes.notFound, 'No such warning');
    const at = deps.now().toISOString();
    if (!(await acknowledgeWarning(scope, warningId, reader.principal.account.username, note, at))) throw new HubError(409, 'CONFLICT', 'This warning was acknowledged already');
    await deps.audit.record(scope.db, auditorOf(reader.principal), { action: 'dashboard.warning.acknowledged', outcome: 'ok', recordKind: 'trend_warning', recordId: warningId });
    return warningView((await warningById(scope, warningId))!);
  });
}
