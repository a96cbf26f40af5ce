import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { intakeReceiver, type RecordedIntake } from '../../server/intake/ingest.js';
import { openIntakeStore } from '../../server/intake/store.js';
import { openTerminalStore } from '../../server/terminals/store.js';
import { HubError } from '../../server/http/errors.js';
import { sampleIngest, tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';

// The intake receiver's "recorded" event on a real database: told once per new intake, after its
// commit (the intake can be read when the listener runs), never for a replay or a refusal.

const open: Array<{ db: HubDb; dir: string }> = [];
afterEach(async () => {
  for (const { db, dir } of open.splice(0)) {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

async function receiverOnFile(onListenerError?: (error: unknown) => void) {
  const dir = tempDir('hub-recorded-');
  const db = await openHubDatabase(await testDatabase(dir));
  open.push({ db, dir });
  const terminals = openTerminalStore(db);
  for (const terminalId of ['kiosk-a', 'kiosk-b']) await terminals.enroll({ terminalId, name: terminalId, location: '', credentialHash: `hash-${terminalId}`, at: new Date().toISOString() });
  const intakes = openIntakeStore(db);
  const receiver = intakeReceiver({ store: intakes, now: () => new Date('2026-03-05T06:00:00Z'), ...(onListenerError ? { onListenerError } : {}) });
  return { intakes, receiver };
}

const ingest = sampleIngest;

describe('intake receiver: recorded event', () => {
  it('tells each listener once per new intake, after the commit', async () => {
    const { intakes, receiver } = await receiverOnFile();
    const seen: Array<RecordedIntake & { onRecord: boolean }> = [];
    const reads: Array<Promise<unknown>> = [];
    receiver.onRecorded((r) => {
      const read = intakes.get(r.submissionId).then((found) => seen.push({ ...r, onRecord: found !== null }));
      reads.push(read);
    });
    const body = ingest();
    expect((await receiver.receive('kiosk-a', body, body)).status).toBe(201);
    await Promise.all(reads);
    expect(seen).toEqual([{ submissionId: body.submissionId, terminalId: 'kiosk-a', onRecord: true }]);

    expect((await receiver.receive('kiosk-a', body, body)).status).toBe(200); // a replay
    await expect(receiver.receive('kiosk-b', body, body)).rejects.toBeInstanceOf(HubError); // another terminal: 422
    await Promise.all(reads);
    expect(seen).toHaveLength(1);
  });

  it('acknowledges the intake even when a listener throws, and stops telling one that left', async () => {
    const failures: unknown[] = [];
    const { receiver } = await receiverOnFile((error) => failures.push(error));
    const told: string[] = [];
    receiver.onRecorded(() => {
      throw new Error('listener bug');
    });
    const stop = receiver.onRecorded((r) => told.push(r.submissionId));
    const first = ingest();
    expect((await receiver.receive('kiosk-a', first, first)).status).toBe(201);
    stop();
    const second = ingest();
    expect((await receiver.receive('kiosk-a', second, second)).status).toBe(201);
    expect(told).toEqual([first.submissionId]);
    expect(failures.map((e) => (e as Error).message)).toEqual(['listener bug', 'listener bug']);
  });
});
