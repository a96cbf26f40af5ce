import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dashboardPaths, type BreakdownAnswer, type DrillAnswer, type IndicatorsAnswer } from '../../shared/dashboard/api.js';
import { addDays } from '../../shared/cases/deadlines.js';
import { courtDay } from '../../shared/courtTime.js';
import { seedCourt } from '../support/courtFixture.js';
import { divertDispute, receiveDispute, settleDispute, signedInStaff } from '../support/dashboardViewers.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// The dashboard's API on a real hub: events appended through the real case store move the
// indicators, the drill-down lists equal them, the open stream is told within seconds, the
// exports carry the same rows, and who may read what is enforced and audited.

describe('dashboard API', () => {
  let running: RunningHub;
  const today = courtDay(Date.now());
  // to the day after: the tests' events fall in it whichever side of court midnight they land
  const period = `from=${addDays(today, -30)}&to=${addDays(today, 1)}`;

  beforeEach(async () => {
    running = await startHub();
    await seedCourt(running.hub.database);
  });
  afterEach(async () => running.close());

  const get = async <T>(path: string, cookie: string): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${running.url}${path}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as T };
  };

  it('events through the case store change the indicators, their drill-down lists and the pushed stream', async () => {
    const { hub } = running;
    const viewer = await signedInStaff(hub, 'dashboard_viewer');
    const before = await get<IndicatorsAnswer>(`${dashboardPaths.indicators}?${period}`, viewer.cookie);
    expect(before.status).toBe(200);
    expect(before.body.values.received).toBe(0);
    expect(before.body.values.diversion_rate).toBeNull();
    // nothing recorded yet: the pages show the period's figures as not begun, not as 0 counted
    expect(before.body.recordedFrom).toBeNull();

    // the wall's stream, open before anything happens
    const stream = await fetch(`${running.url}${dashboardPaths.stream}`, { headers: { cookie: viewer.cookie } });
    expect(stream.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = stream.body!.getReader();
    let pushed = '';
    const pushes = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        pushed += new TextDecoder().decode(value);
      }
    })().catch(() => undefined); // the hub closing ends it

    const a = await receiveDispute(hub, 'centre-xiyuan', 'counter');
    const b = await receiveDispute(hub, 'centre-xiyuan', 'kiosk');
    const undecided = await receiveDispute(hub, 'court-hall', 'court');
    await divertDispute(hub, a, 'org-people-xiyuan', 'med-li');
    await divertDispute(hub, b, 'org-labour');
    await settleDispute(hub, a);
    await waitFor(() => pushed.includes('event: changed'), 'a push to the open stream');

    const after = await get<IndicatorsAnswer>(`${dashboardPaths.indicators}?${period}`, viewer.cookie);
    // the records begin on the first dispute's court day (today's, or yesterday's across court midnight)
    expect([courtDay(Date.now()), addDays(courtDay(Date.now()), -1)]).toContain(after.body.recordedFrom);
    expect(after.body.values).toMatchObject({ received: 3, diverted: 2, settled: 1, settlement_rate: 0.5 });
    expect(after.body.values.counter_share).toBe(0.5); // of the 2 diverted, 1 came in at a counter
    // every decision taken was a diversion (100 %), and the one received but not yet decided is said beside it, and listed
    expect(after.body.values).toMatchObject({ diversion_rate: 1, awaiting_decision: 1 });
    const awaiting = await get<DrillAnswer>(`${dashboardPaths.drill}?${period}&indicator=awaiting_decision`, viewer.cookie);
    expect(awaiting.body).toMatchObject({ total: 1, amount: 1, rows: [{ caseId: undecided, state: 'received', siteId: 'court-hall', channel: 'court', amount: 1 }] });
    expect(awaiting.body.rows[0]!.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const awaitingBySite = await get<BreakdownAnswer>(`${dashboardPaths.breakdown}?${period}&by=site`, viewer.cookie);
    expect(awaitingBySite.body.rows.map((r) => [r.key, r.values.awaiting_decision])).toEqual([
      ['centre-xiyuan', 0],
      ['court-hall', 1],
    ]);

    const drill = await get<DrillAnswer>(`${dashboardPaths.drill}?${period}&indicator=diverted`, viewer.cookie);
    expect(drill.body.total).toBe(2);
    expect(drill.body.rows.map((r) => r.caseId).sort()).toEqual([a, b].sort());
    expect(drill.body.rows.every((r) => /民诉前调/.test(r.caseNumber ?? ''))).toBe(true);

    const bySite = await get<BreakdownAnswer>(`${dashboardPaths.breakdown}?${period}&by=site`, viewer.cookie);
    expect(bySite.body.rows.map((r) => [r.key, r.values.received])).toEqual([
      ['centre-xiyuan', 2],
      ['court-hall', 1],
    ]);
    const byMediator = await get<BreakdownAnswer>(`${dashboardPaths.breakdown}?${period}&siteId=centre-xiyuan&organisationId=org-people-xiyuan&by=mediator`, viewer.cookie);
    expect(byMediator.body.rows.find((r) => r.key === 'med-li')?.values.settled).toBe(1);

    const csv = await fetch(`${running.url}${dashboardPaths.breakdownExport}csv?${period}&by=site`, { headers: { cookie: viewer.cookie } });
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const text = await csv.text();
    expect(text).toContain('诉前调解分流数 Diverted to mediation');
    // the columns main's readers take by position stay where they were; awaiting the decision is appended last
    expect(text).toContain('centre-xiyuan,2,2,0,1,1,0.5');
    const [header, ...rows] = text.split('\r\n').filter(Boolean);
    expect(header!.split(',').at(-1)).toBe('待分流决定数 Awaiting the diversion decision');
    expect(rows.map((r) => [r.split(',')[0], r.split(',').at(-1)])).toEqual([
      ['centre-xiyuan', '0'],
      ['court-hall', '1'],
    ]);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
    const xlsx = await fetch(`${running.url}${dashboardPaths.drillExport}xlsx?${period}&indicator=diverted`, { headers: { cookie: viewer.cookie } });
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    await reader.cancel();
    await pushes;
  });

  it('refuses strangers, bad questions with a 400, and keeps site staff to their own site; every read is audited', async () => {
    const { hub } = running;
    expect((await get(`${dashboardPaths.indicators}?${period}`, '')).status).toBe(401);
    const viewer = await signedInStaff(hub, 'dashboard_viewer');
    const reversed = await get<{ error: { code: string } }>(`${dashboardPaths.indicators}?from=${today}&to=${addDays(today, -1)}`, viewer.cookie);
    expect(reversed.status).toBe(400);
    expect((await get(`${dashboardPaths.drill}?${period}&indicator=nonsense`, viewer.cookie)).status).toBe(400);
    expect((await get(`${dashboardPaths.caseSummary}not-a-uuid`, viewer.cookie)).status).toBe(400);

    await receiveDispute(hub, 'centre-xiyuan');
    await receiveDispute(hub, 'court-hall');
    const counter = await signedInStaff(hub, 'counter_staff', 'centre-xiyuan');
    const own = await get<IndicatorsAnswer>(`${dashboardPaths.indicators}?${period}`, counter.cookie);
    expect(own.body.values.received).toBe(1);
    // another site is the scope's refusal, no site at all the role's: each said as it is (shared/courtApi/refusalWords.ts)
    const otherSite = await get<{ error: { code: string } }>(`${dashboardPaths.indicators}?${period}&siteId=court-hall`, counter.cookie);
    expect([otherSite.status, otherSite.body.error.code]).toEqual([403, 'OWN_SITE_ONLY']);
    const clerkWithoutSite = await signedInStaff(hub, 'counter_staff');
    const noSite = await get<{ error: { code: string } }>(`${dashboardPaths.indicators}?${period}`, clerkWithoutSite.cookie);
    expect([noSite.status, noSite.body.error.code]).toEqual([403, 'FORBIDDEN']);
    // a password still to change is changed before any figure is read, as in the court API
    const fresh = await signedInStaff(hub, 'dashboard_viewer');
    await hub.database.db.updateTable('staff').set({ must_change_password: 1 }).where('username', '=', fresh.username).execute();
    const mustChange = await get<{ error: { code: string } }>(`${dashboardPaths.indicators}?${period}`, fresh.cookie);
    expect([mustChange.status, mustChange.body.error.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);

    const audited = await hub.database.db.selectFrom('audit_log').select(['actor_id', 'action', 'outcome']).where('action', 'like', 'dashboard.%').execute();
    expect(audited).toEqual(
      expect.arrayContaining([
        { actor_id: counter.username, action: 'dashboard.indicators', outcome: 'ok' },
        { actor_id: clerkWithoutSite.username, action: 'dashboard.indicators', outcome: 'denied' },
      ]),
    );
    // the other site's refusal is audited as refused, before (so instead of) the read: one ok row for the own-site read, one denied
    const counterRows = await hub.database.db
      .selectFrom('audit_log')
      .select(['outcome', 'record_id'])
      .where('actor_id', '=', counter.username)
      .where('action', '=', 'dashboard.indicators')
      .orderBy('audit_seq')
      .execute();
    expect(counterRows).toEqual([
      { outcome: 'ok', record_id: null },
      { outcome: 'denied', record_id: 'OWN_SITE_ONLY' },
    ]);
  });
});
