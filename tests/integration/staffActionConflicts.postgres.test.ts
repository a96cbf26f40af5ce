import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { courtStaff, type CourtStaff } from '../support/courtSteps.js';
import { receiveDispute } from '../support/dashboardViewers.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// A staff case action whose transaction PostgreSQL aborts as a deadlock victim is run again whole
// (server/db/engine.ts inTransaction → server/db/failures.ts retryConflicts, as ingest is): the
// clerk gets the 201, not a 503 with Retry-After, and the event is appended once. The deadlock is
// made on purpose: another session (standing for another instance's transaction) holds the
// dashboard's monthly figures; the clerk's diversion locks the case row, appends, and waits for
// the monthly figures; then that session asks for the case row. It waits a minute before looking
// for deadlocks, so PostgreSQL's check (after 1 s) always picks the clerk's transaction.

let h: RunningHub;
let staff: CourtStaff;
let other: pg.Client;

beforeAll(async () => {
  h = await startHub({ backup: false });
  staff = await courtStaff(h);
  // The harness gave this data folder its database; the same URL reaches it.
  other = new pg.Client({ connectionString: (await testDatabase(h.dataDir)).databaseUrl });
  await other.connect();
}, 120_000);

afterAll(async () => {
  await other?.end();
  await h?.close();
});

describe('a staff case action chosen as a deadlock victim', () => {
  it('is run again and answered 201, its event appended once', async () => {
    const caseId = await receiveDispute(h.hub, HALL_SITE_ID, 'kiosk');
    const before = (await h.hub.cases.load(h.hub.database, caseId))!;

    await other.query('BEGIN');
    await other.query("SET LOCAL deadlock_timeout = '60s'");
    await other.query('LOCK TABLE monthly_counts IN EXCLUSIVE MODE');
    const answer = staff.clerk.call('actOnCase', {
      params: { caseId },
      body: { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } }, expectedSeq: before.seq },
    });
    // The clerk's transaction holds the case row and waits for the monthly figures.
    await waitFor(async () => {
      const { rows } = await other.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
      return Number(rows[0]!.n) > 0;
    }, 'the diversion to wait for the monthly figures');
    // This session asks for the case row: a deadlock, which only the clerk's transaction giving way ends.
    await other.query('SELECT case_id FROM cases WHERE case_id = $1 FOR UPDATE', [caseId]);
    await other.query('COMMIT');

    const res = await answer;
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const events = await h.hub.database.db.selectFrom('case_events').select('type').where('case_id', '=', caseId).execute();
    expect(events.map((e) => e.type)).toEqual(['case.received', 'case.diverted']);
    expect((await h.hub.cases.load(h.hub.database, caseId))!.seq).toBe(before.seq + 1);
  });
});
