import { hubPaths } from '../../shared/hubProtocol.js';
import { fleetPaths, type Heartbeat, type HeartbeatReply } from '../../shared/terminals/heartbeat.js';
import type { RunningHub } from './hubHarness.js';
import { ENROLLMENT_CODE } from './hubHarness.js';

// A terminal as the hub sees it: enrolled with the court's code, placed at a site, reporting a
// heartbeat (healthy unless told otherwise).

export async function enrolledTerminal(running: RunningHub, terminalId: string, siteId: string, name = terminalId): Promise<string> {
  const res = await fetch(`${running.url}${hubPaths.enroll}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId, name }),
  });
  const { credential } = (await res.json()) as { credential: string };
  await running.hub.database.db.updateTable('terminals').set({ site_id: siteId }).where('terminal_id', '=', terminalId).execute();
  return credential;
}

export function healthyHeartbeat(over: Partial<Heartbeat> = {}): Heartbeat {
  const now = new Date().toISOString();
  return {
    sentAt: now,
    appVersion: '0.1.0',
    uptimeS: 3600,
    outbox: { depth: 0, oldestAgeS: null, parked: 0 },
    lastSyncAt: now,
    devices: { camera: 'ok', microphone: 'ok', printer: 'ok' },
    diskFreeMb: 20_000,
    playlist: { version: 'v1', cache: 'ok', items: 3 },
    lastTouchAt: null,
    screen: 'idle_loop',
    configVersion: 0,
    commandsDone: [],
    ...over,
  };
}

export async function sendHeartbeat(running: RunningHub, credential: string, body: unknown): Promise<{ status: number; reply: HeartbeatReply }> {
  const res = await fetch(`${running.url}${fleetPaths.heartbeat}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, reply: (await res.json()) as HeartbeatReply };
}
