import type { FastifyInstance } from 'fastify';
import { helpRequestFigures, helpRequestFiguresPath, type HelpRequestFigures } from '../../shared/dashboard/helpRequests.js';
import type { DbScope } from '../db/engine.js';
import type { FleetStore } from '../terminals/fleetStore.js';
import type { HelpRequestStore } from '../terminals/helpRequestStore.js';
import type { DashboardAccess } from './dashboardAccess.js';

// The dashboard's help-request figures: the open requests of the console's "请求协助" list (the
// same store), placed at their terminal's site, for the sites the reader may see. Audited like
// every dashboard read.

export interface HelpRequestFigureDeps {
  scope: DbScope;
  access: DashboardAccess;
  fleet: Pick<FleetStore, 'list'>;
  requests: Pick<HelpRequestStore, 'open'>;
}

export function registerHelpRequestFigures(app: FastifyInstance, deps: HelpRequestFigureDeps): void {
  app.get(helpRequestFiguresPath, async (request): Promise<HelpRequestFigures> => {
    const { site } = await deps.access(request, 'dashboard.help_requests');
    const [terminals, open] = await Promise.all([deps.fleet.list(deps.scope, site), deps.requests.open(deps.scope)]);
    const seen = new Map(terminals.map((t) => [t.terminalId, t]));
    return helpRequestFigures(
      open.flatMap((r) => {
        const t = seen.get(r.terminalId);
        return t ? [{ terminalId: r.terminalId, terminalName: t.name, siteId: t.siteId, reason: r.reason, at: r.at }] : [];
      }),
    );
  });
}
