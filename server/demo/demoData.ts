import { DEFAULT_THRESHOLDS } from '../../shared/terminals/terminalHealth.js';
import { aggregateListener } from '../dashboard/aggregates.js';
import type { HubDb } from '../db/database.js';
import { fleetStore } from '../terminals/fleetStore.js';
import { demoTerminals, seedDemoCourt } from './demoCourt.js';
import { DemoRandom, generatePeriod, scaled, seedHalfYear, type PeriodTargets } from './demoCases.js';
import { caseStoreWriter } from './historyWriter.js';

// `npm run demo:data`: a fresh hub database filled with a year of the demo district court —
// its sites, organisations, mediators and 60 terminals (with heartbeats), and a year of disputes
// written through the case store. The first half of 2026 is the seed article's half-year
// exactly (12,906 diverted of 17,377 = 74.27 %, 6,725 settled = 52.11 %, 211 confirmed, over
// 80 % from counters); the half before it has the same shape, a little smaller. Seeded: the same
// --seed gives the same court and the same figures. --scale shrinks both halves (quick looks).

export interface DemoOptions {
  seed: number;
  scale: number;
  now?: Date;
}

export const seedPeriod = { from: '2026-01-01', to: '2026-06-30' } as const;
const earlierPeriod = { from: '2025-07-01', to: '2025-12-31' } as const;

export async function fillDemoHub(hub: HubDb, o: DemoOptions): Promise<{ events: number; cases: number }> {
  const random = new DemoRandom(o.seed);
  const at = '2025-06-15T01:00:00.000Z';
  await seedDemoCourt(hub, at);
  const writer = caseStoreWriter(hub, [aggregateListener()]);
  const halves: PeriodTargets[] = [
    {
      ...earlierPeriod,
      ...scaled({ ...seedHalfYear, received: 16_240, diverted: 11_690, settled: 5_930, confirmationApplied: 190, confirmed: 168, failed: 2_150, filedAfterMediation: 1_390 }, o.scale),
    },
    { ...seedPeriod, ...scaled(seedHalfYear, o.scale) },
  ];
  let events = 0;
  let cases = 0;
  for (const half of halves) {
    const done = await generatePeriod(writer, half, random);
    events += done.events;
    cases += done.cases;
  }
  // the terminals report now: most are well, a few need a hand, two have fallen silent
  const fleet = fleetStore(DEFAULT_THRESHOLDS);
  const now = o.now ?? new Date();
  for (const [i, t] of demoTerminals.entries()) {
    const silent = i === 7 || i === 41;
    const when = new Date(now.getTime() - (silent ? 3 * 3_600_000 : 20_000)).toISOString();
    await fleet.recordHeartbeat(
      hub,
      t.terminalId,
      {
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
      },
      when,
    );
  }
  await fleet.sweepOffline(hub, now);
  return { events, cases };
}
