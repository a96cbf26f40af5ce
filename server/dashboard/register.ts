import type { FastifyInstance } from 'fastify';
import { courtDay } from '../../shared/courtTime.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { HubBus } from '../bus/hubBus.js';
import type { CaseStore } from '../cases/caseStore.js';
import type { HubDb } from '../db/database.js';
import { errorLogFields } from '../http/errors.js';
import type { StaffAuthenticator } from '../staff/principal.js';
import { aggregateListener } from './aggregates.js';
import { dashboardAccess, type DashboardAccess } from './dashboardAccess.js';
import { figureChanges, type FigureChanges } from './figureChanges.js';
import { registerDashboardPages } from './pageRoutes.js';
import { registerDashboardRoutes } from './routes.js';
import { sharedFigureChanges } from './sharedFigureChanges.js';
import { registerTrendRoutes } from './trendRoutes.js';
import { scanWarnings } from './warningScan.js';

// Plugs the court dashboard into the hub: its aggregates (kept in each case append's transaction),
// figures and trends, and the early-warning scans that follow the figures.

export interface Dashboard {
  /** Told when the figures moved (the fleet's figures move them too). */
  changes: FigureChanges;
  /** Who may read which site's figures. */
  access: DashboardAccess;
  /** Ends the early-warning scans. */
  stopWarningScan(): void;
}

export function registerDashboard(
  app: FastifyInstance,
  deps: { database: HubDb; bus: HubBus; cases: CaseStore; authenticate: StaffAuthenticator; audit: AuditStore; warningScanMs: number | undefined; now: () => Date },
): Dashboard {
  const { database, authenticate, audit, now } = deps;
  const changes = figureChanges();
  deps.cases.onAppend(aggregateListener({ changed: async () => changes.moved() }));
  registerDashboardRoutes(app, { scope: database, authenticate, audit, changes: sharedFigureChanges(changes, deps.bus), now });
  registerDashboardPages(app);
  const access = dashboardAccess(database, authenticate, audit);
  registerTrendRoutes(app, { scope: database, access, audit, now });
  // Early warnings are judged again after the figures move, at most once a minute.
  let lastScan = 0;
  const stopWarningScan = changes.subscribe(() => {
    if (Date.now() - lastScan < (deps.warningScanMs ?? 60_000)) return;
    lastScan = Date.now();
    const at = now();
    scanWarnings(database, courtDay(at.getTime()), at.toISOString()).catch((err: unknown) => app.log.error(errorLogFields(err), 'warning scan failed'));
  });
  return { changes, access, stopWarningScan };
}
