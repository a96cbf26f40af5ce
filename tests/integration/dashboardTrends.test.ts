import { afterEach, describe, expect, it } from 'vitest';
import { aggregateListener } from '../../server/dashboard/aggregates.js';
import { addDays } from '../../shared/cases/deadlines.js';
import { dashboardPaths, trendPaths, type DrillAnswer, type HeatAnswer, type TrendAnswer, type WarningView } from '../../shared/dashboard/api.js';
import { poissonUpperLimit, weekStart } from '../../shared/dashboard/earlyWarning.js';
import { courtDay } from '../../shared/courtTime.js';
import { clearOfCourtMidnight } from '../support/courtMidnight.js';
import { seedCourt } from '../support/courtFixture.js';
import { caseStoreWriter } from '../../server/demo/historyWriter.js';
import { receiveDispute, signedInStaff } from '../support/dashboardViewers.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// Trends and early warning on a real hub: ten quiet weeks of labour and neighbour disputes at one
// centre, then a week in which labour disputes surge — through the case store, so the hub's own
// scan judges it. The warning states its rule, lists exactly the cases behind it, and can be
// acknowledged once with a note (audited); the neighbour disputes, at their usual level, raise none.

describe('dispute trends and early warning', () => {
  let running: RunningHub;
  afterEach(async () => running?.close());

  it('raises a warning on a surge, not on the usual level, and records its acknowledgement', async () => {
    running = await startHub({ warningScanMs: 0 });
    const { hub } = running;
    await seedCourt(hub.database);
    // the surge is entered and scanned in the week it is dated in: clear of court midnight, since the one
    // between Sunday and Monday would start a new week. The reads below end on that week's Sunday, not
    // today, so a dispute that lands after any other midnight still falls in them.
    await clearOfCourtMidnight(60_000);
    const thisWeek = weekStart(courtDay(Date.now()));
    const weekEnd = addDays(thisWeek, 6);
    const history = caseStoreWriter(hub.database, [aggregateListener()]);
    for (let week = 10; week >= 1; week--) {
      for (const [type, n] of [
        ['labour', 2],
        ['neighbour', 3],
      ] as const) {
        for (let i = 0; i < n; i++) {
          const at = `${addDays(thisWeek, -7 * week + i)}T02:00:00.000Z`;
          await history.append({
            caseId: null,
            kind: 'dispute',
            type: 'case.received',
            at,
            siteId: 'centre-xiyuan',
            payload: { channel: 'counter', disputeType: type, parties: { applicants: 1, respondents: 1 } },
          });
        }
      }
    }
    for (let i = 0; i < 2; i++) await receiveDispute(hub, 'centre-xiyuan', 'counter', 'neighbour');
    for (let i = 0; i < 12; i++) await receiveDispute(hub, 'centre-xiyuan', 'counter', 'labour');

    const viewer = await signedInStaff(hub, 'dashboard_viewer');
    const get = async <T>(path: string) => (await (await fetch(`${running.url}${path}`, { headers: { cookie: viewer.cookie } })).json()) as T;
    const warnings = await waitFor(async () => {
      const { warnings } = await get<{ warnings: WarningView[] }>(trendPaths.warnings);
      return warnings.length > 0 && warnings[0]!.observed === 12 ? warnings : null;
    }, 'the surge warning');
    expect(warnings).toHaveLength(1);
    const w = warnings[0]!;
    expect(w).toMatchObject({ siteId: 'centre-xiyuan', disputeType: 'labour', weekStart: thisWeek, baseline: 2, upperLimit: poissonUpperLimit(2, 0.001), status: 'open' });
    expect(w.rule.zh).toContain('泊松');
    expect(w.rule.en).toContain('α = 0.001');

    // the cases behind it: the same site, type and week
    const drill = await get<DrillAnswer>(`${dashboardPaths.drill}?from=${thisWeek}&to=${weekEnd}&siteId=centre-xiyuan&disputeType=labour&indicator=received`);
    expect(drill.total).toBe(12);

    const trend = await get<TrendAnswer>(`${trendPaths.trends}?from=${addDays(thisWeek, -70)}&to=${weekEnd}&grain=week&by=disputeType`);
    expect(trend.buckets.at(-1)).toBe(thisWeek);
    expect(trend.series.find((s) => s.key === 'labour')!.counts.slice(-3)).toEqual([2, 2, 12]);
    expect(trend.total.current).toBe(10 * 5 + 14);
    // the records begin with the first week written: a comparison before it is incomplete (shared/dashboard/trends.ts statedChange)
    expect(trend.recordedFrom).toBe(addDays(thisWeek, -70));
    const heat = await get<HeatAnswer>(`${trendPaths.heat}?from=${addDays(thisWeek, -70)}&to=${weekEnd}`);
    expect(heat.cells).toContainEqual([heat.sites.indexOf('centre-xiyuan'), heat.types.indexOf('labour'), 32]);

    const ack = (note: string) =>
      fetch(`${running.url}${trendPaths.acknowledge(w.warningId)}`, { method: 'POST', headers: { cookie: viewer.cookie, 'content-type': 'application/json' }, body: JSON.stringify({ note }) });
    expect((await ack('')).status).toBe(400);
    const done = await ack('已联系西园街道劳动保障所，企业欠薪，组织集中调解');
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'acknowledged', acknowledgedBy: viewer.username, note: '已联系西园街道劳动保障所，企业欠薪，组织集中调解' });
    expect((await ack('again')).status).toBe(409);
    const audited = await hub.database.db.selectFrom('audit_log').select(['actor_id', 'record_id']).where('action', '=', 'dashboard.warning.acknowledged').execute();
    expect(audited).toEqual([{ actor_id: viewer.username, record_id: w.warningId }]);
  });
});
