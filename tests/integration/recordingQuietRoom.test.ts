import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { types } from 'mediasoup';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomScene } from '../../server/rooms/roomLog.js';
import { orphanRecorders } from '../../server/sfu/orphanRecorders.js';
import { Recordings } from '../../server/sfu/recordings.js';
import type { RecordedRoom } from '../../server/sfu/recordingSegments.js';
import { openRecordingRange } from '../../server/sfu/recordingSeal.js';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { receiveDispute } from '../support/dashboardViewers.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { participant, roomOf, routerOnWorker, type Participant } from '../support/recordedRoom.js';
import { recordingCloserOf } from '../support/recordingCloser.js';

// A hearing's recording goes on through a quiet room, on both engines: with every microphone
// paused (the floor rule) and every camera off, nothing reaches ffmpeg, and its SDP input gives
// up after its listen timeout; the recording then ended as failed although the hearing went on.
// Now the segment under way ends cleanly when nothing is sent and the next starts when someone
// sends again; the case gets one recording.stopped (stopped, with the sealed file's sha256). A
// recorder that truly dies (its ffmpeg killed) still ends the recording as failed.
// The room is real mediasoup with ffmpeg senders (tests/support/recordedRoom.ts), the recording
// the hub's own Recordings on the hub's database and files.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const later = (step: () => Promise<void> | void) => cleanup.push(step);

type Logged = { event?: string } & Record<string, unknown>;

/** A hub's Recordings following a real room of a judge and an applicant, for a case of the hub. */
async function recordedHearing() {
  const h: RunningHub = await startHub({ backup: false });
  later(() => h.close());
  const router: types.Router = await routerOnWorker(later);
  const judge = await participant(router, 0, later);
  const applicant = await participant(router, 1, later);
  const room: RecordedRoom = roomOf(router, [
    { ...judge, role: 'judge' },
    { ...applicant, role: 'applicant' },
  ]);
  const caseId = await receiveDispute(h.hub, HALL_SITE_ID, 'kiosk');
  const callId = `quiet-${caseId}`;
  const logged: Logged[] = [];
  const log = { info: (fields: object) => void logged.push(fields as Logged), warn: (fields: object) => void logged.push(fields as Logged) };
  const closer = recordingCloserOf(h);
  const recordings = new Recordings(
    {
      ...closer,
      sfu: { hosts: () => true, ready: () => Promise.resolve(room) },
      caseOf: () => Promise.resolve(caseId),
      plainFile: h.hub.files.recordingWork,
      retentionDays: 365,
      log,
    },
    true,
  );
  later(() => recordings.close());
  const scene: RoomScene = { callId, submissionId: null, caseId };
  let ended = 0;
  recordings.effect(scene, { kind: 'started' }, null, () => ended++);
  await recordings.settled(callId);
  const events = async () => (await h.hub.cases.events(h.hub.database, caseId)).map((e) => e.event).filter((e) => e.type.startsWith('recording.'));
  const rows = () => h.hub.database.db.selectFrom('room_recordings').selectAll().where('call_id', '=', callId).execute();
  /** Bytes ffmpeg has written to the recording's segments in the work folder so far. */
  const written = async () => {
    const dir = h.hub.files.recordingWorkDir;
    const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.webm'));
    const sizes = await Promise.all(names.map(async (n) => (await fs.stat(path.join(dir, n)).catch(() => null))?.size ?? 0));
    return sizes.reduce((a, b) => a + b, 0);
  };
  return { h, recordings, scene, callId, judge, applicant, logged, events, rows, written, ended: () => ended };
}

/** A WebM file's duration in seconds, as ffprobe reads it. */
const duration = (file: string) => Number(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString().trim());

const everyone = (people: Participant[]) => people.flatMap((p) => [p.audio.producer, p.video.producer]);

