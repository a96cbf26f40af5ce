import { randomBytes } from 'node:crypto';
import { addDays, daysBetween } from '../../shared/cases/deadlines.js';
import { courtDay } from '../../shared/courtTime.js';
import { DEFAULT_THRESHOLDS } from '../../shared/terminals/terminalHealth.js';
import { aggregateListener } from '../dashboard/aggregates.js';
import type { HubDb } from '../db/database.js';
import { fleetStore } from '../terminals/fleetStore.js';
import { demoTerminals, seedDemoCourt } from './demoCourt.js';
import { DemoRandom, generatePeriod, OPEN_WINDOW_DAYS, scaled, seedHalfYear, type PeriodTargets } from './demoCases.js';
import { caseStoreWriter } from './historyWriter.js';
import { demoHeartbeat, SILENT_DEMO_TERMINALS } from './demoHeartbeats.js';

// `npm run demo:data`: a fresh hub database filled with a year of the demo district court —
// its sites, organisations, mediators and 60 terminals (with heartbeats), a court admin and a
// president's dashboard login, and the year up to the day it is generated written through the
// case store. The year's first half is the seed article's half-year exactly (12,906 diverted of
// 17,377 = 74.27 %, 6,725 settled = 52.11 %, 211 confirmed, over 80 % from counters); the half
// since has the same shape, a little smaller, and ends today with the last weeks' mediations
// still open and the last days' disputes still awaiting the decision, as a court's lists are. Seeded: the same --seed on the same day gives the same court
// and the same figures. --scale shrinks both halves (quick looks).

export interface DemoOptions {
  seed: number;
  scale: number;
  now?: Date;
  /** Called after each batch of cases written: how many so far, of how many. */
  onProgress?: (cases: number, total: number) => void;
}

export interface Period {
  from: string;
  to: string;
}

/** The demo's year, ending on court day `today`: the seed's half-year first (182 days, as January–June), then the half since. */
export function demoPeriods(today: string): { year: Period; seedHalf: Period; sinceHalf: Period } {
  const from = addDays(today, -364);
  const seedEnd = addDays(from, 181);
  return { year: { from, to: today }, seedHalf: { from, to: seedEnd }, sinceHalf: { from: addDays(seedEnd, 1), to: today } };
}

/** Logins made for the demo, shown once by the CLI (only their hashes are stored). */
export interface DemoLogins {
  admin: string;
  president: string;
}

export async function fillDemoHub(hub: HubDb, o: DemoOptions): Promise<{ events: number; cases: number; logins: DemoLogins }> {
  const random = new DemoRandom(o.seed);
  const now = o.now ?? new Date();
  const periods = demoPeriods(courtDay(now.getTime()));
  const at = `${addDays(periods.year.from, -14)}T01:00:00.000Z`;
  const logins = { admin: randomBytes(9).toString('base64url'), president: randomBytes(9).toString('base64url') };
  await seedDemoCourt(hub, at, logins);
  const writer = caseStoreWriter(hub, [aggregateListener()]);
  const since = { ...seedHalfYear, received: 16_240, diverted: 11_690, settled: 5_930, confirmationApplied: 190, confirmed: 168, failed: 2_150, filedAfterMediation: 1_390 };
  // open at the end: about the diversions of the last OPEN_WINDOW_DAYS
  const sinceDays = daysBetween(periods.sinceHalf.from, periods.sinceHalf.to) + 1;
  since.openAtEnd = Math.round((since.diverted * OPEN_WINDOW_DAYS) / sinceDays);
  // awaiting the decision today: about a day and a half of disputes (the median decision takes a day)
  since.awaitingAtEnd = Math.round((since.received * 1.5) / sinceDays);
  const halves: PeriodTargets[] = [
    { ...periods.seedHalf, ...scaled(seedHalfYear, o.scale) },
    { ...periods.sinceHalf, ...scaled(since, o.scale) },
  ];
  const total = halves.reduce((n, h) => n + h.received, 0);
  let events = 0;
  let cases = 0;
  for (const half of halves) {
    const before = cases;
    const done = await generatePeriod(writer, half, random, (n) => o.onProgress?.(before + n, total));
    events += done.events;
    cases += done.cases;
  }
  // the terminals report now: most are well, a few need a hand, two have fallen silent (while
  // `npm start -- --demo` runs they go on reporting: ./demoHeartbeats.ts)
  const fleet = fleetStore(DEFAULT_THRESHOLDS);
  for (const [i, t] of demoTerminals.entries()) {
    const silent = SILENT_DEMO_TERMINALS.has(i);
    const when = new Date(now.getTime() - (silent ? 3 * 3_600_000 : 20_000)).toISOString();
    await fleet.recordHeartbeat(hub, t.terminalId, demoHeartbeat(i, when), when);
  }
  await fleet.sweepOffline(hub, now);
  return { events, cases, logins };
}
