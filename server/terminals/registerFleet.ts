import type { FastifyInstance } from 'fastify';
import { DEFAULT_THRESHOLDS, type FleetThresholds } from '../../shared/terminals/terminalHealth.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { CourtApi } from '../courtApi/register.js';
import type { DashboardAccess } from '../dashboard/dashboardAccess.js';
import { registerHelpRequestFigures } from '../dashboard/helpRequestRoutes.js';
import type { HubDb } from '../db/database.js';
import { errorLogFields } from '../http/errors.js';
import type { StaffAuthenticator } from '../staff/principal.js';
import { adminPinStore } from './adminPin.js';
import { registerAdminPinRoutes } from './adminPinRoutes.js';
import { registerCrashReportRoutes } from './crashReportRoutes.js';
import { crashReportStore } from './crashReportStore.js';
import { registerFleetAdminRoutes } from './fleetAdminRoutes.js';
import { registerFleetRoutes, watchFleet } from './fleetRoutes.js';
import { fleetStore, type FleetStore } from './fleetStore.js';
import { registerHelpRequestRoutes } from './helpRequestRoutes.js';
import { helpRequestStore } from './helpRequestStore.js';
import type { TerminalStore } from './store.js';
import { registerTerminalListRoutes } from './terminalListRoutes.js';

// Plugs the terminals' fleet into the hub: heartbeats and the settings they carry back, crash
// reports, residents' help requests, admin PINs, the terminal list, and the sweep that marks a
// silent terminal offline. Each moves the dashboard's figures.

export interface Fleet {
  fleet: FleetStore;
  thresholds: FleetThresholds;
  /** Ends the offline sweep. */
  stop: () => void;
}

export function registerFleet(
  app: FastifyInstance,
  deps: {
    database: HubDb;
    terminals: TerminalStore;
    access: DashboardAccess;
    authenticate: StaffAuthenticator;
    audit: AuditStore;
    sites: CourtApi['sites'];
    /** The dashboard's figures moved. */
    moved: () => void;
    now: () => Date;
  },
  options: (Partial<FleetThresholds> & { sweepMs?: number }) | undefined,
): Fleet {
  const { database, terminals, access, authenticate, audit, sites, now } = deps;
  const thresholds: FleetThresholds = { ...DEFAULT_THRESHOLDS, ...options };
  const fleet = fleetStore(thresholds);
  const pins = adminPinStore();
  const fleetDeps = { scope: database, terminals, fleet, thresholds, access, pins, moved: deps.moved, now };
  registerFleetRoutes(app, fleetDeps);
  registerCrashReportRoutes(app, { scope: database, authenticate, audit, terminals, fleet, reports: crashReportStore, moved: fleetDeps.moved, now });
  registerHelpRequestRoutes(app, { scope: database, authenticate, audit, terminals, requests: helpRequestStore, moved: fleetDeps.moved, now });
  registerHelpRequestFigures(app, { scope: database, access, fleet, requests: helpRequestStore });
  registerAdminPinRoutes(app, { scope: database, authenticate, audit, pins, sites, terminals, now });
  registerFleetAdminRoutes(app, { scope: database, authenticate, audit, fleet, sites, moved: fleetDeps.moved, now });
  registerTerminalListRoutes(app, { scope: database, authenticate, audit, fleet, helpRequests: helpRequestStore, sites, thresholds, now });
  const stop = watchFleet(fleetDeps, options?.sweepMs ?? 30_000, (err) => app.log.error(errorLogFields(err), 'fleet sweep failed'));
  return { fleet, thresholds, stop };
}
