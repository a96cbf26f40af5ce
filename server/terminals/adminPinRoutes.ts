import type { FastifyInstance } from 'fastify';
import { AdminAuditReport, adminPaths } from '../../shared/kioskAdmin.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError, parseOrThrow } from '../http/errors.js';
import type { SiteStore } from '../sites/siteStore.js';
import { auditorOf } from '../staff/principal.js';
import { digestAdminPin, type AdminPinStore } from './adminPin.js';
import { authenticateTerminal } from './authenticate.js';
import type { TerminalStore } from './store.js';

// The kiosk staff panel at the hub (issue 14 item 7): court admins set a site's PIN (audited; the
// PIN itself is neither stored nor logged), and terminals report what was done on their panel to
// the audit log, as the terminal, with the event's kiosk-side time kept in the record id — once per
// report id, so a resend after a lost answer is answered 204 again and audited once.

export interface AdminPinDeps extends CourtRouteDeps {
  pins: AdminPinStore;
  sites: SiteStore;
  terminals: TerminalStore;
  now: () => Date;
}

export function registerAdminPinRoutes(app: FastifyInstance, deps: AdminPinDeps): void {
  const { scope, pins, sites, audit, now } = deps;

  serveCourtRoute(app, deps, 'setSiteAdminPin', async ({ params, body, reply }, principal) => {
    if (!(await sites.site(scope, params.siteId))) throw new HubError(404, 'NOT_FOUND', 'No such site');
    await pins.set(scope, params.siteId, await digestAdminPin(body.pin, now().toISOString()), principal.account.username);
    await audit.record(scope.db, auditorOf(principal), { action: 'site.admin_pin_set', outcome: 'ok', recordKind: 'site', recordId: params.siteId });
    reply.code(204);
  });

  app.post(adminPaths.audit, async (request, reply) => {
    const terminalId = await authenticateTerminal(deps.terminals, request);
    const event = parseOrThrow(AdminAuditReport, request.body, 'Panel event');
    const refused = event.event === 'pinRefused' || event.event === 'pinWait';
    await audit.record(
      scope.db,
      { kind: 'terminal', id: terminalId, role: null, source: terminalId },
      {
        action: `kiosk.admin.${event.event}`,
        outcome: refused ? 'denied' : 'ok',
        recordKind: 'terminal',
        recordId: `${terminalId}@${event.at}`,
        reportKey: event.reportId ? `${terminalId}:${event.reportId}` : null,
      },
    );
    return reply.code(204).send();
  });
}
