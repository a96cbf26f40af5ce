import type { FastifyInstance } from 'fastify';
import { RECENT_ALERTS, type TerminalListEntry } from '../../shared/terminals/terminalList.js';
import type { FleetThresholds } from '../../shared/terminals/terminalHealth.js';
import type { DbScope } from '../db/engine.js';
import { readableSite } from '../dashboard/dashboardAccess.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError } from '../http/errors.js';
import type { SiteStore } from '../sites/siteStore.js';
import { auditorOf, type StaffPrincipal } from '../staff/principal.js';
import { fleetTile } from './fleetRoutes.js';
import type { FleetStore, FleetTerminal } from './fleetStore.js';
import type { HelpRequestStore } from './helpRequestStore.js';

// The console's terminal list through the court API ('terminalList', 'terminalListDetail'),
// read-only. It asks the stores the dashboard's device view asks (fleet list, open help
// requests) and judges health by the same rule (fleetTile), so the two never disagree. Who
// sees what is the dashboard's rule too: the whole court, or the reader's own site. Audited.

export interface TerminalListDeps extends CourtRouteDeps {
  fleet: FleetStore;
  helpRequests: HelpRequestStore;
  sites: SiteStore;
  thresholds: FleetThresholds;
  now: () => Date;
}

export function registerTerminalListRoutes(app: FastifyInstance, deps: TerminalListDeps): void {
  const { scope, audit } = deps;
  const offlineAfterMin = deps.thresholds.offlineAfterMs / 60_000;

  async function siteOf(principal: StaffPrincipal, action: string, recordId: string | null): Promise<string | null> {
    const site = readableSite(principal);
    if (site === undefined) {
      await audit.record(scope.db, auditorOf(principal), { action, outcome: 'denied', recordKind: 'ability', recordId: 'readSiteDashboard' });
      throw new HubError(403, 'FORBIDDEN', 'Your role does not allow this');
    }
    await audit.record(scope.db, auditorOf(principal), { action, outcome: 'ok', recordKind: recordId ? 'terminal' : 'terminals', recordId });
    return site;
  }

  async function entries(dbScope: DbScope, site: string | null): Promise<TerminalListEntry[]> {
    const [terminals, open, sites] = await Promise.all([deps.fleet.list(dbScope, site), deps.helpRequests.open(dbScope), deps.sites.sites(dbScope)]);
    const siteNames = new Map(sites.map((s) => [s.siteId, s.name]));
    const now = deps.now().getTime();
    return terminals.map((t: FleetTerminal) => {
      const tile = fleetTile(t, now, deps.thresholds);
      return {
        terminalId: tile.terminalId,
        name: tile.name,
        siteId: tile.siteId,
        siteName: tile.siteId ? (siteNames.get(tile.siteId) ?? null) : null,
        kind: tile.kind,
        health: tile.health,
        receivedAt: tile.receivedAt,
        appVersion: tile.appVersion,
        screen: t.heartbeat?.screen ?? null,
        outboxDepth: t.heartbeat?.outbox.depth ?? null,
        openAlerts: tile.openAlerts,
        helpRequests: open.filter((h) => h.terminalId === t.terminalId).map((h) => ({ requestId: h.requestId, reason: h.reason, at: h.at })),
      };
    });
  }

  serveCourtRoute(app, deps, 'terminalList', async (_input, principal) => {
    const site = await siteOf(principal, 'terminal.list_viewed', null);
    return { offlineAfterMin, terminals: await entries(scope, site) };
  });

  serveCourtRoute(app, deps, 'terminalListDetail', async ({ params }, principal) => {
    const site = await siteOf(principal, 'terminal.viewed', params.terminalId);
    const terminal = (await entries(scope, site)).find((t) => t.terminalId === params.terminalId);
    if (!terminal) throw new HubError(404, 'NOT_FOUND', 'No such terminal in service');
    return { offlineAfterMin, terminal, recentAlerts: await deps.fleet.alertHistory(scope, params.terminalId, RECENT_ALERTS) };
  });
}
