import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { histogramQuantile, indicatorKeys, indicators, indicatorValue, indicatorValues, type IndicatorKey } from '../../shared/dashboard/indicators.js';
import type { DashboardQuery } from '../../shared/dashboard/scope.js';
import { aggregateListener } from '../../server/dashboard/aggregates.js';
import { drillEvents, openCases } from '../../server/dashboard/drillStore.js';
import { breakdownInputs, indicatorInputs } from '../../server/dashboard/indicatorStore.js';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { createRng } from '../fault/prng.js';
import { caseStoreWriter } from '../../server/demo/historyWriter.js';
import { seedCourt, smallCourt } from '../support/courtFixture.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase, testEngine } from '../support/hubEngine.js';
import { walkCases } from '../support/randomCaseWalk.js';

// Every indicator's number, read from the aggregates (monthly rollup for whole months, daily
// tables for the rest), equals the list of events behind it, read from case_events with the same
// predicate — for periods that cut months, for every scope, whole or broken down.

let db: HubDb;
let dir: string;
const today = '2026-04-20';

beforeAll(async () => {
  dir = tempDir('hub-dash-q-');
  db = await openHubDatabase(await testDatabase(dir));
  await seedCourt(db);
  await walkCases(caseStoreWriter(db, [aggregateListener()]), createRng(77), smallCourt, { cases: 250, startDay: '2026-01-25', days: 60, maxEvents: 1800 });
}, 240_000);
afterAll(async () => {
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function allDrillRows(query: DashboardQuery, key: IndicatorKey) {
  const first = await drillEvents(db, query, key, { limit: 500, offset: 0 });
  const rows = [...first.rows];
  while (rows.length < first.total) rows.push(...(await drillEvents(db, query, key, { limit: 500, offset: rows.length })).rows);
  return { ...first, rows };
}

const queries: DashboardQuery[] = [
  { from: '2026-01-01', to: '2026-06-30' }, // whole months only
  { from: '2026-01-27', to: '2026-03-09' }, // days, a whole month, days
  { from: '2026-02-10', to: '2026-02-20' }, // days only
  { from: '2026-01-01', to: '2026-06-30', siteId: 'centre-xiyuan' },
  { from: '2026-02-03', to: '2026-04-30', organisationId: 'org-court-team' },
  { from: '2026-01-01', to: '2026-05-31', mediator: 'med-li' },
  { from: '2026-01-01', to: '2026-05-31', organisationId: 'org-people-xiyuan', siteId: 'court-hall' },
  { from: '2026-01-15', to: '2026-04-15', channel: 'counter', disputeType: 'neighbour' },
];

describe(`dashboard figures and the events behind them (${testEngine()})`, () => {
  it.each(queries)('agree for %o', async (query) => {
    const inputs = await indicatorInputs(db, query, today);
    const values = indicatorValues(inputs);
    for (const key of indicatorKeys) {
      const rule = indicators[key].rule;
      if (rule.kind === 'openCases') {
        expect((await openCases(db, query, rule.cases, today, { limit: 10, offset: 0 })).total, key).toBe(values[key]);
        continue;
      }
      const drill = await allDrillRows(query, key);
      expect(drill.rows.length, key).toBe(drill.total);
      if (rule.kind === 'count') expect(drill.amount, key).toBe(values[key]);
      if (rule.kind === 'ratio') expect(drill.amount, key).toBe(indicatorValue(rule.numerator[0]! as IndicatorKey, inputs));
      if (rule.kind === 'channelShare')
        expect(
          drill.rows.every((r) => r.channel === rule.channel),
          key,
        ).toBe(true);
      if (rule.kind === 'quantile') {
        const histogram = [...drill.rows.reduce((m, r) => m.set(r.amount, (m.get(r.amount) ?? 0) + 1), new Map<number, number>())].map(([days, n]) => ({ days, n }));
        expect(histogramQuantile(histogram, rule.q), key).toBe(values[key]);
      }
    }
    expect(values.received! + values.diverted! + values.settled!, 'the run put events in this question').toBeGreaterThan(0);
  });

  it('adds up: a breakdown by site, by organisation and by mediator sums to the whole', async () => {
    const query: DashboardQuery = { from: '2026-01-27', to: '2026-04-30' };
    const whole = indicatorValues(await indicatorInputs(db, query, today));
    for (const by of ['siteId', 'organisationId', 'mediator'] as const) {
      const groups = await breakdownInputs(db, query, by, today);
      expect(groups.size, by).toBeGreaterThan(1);
      for (const key of ['received', 'diverted', 'settled', 'video_minutes', 'overdue_mediations', 'awaiting_decision'] as const) {
        const sum = [...groups.values()].reduce((total, g) => total + (indicatorValue(key, g) ?? 0), 0);
        expect(sum, `${key} by ${by}`).toBe(whole[key]);
      }
    }
  });
});
