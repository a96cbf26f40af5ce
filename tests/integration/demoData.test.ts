import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { recount, storedAggregates } from '../../server/dashboard/aggregateStore.js';
import { indicatorInputs } from '../../server/dashboard/indicatorStore.js';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { scaled, seedHalfYear } from '../../server/demo/demoCases.js';
import { fillDemoHub, seedPeriod } from '../../server/demo/demoData.js';
import { indicatorValues } from '../../shared/dashboard/indicators.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';

// The demo generator writes through the case store and hits its targets exactly: the seed's
// half-year, here at a fiftieth of its size (the full size is `npm run demo:data`, minutes of
// appends), shows on the dashboard as exactly the numbers asked for, with the counters' share of
// the diverted above 80 %, and its aggregates equal a recount.

const opened: HubDb[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('demo data', () => {
  it('reproduces its targets for the seed half-year exactly, through the case store', async () => {
    const dir = tempDir('hub-demo-');
    dirs.push(dir);
    const hub = await openHubDatabase(await testDatabase(dir));
    opened.push(hub);
    const scale = 0.02;
    await fillDemoHub(hub, { seed: 7, scale });
    const want = scaled(seedHalfYear, scale);
    const v = indicatorValues(await indicatorInputs(hub, seedPeriod, '2026-12-01'));
    expect(v).toMatchObject({
      received: want.received,
      diverted: want.diverted,
      filed_directly: want.received - want.diverted,
      settled: want.settled,
      confirmation_applied: want.confirmationApplied,
      confirmed: want.confirmed,
      filed_after_mediation: want.filedAfterMediation,
    });
    expect(v.diversion_rate).toBeCloseTo(want.diverted / want.received, 10);
    expect(v.settlement_rate).toBeCloseTo(want.settled / want.diverted, 10);
    expect(v.counter_share).toBeGreaterThanOrEqual(0.8);
    expect(v.video_sessions).toBeGreaterThan(0);

    const stored = await storedAggregates(hub);
    const recounted = await recount(hub);
    expect(Object.fromEntries(stored.daily_counts)).toEqual(Object.fromEntries(recounted.daily_counts));
    const sites = await hub.db.selectFrom('sites').select('kind').execute();
    expect(sites).toHaveLength(20);
    expect(new Set(sites.map((s) => s.kind))).toEqual(new Set(['court', 'tribunal', 'centre', 'grid']));
    expect(await hub.db.selectFrom('terminal_status').select('terminal_id').execute()).toHaveLength(60);
    expect(await hub.db.selectFrom('organisations').select('organisation_id').execute()).toHaveLength(15);
  }, 240_000);
});
