import type { FastifyInstance } from 'fastify';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError } from '../http/errors.js';
import type { SiteStore } from '../sites/siteStore.js';
import { auditorOf } from '../staff/principal.js';
import type { FleetStore } from './fleetStore.js';

// Court admins manage the fleet through the court API (routes in shared/courtApi/routes.ts, tag
// "terminals"): rename, move and retire terminals, push settings, ask for a restart or resync,
// acknowledge alerts. Every change is audited; each one also pushes the open dashboard pages.

export interface FleetAdminDeps extends CourtRouteDeps {
  fleet: FleetStore;
  sites: SiteStore;
  moved: () => void;
  now: () => Date;
}

export function registerFleetAdminRoutes(app: FastifyInstance, deps: FleetAdminDeps): void {
  const { scope, fleet, sites, audit, now } = deps;
  const noTerminal = () => new HubError(404, 'NOT_FOUND', 'No such terminal in service');
  const unknownSite = () => new HubError(400, 'INVALID_REFERENCE', 'No such site', [{ path: 'siteId', message: 'errors.site.unknown' }]);

  serveCourtRoute(app, deps, 'updateTerminal', async ({ params, body }, principal) => {
    if (body.siteId !== undefined && !(await sites.site(scope, body.siteId))) throw unknownSite();
    if (!(await fleet.updateTerminal(scope, params.terminalId, body))) throw noTerminal();
    await audit.record(scope.db, auditorOf(principal), {
      action: body.kind ? 'terminal.kind_set' : body.siteId ? 'terminal.moved' : 'terminal.renamed',
      outcome: 'ok',
      recordKind: 'terminal',
      recordId: params.terminalId,
    });
    deps.moved();
    return (await fleet.terminal(scope, params.terminalId))!;
  });

  serveCourtRoute(app, deps, 'retireTerminal', async ({ params }, principal) => {
    if (!(await fleet.retire(scope, params.terminalId, now().toISOString()))) throw noTerminal();
    await audit.record(scope.db, auditorOf(principal), { action: 'terminal.retired', outcome: 'ok', recordKind: 'terminal', recordId: params.terminalId });
    deps.moved();
    return (await fleet.terminal(scope, params.terminalId))!;
  });

  serveCourtRoute(app, deps, 'pushTerminalConfig', async ({ body }, principal) => {
    const { kind, id } = body.target;
    const known = kind === 'site' ? (await sites.site(scope, id)) !== null : (await fleet.terminal(scope, id))?.retiredAt === null;
    if (!known) throw new HubError(400, 'INVALID_REFERENCE', `No such ${kind}`, [{ path: 'target.id', message: kind === 'site' ? 'errors.site.unknown' : 'errors.terminal.unknown' }]);
    const version = await fleet.pushConfig(scope, body.target, body.settings, principal.account.username, now().toISOString());
    await audit.record(scope.db, auditorOf(principal), { action: 'terminal.config_pushed', outcome: 'ok', recordKind: kind, recordId: id });
    return { version };
  });

  serveCourtRoute(app, deps, 'requestTerminalCommand', async ({ params, body }, principal) => {
    if ((await fleet.terminal(scope, params.terminalId))?.retiredAt !== null) throw noTerminal();
    const commandId = await fleet.requestCommand(scope, params.terminalId, body.kind, principal.account.username, now().toISOString());
    await audit.record(scope.db, auditorOf(principal), { action: `terminal.${body.kind}_requested`, outcome: 'ok', recordKind: 'terminal', recordId: params.terminalId });
    return { commandId };
  });

  serveCourtRoute(app, deps, 'acknowledgeTerminalAlert', async ({ params, body }, principal) => {
    const at = now().toISOString();
    const by = principal.account.username;
    const outcome = await fleet.acknowledgeAlert(scope, params.alertId, by, body.note, at);
    if (outcome === 'missing') throw new HubError(404, 'NOT_FOUND', 'No such alert');
    if (outcome === 'already') throw new HubError(409, 'CONFLICT', 'Someone acknowledged this alert already');
    await audit.record(scope.db, auditorOf(principal), { action: 'terminal.alert_acknowledged', outcome: 'ok', recordKind: 'terminal_alert', recordId: params.alertId });
    deps.moved();
    return { alertId: params.alertId, acknowledgedAt: at, acknowledgedBy: by, note: body.note };
  });
}
