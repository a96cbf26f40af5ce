import { dashboardPaths, type BreakdownAnswer, type DirectoryAnswer, type DrillAnswer, type IndicatorsAnswer } from '../../shared/dashboard/api.js';
import type { IndicatorKey } from '../../shared/dashboard/indicators.js';
import type { BreakdownLevel, DashboardQuery } from '../../shared/dashboard/scope.js';
import { searchOfQuery } from '../../shared/dashboard/scope.js';

// The pages' reads of the hub's dashboard API (same origin, the staff session cookie), and the
// server-sent stream that tells them to read again.

export class SignInNeeded extends Error {
  override name = 'SignInNeeded';
}

/** A GET of the hub's JSON API; SignInNeeded on 401/403. */
export async function readJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401 || res.status === 403) throw new SignInNeeded(String(res.status));
  if (!res.ok) throw new Error(`${res.status} ${path}`);
  return (await res.json()) as T;
}

export const readDirectory = () => readJson<DirectoryAnswer>(dashboardPaths.directory);
export const readIndicators = (q: DashboardQuery) => readJson<IndicatorsAnswer>(`${dashboardPaths.indicators}?${searchOfQuery(q)}`);
export const readBreakdown = (q: DashboardQuery, by: BreakdownLevel) => readJson<BreakdownAnswer>(`${dashboardPaths.breakdown}?${searchOfQuery(q)}&by=${by}`);
export const readDrill = (q: DashboardQuery, indicator: IndicatorKey, offset = 0) => readJson<DrillAnswer>(`${dashboardPaths.drill}?${searchOfQuery(q)}&indicator=${indicator}&offset=${offset}`);
export const readCase = (caseId: string) =>
  readJson<{
    caseId: string;
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
    events: Array<{ seq: number; type: string; at: string; voided: boolean }>;
  }>(`${dashboardPaths.caseSummary}${encodeURIComponent(caseId)}`);

export const breakdownExport = (q: DashboardQuery, by: BreakdownLevel, format: 'csv' | 'xlsx') => `${dashboardPaths.breakdownExport}${format}?${searchOfQuery(q)}&by=${by}`;
export const drillExport = (q: DashboardQuery, indicator: IndicatorKey, format: 'csv' | 'xlsx') => `${dashboardPaths.drillExport}${format}?${searchOfQuery(q)}&indicator=${indicator}`;

/** Calls `refresh` whenever the hub says the figures moved (EventSource reconnects by itself). */
export function onFiguresMoved(refresh: () => void): () => void {
  const source = new EventSource(dashboardPaths.stream);
  source.addEventListener('changed', () => refresh());
  return () => source.close();
}
