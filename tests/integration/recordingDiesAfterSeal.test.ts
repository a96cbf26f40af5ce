import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sealedMark } from '../../server/sfu/interruptedRecordings.js';
import { openRecordingRange, sealedDigest } from '../../server/sfu/recordingSeal.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { audioSeconds, packetsSent, recordedHearing } from '../support/recordedHearing.js';
import { recordingCloserOf } from '../support/recordingCloser.js';

// A hub that dies after sealing a recording and before writing its row (the row and its
// `recording.stopped` event are one transaction, the seal comes before it): the sealed file is
// whole in the files folder, the plain file gone, and only a mark in the work folder says so
// (server/sfu/recordings.ts), holding how it ended (cause, seconds, stop time). A hub started
// again on the same data folder and database records it at once, with that sealed file's sha256,
// as the mark says (a recording stopped is not "interrupted"); a start after that records nothing more. Real mediasoup and ffmpeg, on both engines; the
// death is the row's write failing as the hub's end would cut it (nothing after it runs). A hub
// that finds its row closed by another instance meanwhile keeps its sealed file only if that row
// names it (a file no row names would never be swept).

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const later = (step: () => Promise<void> | void) => void cleanup.push(step);

async function hubAgain(dataDir: string): Promise<RunningHub> {
  const h = await startHub({ backup: false, dataDir });
  later(() => h.close());
  return h;
}

/** 5 s of a microphone's 20 ms Opus packets. */
const SOUND_PACKETS = 250;

describe('a hub that dies between sealing a recording and writing its row', () => {
  it('leaves the sealed file, which its next start records once', async () => {
    let died = false;
    const { h, judge, scene, rows, firstWrite, stop } = await recordedHearing(later, {
      camerasOff: true,
      store: (store) => ({
        ...store,
        stopped: () => {
          died = true;
          return Promise.reject(new Error('the hub died before writing the row'));
        },
        // a dead hub beats no more
        beat: (...args) => (died ? Promise.resolve() : store.beat(...args)),
      }),
    });
    const from = await packetsSent(judge);
    await firstWrite();
    await waitFor(async () => (await packetsSent(judge)) - from >= SOUND_PACKETS || null, '5 s of sound sent', 240_000);
    await stop();
    expect(died).toBe(true);

    const [open] = await rows();
    const recordingId = open!.recording_id;
    expect(open!.stopped_at).toBeNull();
    const { key } = recordingCloserOf(h);
    const sealed = await sealedDigest(key, recordingId, h.hub.files.recording(recordingId));
    expect(sealed).not.toBeNull();
    // the plain file is gone; the mark alone says a sealed file waits for its row
    expect(await fs.readdir(h.hub.files.recordingWorkDir)).toEqual([path.basename(sealedMark(h.hub.files.recordingWork(recordingId)))]);
    const stoppedEvents = async (hub: RunningHub) => (await hub.hub.cases.events(hub.hub.database, scene.caseId!)).map((e) => e.event).filter((e) => e.type === 'recording.stopped');
    expect(await stoppedEvents(h)).toEqual([]);
    // the mark holds how it ended, nothing personal
    expect(Object.keys(JSON.parse(await fs.readFile(sealedMark(h.hub.files.recordingWork(recordingId)), 'utf8')) as object).sort()).toEqual(['cause', 'seconds', 'stoppedAt']);
    await h.close();

    const restartedAt = Date.now();
    const again = await hubAgain(h.dataDir);
    const events = await stoppedEvents(again);
    // as the mark says it ended: stopped, its length from start to stop (5 s of sound and more)
    expect(events.map((e) => e.payload)).toEqual([{ roomId: expect.any(String), recordingId, cause: 'stopped', sha256: sealed!.sha256, size: sealed!.size, seconds: expect.any(Number) }]);
    expect((events[0]!.payload as { seconds: number }).seconds).toBeGreaterThanOrEqual(5);
    const row = await again.hub.database.db.selectFrom('room_recordings').selectAll().where('recording_id', '=', recordingId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ stop_cause: 'stopped', sha256: sealed!.sha256, seconds: (events[0]!.payload as { seconds: number }).seconds });
    expect(Date.parse(String(row.stopped_at))).toBeLessThan(restartedAt);
    expect(Number(row.size)).toBe(sealed!.size);
    expect(await fs.readdir(again.hub.files.recordingWorkDir).catch(() => [])).toEqual([]);
    // the file the row names is the recording: it opens to the sound sent
    const plain = path.join(again.dataDir, 'recorded.webm');
    const parts: Buffer[] = [];
    for await (const part of openRecordingRange(key, recordingId, again.hub.files.recording(recordingId), 0, sealed!.size - 1)) parts.push(part);
    await fs.writeFile(plain, Buffer.concat(parts));
    expect(audioSeconds(plain)).toBeGreaterThanOrEqual(4);
    await again.close();

    // a second start finds nothing more to record
    const third = await hubAgain(h.dataDir);
    expect(await stoppedEvents(third)).toHaveLength(1);
  }, 600_000);

  // Another instance closed the row as interrupted while this one could not beat (a long database
  // outage), as its stale check does: with this sealed file (found whole) or with none.
  for (const found of [true, false])
    it(`${found ? 'keeps its sealed file when another instance closed the row first naming it' : 'removes its sealed file when another instance closed the row first without it'}`, async () => {
      const { h, rows, firstWrite, stop, logged } = await recordedHearing(later, {
        camerasOff: true,
        store: (store) => ({
          ...store,
          stopped: async (scope, recordingId, s) => {
            const [open] = await store.open(scope, [recordingId]);
            const file = found ? { sha256: s.sha256, size: s.size } : { sha256: null, size: 0 };
            expect(await store.interrupted(scope, recordingId, open!.heartbeatAt, { stoppedAt: s.stoppedAt, seconds: s.seconds, ...file })).toBe(true);
            return store.stopped(scope, recordingId, s);
          },
        }),
      });
      await firstWrite();
      await stop();
      const [row] = await rows();
      expect(row!.stop_cause).toBe('interrupted');
      expect(logged.filter((l) => l.event === 'recording.closed_elsewhere')).toEqual([expect.objectContaining({ kept: found })]);
      const sealed = await sealedDigest(recordingCloserOf(h).key, row!.recording_id, h.hub.files.recording(row!.recording_id));
      if (found) expect(sealed).toEqual({ sha256: row!.sha256, size: Number(row!.size) });
      else expect(sealed).toBeNull();
      // the mark goes once the row is closed, whoever closed it
      expect(await fs.readdir(h.hub.files.recordingWorkDir)).toEqual([]);
    }, 600_000);
});
