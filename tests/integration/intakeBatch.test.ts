import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { isUniqueViolation } from '../../server/db/failures.js';
import { openIntakeStore, type NewIntake } from '../../server/intake/store.js';
import { openTerminalStore } from '../../server/terminals/store.js';
import { sampleApplication, tempDir } from '../support/fixtures.js';
import { testDatabase, testEngine } from '../support/hubEngine.js';

// The intake store's group commit on the engine of this run: a batch is one transaction, and one
// intake that cannot be recorded (its key taken) is refused alone — the others commit, and what
// the in-transaction steps did for the refused one is undone with it. The step here draws a serial
// (as opening a case can): the serials that follow on have no gap.

const open: Array<{ db: HubDb; dir: string }> = [];
afterEach(async () => {
  for (const { db, dir } of open.splice(0)) {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function storeOnDatabase() {
  const dir = tempDir('hub-batch-');
  const db = await openHubDatabase(await testDatabase(dir));
  open.push({ db, dir });
  await openTerminalStore(db).enroll({ terminalId: 'kiosk-a', name: 'kiosk-a', location: '', credentialHash: 'hash-a', at: new Date().toISOString() });
  const intakes = openIntakeStore(db);
  const serials = new Map<string, number>();
  intakes.onRecord(async (trx, r) => {
    const row = await trx.db
      .insertInto('case_number_serials')
      .values({ court_code: 'T', year: 2026, type_code: 'X', last_serial: 1 })
      .onConflict((oc) => oc.columns(['court_code', 'year', 'type_code']).doUpdateSet((eb) => ({ last_serial: eb(eb.ref('case_number_serials.last_serial'), '+', 1) })))
      .returning('last_serial')
      .executeTakeFirstOrThrow();
    serials.set(r.submissionId, row.last_serial);
  });
  return { db, intakes, serials };
}

function newIntake(submissionId = randomUUID()): NewIntake {
  const application = sampleApplication();
  return {
    submissionId,
    terminalId: 'kiosk-a',
    fingerprint: `fp-${submissionId}`,
    provisionalNumber: `kiosk-a-260305-${submissionId.slice(0, 5)}`,
    language: 'zh-CN',
    submittedAt: '2026-03-05T06:00:00.000Z',
    receivedAt: '2026-03-05T06:00:01.000Z',
    disputeType: 'neighbour',
    application,
    applicationJson: JSON.stringify(application),
    attachmentsJson: '[]',
  };
}

const ackOf = (outcome: { ackJson: string } | { error: unknown }) => ('ackJson' in outcome ? (JSON.parse(outcome.ackJson) as { submissionId: string; caseNumber: string | null }) : null);

describe(`intake store: group commit (${testEngine()})`, () => {
  it('records a batch in order, and refuses a taken key alone, its steps undone without leaving a gap', async () => {
    const { db, intakes, serials } = await storeOnDatabase();
    const batch = [newIntake(), newIntake()];
    const first = await intakes.recordIntakes(batch);
    expect(first.map(ackOf)).toEqual(batch.map((r) => ({ submissionId: r.submissionId, caseNumber: null, receivedAt: r.receivedAt })));
    expect(batch.map((r) => serials.get(r.submissionId))).toEqual([1, 2]);

    const taken = newIntake();
    await intakes.recordIntakes([taken]);
    const mixed = [newIntake(), { ...newIntake(), submissionId: taken.submissionId }, newIntake()];
    const outcomes = await intakes.recordIntakes(mixed);
    expect(outcomes.map((o) => ackOf(o)?.submissionId ?? null)).toEqual([mixed[0]!.submissionId, null, mixed[2]!.submissionId]);
    expect([mixed[0], mixed[2]].map((r) => serials.get(r!.submissionId))).toEqual([4, 5]);
    const refused = outcomes[1]!;
    expect('error' in refused && isUniqueViolation(refused.error)).toBe(true);

    const alone = await intakes.recordIntakes([{ ...newIntake(), submissionId: taken.submissionId }]);
    expect('error' in alone[0]! && isUniqueViolation(alone[0].error)).toBe(true);

    expect(await intakes.count()).toBe(5);
    const serial = await db.db.selectFrom('case_number_serials').select('last_serial').executeTakeFirstOrThrow();
    expect(serial.last_serial).toBe(5);
  });
});
