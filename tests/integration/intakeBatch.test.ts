import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { isUniqueViolation } from '../../server/db/failures.js';
import { formatCaseNumber } from '../../server/intake/caseNumber.js';
import { openIntakeStore, type NewIntake } from '../../server/intake/store.js';
import { openTerminalStore } from '../../server/terminals/store.js';
import { sampleApplication, tempDir } from '../support/fixtures.js';
import { testDatabase, testEngine } from '../support/hubEngine.js';

// The intake store's group commit on the engine of this run: a batch is one transaction, and one
// intake that cannot be recorded (its key taken) is refused alone — the others commit with serials
// that follow on without a gap, because the refused one's serial is undone with it.

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
  return { db, intakes: openIntakeStore(db) };
}

function newIntake(submissionId = randomUUID()): NewIntake {
  return {
    submissionId,
    terminalId: 'kiosk-a',
    fingerprint: `fp-${submissionId}`,
    provisionalNumber: `kiosk-a-260305-${submissionId.slice(0, 5)}`,
    language: 'zh-CN',
    submittedAt: '2026-03-05T06:00:00.000Z',
    receivedAt: '2026-03-05T06:00:01.000Z',
    courtCode: 'GS0102',
    year: 2026,
    disputeType: 'neighbour',
    applicationJson: JSON.stringify(sampleApplication()),
    attachmentsJson: '[]',
    caseNumberFor: (year, seq) => formatCaseNumber('GS0102', year, seq),
  };
}

const caseNumberOf = (outcome: { ackJson: string } | { error: unknown }) => ('ackJson' in outcome ? (JSON.parse(outcome.ackJson) as { caseNumber: string }).caseNumber : null);

describe(`intake store: group commit (${testEngine()})`, () => {
  it('numbers a batch in order, and refuses a taken key alone without leaving a gap', async () => {
    const { db, intakes } = await storeOnDatabase();
    const first = await intakes.recordIntakes([newIntake(), newIntake()]);
    expect(first.map(caseNumberOf)).toEqual([formatCaseNumber('GS0102', 2026, 1), formatCaseNumber('GS0102', 2026, 2)]);

    const taken = newIntake();
    await intakes.recordIntakes([taken]);
    const mixed = await intakes.recordIntakes([newIntake(), { ...newIntake(), submissionId: taken.submissionId }, newIntake()]);
    expect(mixed.map(caseNumberOf)).toEqual([formatCaseNumber('GS0102', 2026, 4), null, formatCaseNumber('GS0102', 2026, 5)]);
    const refused = mixed[1]!;
    expect('error' in refused && isUniqueViolation(refused.error)).toBe(true);

    const alone = await intakes.recordIntakes([{ ...newIntake(), submissionId: taken.submissionId }]);
    expect('error' in alone[0]! && isUniqueViolation(alone[0].error)).toBe(true);

    expect(await intakes.count()).toBe(5);
    const serial = await db.db.selectFrom('case_number_serials').select('last_serial').executeTakeFirstOrThrow();
    expect(serial.last_serial).toBe(5);
  });
});
