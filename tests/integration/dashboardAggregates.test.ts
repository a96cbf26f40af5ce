import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { aggregateListener } from '../../server/dashboard/aggregates.js';
import { recount, storedAggregates } from '../../server/dashboard/aggregateStore.js';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { createRng } from '../fault/prng.js';
import { caseStoreWriter } from '../../server/demo/historyWriter.js';
import { seedCourt, smallCourt } from '../support/courtFixture.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase, testEngine } from '../support/hubEngine.js';
import { walkCases } from '../support/randomCaseWalk.js';

// The dashboard's pre-aggregates, kept by the append listener in the append's own transaction,
// always equal a plain recount over case_events — after thousands of random lawful events with
// voided outcomes, resumed mediations, reclassification and reassignment — on both engines.

const opened: HubDb[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function courtDatabase(): Promise<HubDb> {
  const dir = tempDir('hub-dash-');
  dirs.push(dir);
  const db = await openHubDatabase(await testDatabase(dir));
  opened.push(db);
  await seedCourt(db);
  return db;
}

const nonEmpty = (m: Map<string, number>) => m.size;

describe(`dashboard aggregates (${testEngine()})`, () => {
  it('equal a recount over case_events after a randomized run of thousands of events', async () => {
    const db = await courtDatabase();
    const writer = caseStoreWriter(db, [aggregateListener()]);
    const seed = Number(process.env.DASHBOARD_SEED ?? 20260311);
    const run = await walkCases(writer, createRng(seed), smallCourt, { cases: 400, startDay: '2026-01-20', days: 70, maxEvents: 3000 });
    expect(run.events, `seed ${seed}`).toBeGreaterThanOrEqual(2500);
    expect(run.voided, 'some outcomes were voided').toBeGreaterThan(5);

    const stored = await storedAggregates(db);
    const recounted = await recount(db);
    for (const table of ['daily_counts', 'daily_durations', 'monthly_counts', 'monthly_durations'] as const) {
      expect(nonEmpty(recounted[table]), `${table} has rows`).toBeGreaterThan(0);
      expect(Object.fromEntries(stored[table]), `${table}, seed ${seed}`).toEqual(Object.fromEntries(recounted[table]));
    }
    // the walk crossed month boundaries, so both grains were exercised
    expect(new Set([...stored.monthly_counts.keys()].map((k) => k.slice(0, 7))).size).toBeGreaterThanOrEqual(3);
  }, 240_000); // thousands of single-event transactions: a hang guard on a loaded machine, not a timing

  it('roll back with the event when a later listener fails: the log and the aggregates stay together', async () => {
    const db = await courtDatabase();
    const failing = caseStoreWriter(db, [
      aggregateListener(),
      async () => {
        throw new Error('listener failed');
      },
    ]);
    await expect(
      failing.append({
        caseId: null,
        kind: 'dispute',
        type: 'case.received',
        at: '2026-03-02T02:00:00Z',
        siteId: 'court-hall',
        payload: { channel: 'kiosk', disputeType: 'labour', parties: { applicants: 1, respondents: 1 } },
      }),
    ).rejects.toThrow('listener failed');
    expect(await db.db.selectFrom('case_events').selectAll().execute()).toEqual([]);
    expect(await db.db.selectFrom('daily_counts').selectAll().execute()).toEqual([]);
    expect(await db.db.selectFrom('monthly_counts').selectAll().execute()).toEqual([]);
  });
});
