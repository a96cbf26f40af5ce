import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { caseRowDeadlock, type CaseRowDeadlock } from '../support/caseRowDeadlock.js';
import { courtStaff, type CourtStaff } from '../support/courtSteps.js';
import { receiveDispute } from '../support/dashboardViewers.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// A staff case action whose transaction PostgreSQL aborts as a deadlock victim is run again whole
// (server/db/engine.ts inTransaction → server/db/failures.ts retryConflicts, as ingest is): the
// clerk gets the 201, not a 503 with Retry-After, and the event is appended once. The deadlock is
// made on purpose (tests/support/caseRowDeadlock.ts): another session holds the dashboard's monthly
// figures; the clerk's diversion locks the case row, appends, and waits for the monthly figures;
// then that session asks for the case row.

let h: RunningHub;
let staff: CourtStaff;
let other: CaseRowDeadlock;

beforeAll(async () => {
  h = await startHub({ backup: false });
  staff = await courtStaff(h);
  other = await caseRowDeadlock(h);
}, 120_000);

afterAll(async () => {
  await other?.end();
  await h?.close();
});

describe('a staff case action chosen as a deadlock victim', () => {
  it('is run again and answered 201, its event appended once', async () => {
    const caseId = await receiveDispute(h.hub, HALL_SITE_ID, 'kiosk');
    const before = (await h.hub.cases.load(h.hub.database, caseId))!;

    await other.hold('monthly_counts');
    const answer = staff.clerk.call('actOnCase', {
      params: { caseId },
      body: { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } }, expectedSeq: before.seq },
    });
    // The clerk's transaction holds the case row and waits for the monthly figures.
    await other.deadlock(caseId, 'the diversion to wait for the monthly figures');

    const res = await answer;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const events = await h.hub.database.db.selectFrom('case_events').select('type').where('case_id', '=', caseId).execute();
    expect(events.map((e) => e.type)).toEqual(['case.received', 'case.diverted']);
    expect((await h.hub.cases.load(h.hub.database, caseId))!.seq).toBe(before.seq + 1);
  });
});
