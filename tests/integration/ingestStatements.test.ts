import { afterEach, describe, expect, it } from 'vitest';
import { EnrollResponse, hubPaths, type IntakeIngest } from '../../shared/hubProtocol.js';
import { recount, storedAggregates } from '../../server/dashboard/aggregateStore.js';
import type { NewIntake } from '../../server/intake/store.js';
import { sampleIngest } from '../support/fixtures.js';
import { testEngine } from '../support/hubEngine.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { countStatements, type StatementCounter } from '../support/statementCounter.js';

// What one intake costs the database, in statements: a figure that does not move with the
// machine's load, unlike the ingest benchmark's rate (tests/bench/hubIngest.ts). The ceilings are
// today's counts: a statement added to the intake path without meaning to fails here, and one
// taken away lets the ceiling come down. Counted at the drivers (every BEGIN and COMMIT too).

/** A lone intake over HTTP: credential, key look-up, and its own transaction (on PostgreSQL with the batch lock: server/intake/store.ts). */
const LONE_INTAKE_CEILING = testEngine() === 'postgres' ? 13 : 12;
/** Each intake of a group-committed batch of BATCH (the transaction shared). */
const BATCH_PER_INTAKE_CEILING = 5.5;
const BATCH = 20;

let hub: RunningHub | null = null;
let counter: StatementCounter | null = null;
afterEach(async () => {
  counter?.stop();
  counter = null;
  await hub?.close();
  hub = null;
});

// The dashboard's live push announces settled bursts on the bus (pg_notify, a moment after a
// commit): not a statement of the intake.
const ofIntake = (c: StatementCounter) => c.statements.filter((s) => !/pg_notify|^LISTEN /i.test(s));

/** Each distinct statement (its first words) and how often it ran: the failure message. */
const tally = (statements: string[]) => {
  const counts = new Map<string, number>();
  for (const s of statements) counts.set(s.slice(0, 70), (counts.get(s.slice(0, 70)) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} × ${s}`).join('\n');
};

async function hubWithTerminal(terminalId: string) {
  // No timer of the hub's may run a statement while it is counted.
  hub = await startHub({ notificationIntervalMs: 3_600_000, warningScanMs: Number.MAX_SAFE_INTEGER, fleet: { sweepMs: 3_600_000 }, backup: false, courtWords: { recountMs: null } });
  const enrolled = await fetch(hub.url + hubPaths.enroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId, name: '城关区矛调中心', location: '兰州' }),
  });
  expect(enrolled.status).toBe(200);
  const { credential } = EnrollResponse.parse(await enrolled.json());
  // The instance that comes to hold the call desk writes the guidance desk's room list once (server/guidance/openRoomBoard.ts).
  const db = hub.hub.database.db;
  await waitFor(async () => (await db.selectFrom('guidance_rooms').select('slot').executeTakeFirst()) !== undefined, 'the guidance room list written');
  return { running: hub, credential };
}

const post = (url: string, credential: string, body: IntakeIngest) =>
  fetch(url + hubPaths.intakes, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': body.submissionId },
    body: JSON.stringify(body),
  });

describe('intake: statements per intake', () => {
  it(`a lone intake over HTTP runs at most ${LONE_INTAKE_CEILING} statements`, async () => {
    const { running, credential } = await hubWithTerminal('kiosk-stmt-1');
    // Warm: statements prepared, pool connections open.
    for (let i = 0; i < 2; i++) expect((await post(running.url, credential, sampleIngest())).status).toBe(201);
    counter = countStatements();
    expect((await post(running.url, credential, sampleIngest())).status).toBe(201);
    const statements = ofIntake(counter);
    // The counter sees the intake's own writes (else the ceiling would hold for nothing).
    expect(statements.filter((s) => /insert into "intakes"/i.test(s))).toHaveLength(1);
    expect(statements.filter((s) => /insert into "case_events"/i.test(s))).toHaveLength(1);
    expect(statements.length, tally(statements)).toBeLessThanOrEqual(LONE_INTAKE_CEILING);
  });

  it(`each intake of a batch of ${BATCH} runs at most ${BATCH_PER_INTAKE_CEILING} statements`, async () => {
    const { running } = await hubWithTerminal('kiosk-stmt-2');
    const disputeTypes = ['family', 'neighbour', 'other'] as const;
    let made = 0;
    const newIntake = (): NewIntake => {
      // Dispute types in turn: the batch's aggregate rows differ in key, and each key sums several intakes.
      const base = sampleIngest();
      const ingest = { ...base, application: { ...base.application, disputeType: disputeTypes[made++ % disputeTypes.length]! } };
      return {
        submissionId: ingest.submissionId,
        terminalId: 'kiosk-stmt-2',
        fingerprint: ingest.submissionId,
        provisionalNumber: ingest.provisionalNumber,
        language: ingest.language,
        submittedAt: ingest.submittedAt,
        receivedAt: new Date().toISOString(),
        disputeType: ingest.application.disputeType,
        application: ingest.application,
        applicationJson: JSON.stringify(ingest.application),
        attachmentsJson: '[]',
      };
    };
    await running.hub.intakes.recordIntakes([newIntake(), newIntake()]);
    counter = countStatements();
    const outcomes = await running.hub.intakes.recordIntakes(Array.from({ length: BATCH }, newIntake));
    expect(outcomes.every((o) => 'ackJson' in o)).toBe(true);
    const statements = ofIntake(counter);
    expect(statements.filter((s) => /insert into "case_events"/i.test(s)).length).toBeGreaterThan(0);
    expect(await running.hub.intakes.count()).toBe(BATCH + 2);
    expect(statements.length / BATCH, tally(statements)).toBeLessThanOrEqual(BATCH_PER_INTAKE_CEILING);
    // The batch's contributions, summed and written once, are what a recount of the log gives.
    const stored = await storedAggregates(running.hub.database);
    expect(stored).toEqual(await recount(running.hub.database));
    expect([...stored.daily_counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(BATCH + 2);
  });
});
