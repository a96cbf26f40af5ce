import { deviceAlerts, deviceProblems } from './deviceHealth.js';
import type { Heartbeat } from './heartbeat.js';

// When a terminal counts as online, degraded or offline, and which alerts it raises — one place,
// read by the hub's fleet watch (which raises and clears the alerts), the dashboard's tiles and
// the tests. Thresholds are settings of the hub (defaults below), stated on the device page.

export const alertKinds = [
  'offline',
  'outbox_stuck',
  'printer_paper_out',
  'media_cache_broken',
  // 0038: a camera or microphone that is missing, refused by the browser or would not start, and a printer whose cover is open
  'camera_missing',
  'camera_denied',
  'camera_failed',
  'microphone_missing',
  'microphone_denied',
  'microphone_failed',
  'printer_cover_open',
] as const;
export type AlertKind = (typeof alertKinds)[number];

export type TerminalHealth = 'online' | 'degraded' | 'offline' | 'never_seen';

export interface FleetThresholds {
  /** No heartbeat for this long: offline (and an alert). */
  offlineAfterMs: number;
  /** The oldest unsent job older than this, or any parked job: the outbox is stuck. */
  outboxStuckAfterMs: number;
  /** Less free disk than this: degraded (no alert: staff see it on the tile). */
  lowDiskMb: number;
}

export const DEFAULT_THRESHOLDS: FleetThresholds = {
  offlineAfterMs: 5 * 60_000,
  outboxStuckAfterMs: 30 * 60_000,
  lowDiskMb: 1024,
};

/** The alerts a heartbeat itself shows (offline is decided by time, see `isOffline`). */
export function heartbeatAlerts(h: Heartbeat, t: FleetThresholds): Set<AlertKind> {
  const alerts = new Set<AlertKind>();
  const stuckS = t.outboxStuckAfterMs / 1000;
  if (h.outbox.parked > 0 || (h.outbox.depth > 0 && h.outbox.oldestAgeS !== null && h.outbox.oldestAgeS > stuckS)) alerts.add('outbox_stuck');
  if (h.playlist.cache === 'broken') alerts.add('media_cache_broken');
  for (const kind of deviceAlerts(h.devices)) alerts.add(kind);
  return alerts;
}

export function isOffline(lastHeartbeatAt: string | null, now: number, t: FleetThresholds): boolean {
  return lastHeartbeatAt === null || now - Date.parse(lastHeartbeatAt) > t.offlineAfterMs;
}

/** Online, degraded (reachable but something needs a hand), offline, or never reported. */
export function terminalHealth(latest: { receivedAt: string; heartbeat: Heartbeat } | null, now: number, t: FleetThresholds): TerminalHealth {
  if (!latest) return 'never_seen';
  if (isOffline(latest.receivedAt, now, t)) return 'offline';
  const h = latest.heartbeat;
  const deviceTrouble = deviceProblems(h.devices).length > 0;
  const lowDisk = h.diskFreeMb !== null && h.diskFreeMb < t.lowDiskMb;
  return heartbeatAlerts(h, t).size > 0 || deviceTrouble || lowDisk ? 'degraded' : 'online';
}

export type Signal = 'green' | 'amber' | 'red' | 'grey';

/** A tile's colour: offline red, degraded amber, online green, never reported grey. */
export const healthSignal: Record<TerminalHealth, Signal> = { offline: 'red', degraded: 'amber', online: 'green', never_seen: 'grey' };

/** Which health needs someone first: out of reach, then a device trouble, then never reported, then well. */
export const healthUrgency: Record<TerminalHealth, number> = { offline: 0, degraded: 1, never_seen: 2, online: 3 };

/**
 * A list of terminals as the IT clerk works through it: a resident waiting for help first, then by
 * health (healthUrgency), the rest in the order given — sixty terminals sorted by site bury the two offline.
 */
export function careFirst<T extends { health: TerminalHealth; helpRequests: readonly unknown[] }>(terminals: readonly T[]): T[] {
  return terminals
    .map((t, i) => ({ t, i }))
    .sort((a, b) => Number(b.t.helpRequests.length > 0) - Number(a.t.helpRequests.length > 0) || healthUrgency[a.t.health] - healthUrgency[b.t.health] || a.i - b.i)
    .map(({ t }) => t);
}

/** An alert's colour: a terminal out of reach or not delivering is red; a device that needs paper or a cache that needs refetching is amber. */
export const alertSignal: Record<AlertKind, 'amber' | 'red'> = {
  offline: 'red',
  outbox_stuck: 'red',
  printer_paper_out: 'amber',
  media_cache_broken: 'amber',
  camera_missing: 'amber',
  camera_denied: 'amber',
  camera_failed: 'amber',
  microphone_missing: 'amber',
  microphone_denied: 'amber',
  microphone_failed: 'amber',
  printer_cover_open: 'amber',
};

/** A terminal as the device view shows it (GET fleetPaths.fleet). */
export interface FleetTile {
  terminalId: string;
  name: string;
  siteId: string | null;
  kind: string;
  health: TerminalHealth;
  receivedAt: string | null;
  appVersion: string | null;
  screen: string | null;
  lastTouchAt: string | null;
  configVersion: number | null;
  devices: Heartbeat['devices'] | null;
  /** Open alerts; an acknowledged one stays open (and shown as seen) until the terminal is well. */
  openAlerts: Array<{ alertId: string; kind: AlertKind; raisedAt: string; acknowledged: { at: string; by: string; note: string } | null }>;
}

export interface FleetAnswer {
  thresholds: FleetThresholds;
  terminals: FleetTile[];
}

export interface SiteFleet {
  siteId: string;
  counts: Record<TerminalHealth, number>;
  /** The worst health among its terminals (offline before degraded before never reported before online). */
  worst: TerminalHealth;
}

const severity: TerminalHealth[] = ['offline', 'degraded', 'never_seen', 'online'];

/** Terminals counted by health per site, the sites in trouble first (the wall's summary). */
export function fleetBySite(tiles: ReadonlyArray<Pick<FleetTile, 'siteId' | 'health'>>): SiteFleet[] {
  const sites = new Map<string, SiteFleet>();
  for (const t of tiles) {
    const siteId = t.siteId ?? '';
    const site = sites.get(siteId) ?? { siteId, counts: { online: 0, degraded: 0, offline: 0, never_seen: 0 }, worst: 'online' as TerminalHealth };
    site.counts[t.health] += 1;
    if (severity.indexOf(t.health) < severity.indexOf(site.worst)) site.worst = t.health;
    sites.set(siteId, site);
  }
  return [...sites.values()].sort((a, b) => severity.indexOf(a.worst) - severity.indexOf(b.worst) || b.counts[a.worst] - a.counts[a.worst] || a.siteId.localeCompare(b.siteId));
}
