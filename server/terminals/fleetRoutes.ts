import type { FastifyInstance } from 'fastify';
import { fleetPaths, Heartbeat, type HeartbeatReply } from '../../shared/terminals/heartbeat.js';
import { terminalHealth, type FleetAnswer, type FleetThresholds, type FleetTile } from '../../shared/terminals/terminalHealth.js';
import type { DashboardAccess } from '../dashboard/dashboardAccess.js';
import type { DbScope } from '../db/engine.js';
import { parseOrThrow } from '../http/errors.js';
import type { AdminPinStore } from './adminPin.js';
import { authenticateTerminal } from './authenticate.js';
import type { FleetStore, FleetTerminal } from './fleetStore.js';
import type { TerminalStore } from './store.js';

// The terminals' heartbeat (a kiosk, with its own credential) and the device view's read (staff
// who may read the dashboard; site staff see their site's terminals). A heartbeat that moved a
// terminal's health is pushed to the open dashboard pages like a case event.

export interface FleetRouteDeps {
  scope: DbScope;
  terminals: TerminalStore;
  fleet: FleetStore;
  thresholds: FleetThresholds;
  access: DashboardAccess;
  moved: () => void;
  now: () => Date;
  /** The staff panel's PIN digest, sent with every reply (it is small, and a kiosk then needs no other request). */
  pins: AdminPinStore;
}

export function registerFleetRoutes(app: FastifyInstance, deps: FleetRouteDeps): void {
  app.post(fleetPaths.heartbeat, async (request): Promise<HeartbeatReply> => {
    const terminalId = await authenticateTerminal(deps.terminals, request);
    const heartbeat = parseOrThrow(Heartbeat, request.body, 'Heartbeat');
    const reply = await deps.fleet.recordHeartbeat(deps.scope, terminalId, heartbeat, deps.now().toISOString());
    deps.moved();
    return { ...reply, adminPin: await deps.pins.forTerminal(deps.scope, terminalId), siteId: await deps.pins.siteOf(deps.scope, terminalId) };
  });

  app.get(fleetPaths.fleet, async (request): Promise<FleetAnswer> => {
    const { site } = await deps.access(request, 'fleet.read');
    const now = deps.now().getTime();
    const terminals = await deps.fleet.list(deps.scope, site);
    return {
      thresholds: deps.thresholds,
      terminals: terminals.map((t) => fleetTile(t, now, deps.thresholds)),
    };
  });
}

/** A terminal as the device views show it: its health by the one rule, from its latest heartbeat (the fleet view and the console's terminal list). */
export function fleetTile(t: FleetTerminal, now: number, thresholds: FleetThresholds): FleetTile {
  return {
    terminalId: t.terminalId,
    name: t.name,
    siteId: t.siteId,
    kind: t.kind,
    health: terminalHealth(t.receivedAt && t.heartbeat ? { receivedAt: t.receivedAt, heartbeat: t.heartbeat } : null, now, thresholds),
    receivedAt: t.receivedAt,
    appVersion: t.heartbeat?.appVersion ?? null,
    screen: t.heartbeat?.screen ?? null,
    lastTouchAt: t.heartbeat?.lastTouchAt ?? null,
    configVersion: t.heartbeat?.configVersion ?? null,
    devices: t.heartbeat?.devices ?? null,
    openAlerts: t.openAlerts,
  };
}

/** Raises "offline" alerts every `everyMs`; pushes the pages when one was raised. */
export function watchFleet(deps: Pick<FleetRouteDeps, 'scope' | 'fleet' | 'moved' | 'now'>, everyMs: number, onError: (err: unknown) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deps.fleet
      .sweepOffline(deps.scope, deps.now())
      .then((raised) => {
        if (raised.length > 0) deps.moved();
      })
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
