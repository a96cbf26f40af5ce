import { DASHBOARD_API } from './api.js';
import type { HelpReason } from '../terminals/helpRequest.js';

// Help requests on the dashboard (issue 11, session 7): the kiosks' "请工作人员协助" that no one has
// handled yet, counted per site with the one waiting longest — and the list behind each count, from
// the same answer, so a number and its list always agree. Which terminal, why and when only: never
// who asked.

export const helpRequestFiguresPath = `${DASHBOARD_API}/help-requests`;

export interface OpenHelpRequest {
  terminalId: string;
  terminalName: string;
  siteId: string | null;
  reason: HelpReason;
  /** When the resident asked (the kiosk's clock). */
  at: string;
}

export interface SiteHelpRequests {
  siteId: string | null;
  open: number;
  /** When the request waiting longest was made. */
  oldestAt: string;
}

export interface HelpRequestFigures {
  /** Sites with open requests, the one waiting longest first. */
  sites: SiteHelpRequests[];
  /** Every open request, the longest waiting first. */
  requests: OpenHelpRequest[];
}

/** The open requests counted per site, the site whose oldest request has waited longest first; the requests in the same order. */
export function helpRequestFigures(requests: readonly OpenHelpRequest[]): HelpRequestFigures {
  const sorted = [...requests].sort((a, b) => a.at.localeCompare(b.at) || a.terminalId.localeCompare(b.terminalId));
  const sites = new Map<string | null, SiteHelpRequests>();
  for (const r of sorted) {
    const site = sites.get(r.siteId);
    if (site) site.open++;
    else sites.set(r.siteId, { siteId: r.siteId, open: 1, oldestAt: r.at });
  }
  return { sites: [...sites.values()], requests: sorted };
}

/** The requests a site's count stands for (null: the whole court's). */
export function requestsOfSite(figures: HelpRequestFigures, siteId: string | null | undefined): OpenHelpRequest[] {
  return siteId === undefined ? figures.requests : figures.requests.filter((r) => r.siteId === siteId);
}

/** Whole minutes a request has waited at `now`. */
export function minutesWaiting(at: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(at)) / 60_000));
}
