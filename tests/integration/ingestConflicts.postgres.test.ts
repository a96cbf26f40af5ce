import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IntakeAck, hubPaths, type IntakeIngest } from '../../shared/hubProtocol.js';
import { sampleIngest } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { enrollTerminal } from '../support/signallingClients.js';

// An intake's transaction that PostgreSQL aborts as a deadlock victim is run again, once, whole
// (server/db/failures.ts retryConflicts, used by server/intake/store.ts): the kiosk gets its 201,
// not a 503, and the intake is recorded once. The deadlock is made on purpose: another session
// (standing for a staff action's transaction) holds the dashboard's monthly rows while the
// intake's upserts hold the daily ones and wait for the monthly; then that session asks for the
// daily rows. That session waits a minute before looking for deadlocks, so PostgreSQL's check (after
// 1 s) always picks the intake's transaction as the victim.

let h: RunningHub;
let credential: string;
let staffAction: pg.Client;

beforeAll(async () => {
  h = await startHub({ backup: false });
  credential = await enrollTerminal(h.url, 'KSK-CONFLICT-1');
  // The harness gave this data folder its database; the same URL reaches it.
  staffAction = new pg.Client({ connectionString: (await testDatabase(h.dataDir)).databaseUrl });
  await staffAction.connect();
});

afterAll(async () => {
  await staffAction?.end();
  await h?.close();
});

const send = (intake: IntakeIngest) =>
  fetch(new URL(hubPaths.intakes, h.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': intake.submissionId, authorization: `Bearer ${credential}` },
    body: JSON.stringify(intake),
  });

describe('an intake transaction chosen as a deadlock victim', () => {
  it('is run again and answered 201, recorded once', async () => {
    // A first intake makes the aggregate rows the second one will update (same day, site, type, channel).
    expect((await send(sampleIngest())).status).toBe(201);

    await staffAction.query('BEGIN');
    await staffAction.query("SET LOCAL deadlock_timeout = '60s'");
    await staffAction.query('UPDATE monthly_counts SET n = n');
    const intake = sampleIngest();
    const answer = send(intake);
    // The intake's transaction holds the daily rows and waits for the monthly ones.
    await waitFor(async () => {
      const { rows } = await staffAction.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
      return Number(rows[0]!.n) > 0;
    }, 'the intake to wait for the monthly rows');
    // Now this session asks for the daily rows: a deadlock, and the intake's transaction is the victim.
    await staffAction.query('UPDATE daily_counts SET n = n');
    await staffAction.query('COMMIT');

    const res = await answer;
    expect(res.status, await res.clone().text()).toBe(201);
    expect(IntakeAck.parse(await res.json()).submissionId).toBe(intake.submissionId);
    const rows = await h.hub.database.db.selectFrom('intakes').select('submission_id').where('submission_id', '=', intake.submissionId).execute();
    expect(rows).toHaveLength(1);
    const cases = await h.hub.database.db.selectFrom('cases').select('case_id').where('submission_id', '=', intake.submissionId).execute();
    expect(cases).toHaveLength(1);
  });
});
