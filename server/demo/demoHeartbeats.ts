import { fleetPaths, type Heartbeat } from '../../shared/terminals/heartbeat.js';
import { demoCredential, demoTerminals } from './demoCourt.js';

// The demo's terminals, alive while `npm start -- --demo` runs (scripts/startDemo.mjs): they are
// simulated — there is no kiosk behind them — so this source speaks for them through the hub's
// real heartbeat route, every 30 s, and the device view, alerts and offline sweep work on them as
// on real ones. Chosen over marking them "demo" in the database because the demo is there to show
// the device view working; over faking their status rows because the route is the one path that
// raises and clears alerts and pushes the pages. The same profile as demo:data wrote: most well,
// one outbox stuck, one printer out of paper, one media cache broken, two silent (offline).

/** Demo terminals that never report (the device view shows two offline). */
export const SILENT_DEMO_TERMINALS = new Set([7, 41]);

/** Demo terminal `i`'s heartbeat at `when`. */
export function demoHeartbeat(i: number, when: string): Heartbeat {
  return {
    sentAt: when,
    appVersion: '0.1.0',
    uptimeS: 86_400 + i * 600,
    outbox: { depth: i === 12 ? 4 : 0, oldestAgeS: i === 12 ? 7_200 : null, parked: 0 },
    lastSyncAt: when,
    devices: { camera: 'ok', microphone: 'ok', printer: i === 23 ? 'paper_out' : 'ok' },
    diskFreeMb: 40_000,
    playlist: { version: '2026-06', cache: i === 33 ? 'broken' : 'ok', items: 12 },
    lastTouchAt: when,
    screen: i % 5 === 0 ? 'intake' : 'idle_loop',
    configVersion: 0,
    commandsDone: [],
  };
}

/** One round: every demo terminal but the silent ones reports; how many the hub took. */
export async function demoHeartbeatRound(hubUrl: string, now = new Date()): Promise<number> {
  let taken = 0;
  for (const [i, t] of demoTerminals.entries()) {
    if (SILENT_DEMO_TERMINALS.has(i)) continue;
    const res = await fetch(`${hubUrl}${fleetPaths.heartbeat}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demoCredential(t.terminalId)}` },
      body: JSON.stringify(demoHeartbeat(i, now.toISOString())),
    }).catch(() => null);
    if (res?.ok) taken++;
    await res?.body?.cancel();
  }
  return taken;
}

/** Rounds every `everyMs` until stopped (a round that fails — the hub still starting — is simply the next one's). */
export function startDemoHeartbeats(hubUrl: string, everyMs = 30_000): () => void {
  const round = () => void demoHeartbeatRound(hubUrl).catch(() => undefined);
  const first = setTimeout(round, 2_000);
  const timer = setInterval(round, everyMs);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
