import { dashboardPaths, type BreakdownAnswer, type DirectoryAnswer, type DrillAnswer, type IndicatorsAnswer } from '../../shared/dashboard/api.js';
import type { IndicatorKey } from '../../shared/dashboard/indicators.js';
import type { BreakdownLevel, DashboardQuery } from '../../shared/dashboard/scope.js';
import { searchOfQuery } from '../../shared/dashboard/scope.js';
import { courtPath, courtRoutes, type CourtRouteName } from '../../shared/courtApi/routes.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';

// The pages' reads of the hub's dashboard API (same origin, the staff session cookie), and the
// server-sent stream that tells them to read again.

export class SignInNeeded extends Error {
  override name = 'SignInNeeded';
}

/**
 * A 403: the session holds but the role may not read this, a site's staff asked for another site
 * (OWN_SITE_ONLY), or the password is still to change (PASSWORD_CHANGE_REQUIRED): signing in again changes nothing.
 */
export class NotAllowed extends Error {
  override name = 'NotAllowed';
  constructor(readonly code: string) {
    super(`403 ${code}`);
  }
}

/** Why a page stopped: no session, or a refusal (the hub's code says which: shared/courtApi/refusalWords.ts). */
export type Stopped = 'signIn' | { refused: string };

/** The stop a read's failure means, if it means one. */
export const stoppedBy = (err: unknown): Stopped | null =>
  err instanceof Error ? (err.name === 'SignInNeeded' ? 'signIn' : err.name === 'NotAllowed' ? { refused: (err as NotAllowed).code } : null) : null;

/** A GET of the hub's JSON API; SignInNeeded on 401, NotAllowed on 403. */
export async function readJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (res.status === 401) throw new SignInNeeded(String(res.status));
  if (res.status === 403) throw new NotAllowed(jsonOrNull(await res.text())?.error?.code ?? '');
  if (!res.ok) throw new Error(`${res.status} ${path}`);
  return (await res.json()) as T;
}

/** The hub's refusal of a write: its status and code (shared/courtApi/refusalWords.ts says them in words). */
export class WriteRefused extends Error {
  override name = 'WriteRefused';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function jsonOrNull(text: string): { error?: { code?: string; message?: string } } | null {
  try {
    return text ? (JSON.parse(text) as { error?: { code?: string; message?: string } }) : null;
  } catch {
    return null; // a proxy's HTML page, not the hub's answer
  }
}

/** A write to one of the court API's routes (same origin, the session cookie); the answer's JSON. */
export async function writeCourt<T>(name: CourtRouteName, o: { params?: Record<string, string>; body?: unknown } = {}): Promise<T> {
  const res = await fetch(courtPath(name, o.params), {
    method: courtRoutes[name].method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
  });
  if (res.status === 401) throw new SignInNeeded(String(res.status));
  const text = await res.text();
  const json = jsonOrNull(text);
  if (!res.ok) throw new WriteRefused(res.status, json?.error?.code ?? '', json?.error?.message ?? '');
  return json as T;
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

/** May the signed-in staff member open case pages in the console (its `readCases` ability)? */
export async function mayOpenCases(): Promise<boolean> {
  const session = await readJson<SessionInfo>(courtPath('session'));
  return session.abilities.includes('readCases');
}
