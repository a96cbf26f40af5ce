import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { closeStaleRecordings, RECORDING_STALE_MS } from '../../server/sfu/interruptedRecordings.js';
import { recordingStore } from '../../server/sfu/recordingStore.js';
import { receiveDispute } from '../support/dashboardViewers.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { recordingCloserOf } from '../support/recordingCloser.js';

// Two real hub instances on one PostgreSQL database close the recordings a third, dead one left
// in progress at the same moment, round after round: each recording is closed once, with one
// `recording.stopped` (interrupted) event on its case, and whichever instance won, the other's
// attempt changed nothing (server/sfu/recordingStore.ts `interrupted`: the second UPDATE waits on
// the first one's row lock, then finds the row closed).

const hubs: RunningHub[] = [];

beforeAll(async () => {
  const { databaseUrl } = await testDatabase(tempDir('hub-rec-race-db-'));
  const common = { filesDir: tempDir('hub-rec-race-files-'), databaseUrl, dataKey: randomBytes(32).toString('base64'), backup: false as const };
  hubs.push(await startHub({ ...common, dataDir: tempDir('hub-rec-race-a-') }));
  hubs.push(await startHub({ ...common, dataDir: tempDir('hub-rec-race-b-') }));
}, 120_000);

afterAll(async () => {
  await Promise.all(hubs.map((h) => h.close()));
});

const depsOf = recordingCloserOf;

describe('two instances closing a dead instance’s recordings at once', () => {
  it('close each once, with one event', async () => {
    const [a, b] = hubs as [RunningHub, RunningHub];
    const log = depsOf(a).roomLog;
    const staleAt = new Date(Date.now() - RECORDING_STALE_MS - 60_000).toISOString();
    for (let round = 0; round < 5; round++) {
      const recordings: Array<{ caseId: string; recordingId: string }> = [];
      for (let i = 0; i < 4; i++) {
        const caseId = await receiveDispute(a.hub, HALL_SITE_ID, 'kiosk');
        const recordingId = randomUUID();
        const callId = randomUUID();
        await recordingStore.started(a.hub.database, { recordingId, callId, caseId, startedAt: staleAt, mimeType: 'video/webm', expiresAt: '2099-01-01T00:00:00.000Z', recorderInstance: 'dead' });
        await log.recording({ callId, submissionId: null, caseId }, { type: 'recording.started', payload: { recordingId } });
        recordings.push({ caseId, recordingId });
      }
      const closed = await Promise.all([closeStaleRecordings(depsOf(a), 'instance-a'), closeStaleRecordings(depsOf(b), 'instance-b')]);
      // (each instance's own 30 s check may have taken some too: never more than one close per row)
      expect(closed[0] + closed[1]).toBeLessThanOrEqual(4);
      for (const r of recordings) {
        const events = (await b.hub.cases.events(b.hub.database, r.caseId)).map((e) => e.event).filter((e) => e.type === 'recording.stopped');
        expect(events.map((e) => (e.payload as { cause: string }).cause)).toEqual(['interrupted']);
        const row = await b.hub.database.db.selectFrom('room_recordings').select(['stop_cause', 'stopped_at']).where('recording_id', '=', r.recordingId).executeTakeFirstOrThrow();
        expect(row.stop_cause).toBe('interrupted');
      }
    }
  });
});
