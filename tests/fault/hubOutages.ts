import { hubPaths } from '../../shared/hubProtocol.js';
import type { CourtHubs } from './courtHubs.js';
import type { HubProcess } from './hubProcess.js';
import type { Rng } from './prng.js';
import type { FaultProxy } from './proxy.js';

// What happens to the court side during a fault run, one outage at a time, each at a point of
// the residents' progress: a hub instance stopped (SIGTERM) or SIGKILLed 0–3 ms after an intake
// request was handed to it, then started again; under --cluster also PostgreSQL stopped and
// started (the instances answer 503 meanwhile, and kiosks keep queueing). With two instances the
// other one serves while one is down.

export type Outage = 'stop' | 'kill' | 'database';

/** The outages of a run and the share of submissions receipted before each. */
export function outagePlan(quick: boolean, cluster: boolean): Array<[Outage, number]> {
  if (cluster) {
    return quick
      ? [
          ['kill', 0.2],
          ['database', 0.4],
          ['kill', 0.65],
          ['stop', 0.8],
        ]
      : [
          ['kill', 0.1],
          ['stop', 0.2],
          ['database', 0.3],
          ['kill', 0.5],
          ['kill', 0.6],
          ['stop', 0.72],
          ['kill', 0.85],
        ];
  }
  return quick
    ? [
        ['stop', 0.2],
        ['kill', 0.45],
        ['kill', 0.7],
      ]
    : [
        ['stop', 0.1],
        ['kill', 0.22],
        ['stop', 0.35],
        ['kill', 0.48],
        ['kill', 0.6],
        ['stop', 0.72],
        ['kill', 0.85],
      ];
}

export interface OutageRun {
  hubs: CourtHubs;
  proxy: FaultProxy;
  rng: Rng;
  plan: Array<[Outage, number]>;
  /** Sets the length of instance outages (about a fortieth of it, at least a second). */
  durationMs: number;
  /** How long PostgreSQL stays stopped. */
  databaseDownMs: number;
  /** Share of the submissions receipted so far (0..1). */
  progress: () => number;
  over: () => boolean;
  say: (line: string) => void;
  counts: { hubKillsMidRequest: number; databaseStops: number };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runOutages(o: OutageRun): Promise<void> {
  const { rng, hubs } = o;
  for (const [kind, at] of o.plan) {
    while (o.progress() < at && !o.over()) await sleep(50);
    if (o.over()) return;
    if (kind === 'database') {
      const database = hubs.database!;
      await database.stop();
      o.counts.databaseStops++;
      o.say(`fault: PostgreSQL stopped, down for ${o.databaseDownMs} ms`);
      await sleep(o.databaseDownMs);
      await database.start();
      continue;
    }
    // Down about a fifth of the time in all: outages, and long stretches of a working hub.
    const unit = Math.round(Math.max(1_000, o.durationMs / 40));
    let downMs: number;
    let hub: HubProcess;
    if (kind === 'stop') {
      hub = rng.pick([...hubs.instances]);
      await hub.stop();
      downMs = rng.int(unit, Math.round(2.5 * unit));
    } else {
      const killed = await killMidRequest(o);
      if (killed.midRequest) o.counts.hubKillsMidRequest++;
      hub = killed.hub;
      downMs = rng.int(Math.round(unit / 3), unit);
    }
    const which = hubs.instances.length > 1 ? ` instance :${hub.port}` : '';
    o.say(`fault: hub${which} ${kind === 'stop' ? 'stopped (SIGTERM)' : 'killed (SIGKILL)'}, down for ${downMs} ms`);
    await sleep(downMs);
    await hub.start();
  }
}

/** SIGKILLs the instance an intake POST has just been handed to (0–3 ms later); any instance if none comes within 5 s. */
function killMidRequest(o: OutageRun): Promise<{ hub: HubProcess; midRequest: boolean }> {
  const { rng, hubs } = o;
  return new Promise((resolve) => {
    const kill = (hub: HubProcess, midRequest: boolean) => void hub.killNow().then(() => resolve({ hub, midRequest }));
    const timer = setTimeout(() => {
      off();
      kill(rng.pick([...hubs.instances]), false); // nothing in flight for 5 s: kill anyway
    }, 5_000);
    const off = o.proxy.onForward((req) => {
      if (req.method !== 'POST' || req.path !== hubPaths.intakes) return;
      const hub = hubs.instances.find((h) => h.port === req.port);
      if (!hub) return;
      off();
      clearTimeout(timer);
      const delay = rng.int(0, 3);
      if (delay === 0) kill(hub, true);
      else setTimeout(() => kill(hub, true), delay);
    });
  });
}