describe('a recording through a quiet room', () => {
  it('goes on while every microphone is paused and every camera is off, and keeps what was said before and after', async () => {
    const { h, recordings, scene, callId, judge, applicant, logged, events, rows, written, ended } = await recordedHearing();
    await waitFor(async () => (await written()) > 40_000 || null, 'the first segment written', 240_000);

    // The floor rule pauses the microphones, and both cameras go off: nothing reaches ffmpeg.
    for (const p of everyone([judge, applicant])) await p.pause();
    // Either the recording notices the quiet room, or (the defect) its ffmpeg gives up and the recording fails.
    const outcome = await waitFor(() => logged.find((l) => l.event === 'recording.quiet' || l.event === 'recording.failed') ?? null, 'the recording to notice the quiet room', 240_000);
    expect(outcome.event, JSON.stringify(outcome)).toBe('recording.quiet');
    // No recorder runs while nothing is sent, so none can give up on a silent input.
    expect((await orphanRecorders(h.hub.files.recordingWorkDir)).size).toBe(0);
    const before = await written();
    const [open] = await rows();
    const first = duration(`${h.hub.files.recordingWork(open!.recording_id)}.part0.webm`);

    // The judge opens the floor and turns the camera on: the recording goes on in a new segment.
    // (Every microphone back: a segment that starts while one is paused writes nothing until it
    // stops, amix waiting for that input.)
    await judge.audio.producer.resume();
    await applicant.audio.producer.resume();
    await judge.video.producer.resume();
    await waitFor(async () => (await written()) > before + 20_000 || null, 'a segment after the quiet', 240_000);
    recordings.effect(scene, { kind: 'stopped', cause: 'stopped' }, null, () => undefined);
    await recordings.settled(callId);

    expect(logged.filter((l) => l.event === 'recording.failed')).toEqual([]);
    expect(ended()).toBe(0);
    const stopped = await events();
    expect(stopped.map((e) => e.type)).toEqual(['recording.started', 'recording.stopped']);
    expect(stopped[1]!.payload).toMatchObject({ cause: 'stopped' });
    const [row] = await rows();
    expect(row).toMatchObject({ stop_cause: 'stopped' });
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // The sealed file opens to one WebM holding both segments: the quiet time is a gap, not lost sound.
    const plain = path.join(h.dataDir, 'quiet-open.webm');
    await fs.writeFile(plain, Buffer.concat(await openAll(h, row!.recording_id, Number(row!.size))));
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', plain]).toString()) as { streams: Array<{ codec_type: string }> };
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(duration(plain)).toBeGreaterThan(first + 1);
  }, 600_000);

  it('still ends as failed when the recorder truly dies (its ffmpeg killed), and the hearing is told', async () => {
    const { h, logged, events, rows, written, ended } = await recordedHearing();
    await waitFor(async () => (await written()) > 20_000 || null, 'the first segment written', 240_000);
    const running = await orphanRecorders(h.hub.files.recordingWorkDir);
    expect(running.size).toBe(1);
    for (const pid of running.keys()) process.kill(pid, 'SIGKILL');

    await waitFor(async () => (await rows())[0]?.stop_cause ?? null, 'the recording closed', 240_000);
    expect(logged.find((l) => l.event === 'recording.failed')).toMatchObject({ reason: expect.stringContaining('ffmpeg stopped') });
    await waitFor(() => ended() === 1 || null, 'the room told that the recording ended');
    const stopped = await events();
    expect(stopped.map((e) => e.type)).toEqual(['recording.started', 'recording.stopped']);
    expect(stopped[1]!.payload).toMatchObject({ cause: 'failed' });
  }, 600_000);
});

/** The sealed recording's plain bytes, through the hub's own key. */
async function openAll(h: RunningHub, recordingId: string, size: number): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  for await (const part of openRecordingRange(recordingCloserOf(h).key, recordingId, h.hub.files.recording(recordingId), 0, size - 1)) parts.push(part);
  return parts;
}
