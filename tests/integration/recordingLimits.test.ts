import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeStaleRecordings } from '../../server/sfu/interruptedRecordings.js';
import { orphanRecorders } from '../../server/sfu/orphanRecorders.js';
import { RECORDER_TIMING } from '../../server/sfu/recordingTiming.js';
import { CHUNK, openRecordingRange } from '../../server/sfu/recordingSeal.js';
import { SegmentedRecording } from '../../server/sfu/recordingSegments.js';
import { recordingStore, type RecordingStore } from '../../server/sfu/recordingStore.js';
import { tempDir } from '../support/fixtures.js';
import { startHub, waitFor } from '../support/hubHarness.js';
import { audioSeconds, duration, frozenRecorder, recordedHearing } from '../support/recordedHearing.js';
import { recordingCloserOf } from '../support/recordingCloser.js';
import { participant, roomOf, routerOnWorker } from '../support/recordedRoom.js';

// A recorder's time limits (server/sfu/recordingTiming.ts, RECORDER_TIMING), each given small here so
// that the test waits for what they do, never for a time. A stop lets ffmpeg drain what it read,
// but only until its deadline: an ffmpeg that never ends on its own (frozen here, SIGSTOP, as a
// starved or stuck process) is interrupted, then killed, and what it wrote is salvaged and sealed;
// closing the hub shortens every stop, so the close is bounded. A room's next recording starts at
// once, not after the last one's drain. A segment whose ffmpeg never listens takes nothing over:
// the one before goes on recording, and the failure is reported. The file steps after a stop are
// bounded too: a join past its limit keeps every segment and the row open for the next start; a
// salvage past it keeps the file as ffmpeg wrote it, names it in the row and the case's event,
// and the recording ends as failed; a seal is bounded only where a step stalls (a
// hung files folder), and then keeps the plain file for the next start. Real mediasoup, real ffmpeg.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const later = (step: () => Promise<void> | void) => cleanup.push(step);

const freezeRecorder = (workDir: string) => frozenRecorder(workDir, later);

const gone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
};

describe('a recorder’s time limits', () => {
  it('ends a stop whose ffmpeg never ends on its own at the deadline, and keeps what it wrote', async () => {
    const timing = { ...RECORDER_TIMING, stop: { interruptMs: 50, killMs: 200 } };
    const { h, written, stop, rows, events, opened, logged } = await recordedHearing(later, { camerasOff: true, timing });
    await waitFor(async () => (await written()) >= 3 * 8_000 || null, 'three seconds of sound written', 240_000);
    const pid = await freezeRecorder(h.hub.files.recordingWorkDir);
    await stop();
    expect(gone(pid)).toBe(true);
    expect(logged.filter((l) => l.event === 'recording.failed')).toEqual([]);
    const [row] = await rows();
    expect(row).toMatchObject({ stop_cause: 'stopped' });
    // salvaged: the cut file copied into a whole WebM, sealed, its sha256 in the case's event
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await events()).map((e) => e.type)).toEqual(['recording.started', 'recording.stopped']);
    const file = await opened('frozen-stop.webm');
    expect(audioSeconds(file)).toBeGreaterThanOrEqual(2);
    expect(duration(file)).toBeGreaterThanOrEqual(2);
  }, 600_000);

  it('keeps every segment and the row open when their join runs past its limit, for the next start', async () => {
    // a limit already passed, whatever the segments' size (joinLimitMs adds a second per MiB)
    const timing = { ...RECORDER_TIMING, joinMs: -3_600_000 };
    const { h, applicant, stop, rows, events, logged } = await recordedHearing(later, { camerasOff: true, timing });
    const [started] = await rows();
    const part = (n: number) => `${h.hub.files.recordingWork(started!.recording_id)}.part${n}.webm`;
    const sizeOf = async (file: string) => (await fs.stat(file).catch(() => null))?.size ?? 0;
    await waitFor(async () => (await sizeOf(part(0))) >= 2 * 8_000 || null, 'the first segment written', 240_000);
    // the floor pauses the applicant: the next segment mixes the judge alone
    await applicant.audio.producer.pause();
    await waitFor(async () => (await sizeOf(part(1))) >= 2 * 8_000 || null, 'the second segment written', 240_000);
    await stop();
    expect(logged.filter((l) => l.event === 'recording.error')).toEqual([expect.objectContaining({ errName: 'JoinPastLimit' })]);
    const [row] = await rows();
    expect(row).toMatchObject({ stop_cause: null });
    expect((await events()).map((e) => e.type)).toEqual(['recording.started']);
    // nothing chosen away: both segments stay whole for the next start's salvage
    expect(await sizeOf(part(0))).toBeGreaterThanOrEqual(2 * 8_000);
    expect(await sizeOf(part(1))).toBeGreaterThanOrEqual(2 * 8_000);
  }, 600_000);

  it('keeps every segment and the row open when their join fails for another reason, for the next start', async () => {
    const { h, recordings, applicant, stop, rows, events, logged } = await recordedHearing(later, { camerasOff: true });
    const [started] = await rows();
    const id = started!.recording_id;
    const plain = h.hub.files.recordingWork(id);
    const part = (n: number) => `${plain}.part${n}.webm`;
    const sizeOf = async (file: string) => (await fs.stat(file).catch(() => null))?.size ?? 0;
    // the join's list of segments cannot be written (a folder where it goes): the join fails at once
    await fs.mkdir(`${plain}.segments.txt`, { recursive: true });
    await waitFor(async () => (await sizeOf(part(0))) >= 2 * 8_000 || null, 'the first segment written', 240_000);
    await applicant.audio.producer.pause();
    await waitFor(async () => (await sizeOf(part(1))) >= 2 * 8_000 || null, 'the second segment written', 240_000);
    await stop();
    expect(logged.filter((l) => l.event === 'recording.error')).toEqual([expect.objectContaining({ recordingId: started!.recording_id })]);
    const [row] = await rows();
    expect(row).toMatchObject({ stop_cause: null });
    expect((await events()).map((e) => e.type)).toEqual(['recording.started']);
    // not the longest alone: both segments stay whole for the next start's salvage
    const sizes = [await sizeOf(part(0)), await sizeOf(part(1))];
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2 * 8_000);
    const seconds = [audioSeconds(part(0)), audioSeconds(part(1))];
    // the next start closes it with both, joined
    await fs.rmdir(`${plain}.segments.txt`);
    await recordings.close();
    await h.close();
    const again = await startHub({ backup: false, dataDir: h.dataDir });
    later(() => again.close());
    const row2 = await again.hub.database.db.selectFrom('room_recordings').selectAll().where('recording_id', '=', id).executeTakeFirstOrThrow();
    expect(row2).toMatchObject({ stop_cause: 'interrupted' });
    const parts: Buffer[] = [];
    for await (const chunk of openRecordingRange(recordingCloserOf(again).key, id, again.hub.files.recording(id), 0, Number(row2.size) - 1)) parts.push(chunk);
    const file = path.join(again.dataDir, 'join-failed.webm');
    await fs.writeFile(file, Buffer.concat(parts));
    // the sound of both, not of the longer alone
    expect(audioSeconds(file)).toBeGreaterThanOrEqual(seconds[0]! + seconds[1]! - 0.5);
    expect(Math.min(...seconds)).toBeGreaterThan(0.5);
  }, 600_000);

  it('keeps what a cut-short ffmpeg wrote as it is when the salvage runs past its limit: the recording failed, that file named', async () => {
    // a limit already passed, whatever the files' size (a second per MiB is added)
    const timing = { ...RECORDER_TIMING, stop: { interruptMs: 50, killMs: 200 }, salvageMs: -3_600_000 };
    const { h, written, stop, rows, opened, logged } = await recordedHearing(later, { camerasOff: true, timing });
    await waitFor(async () => (await written()) >= 3 * 8_000 || null, 'three seconds of sound written', 240_000);
    await freezeRecorder(h.hub.files.recordingWorkDir);
    await stop();
    expect(logged.filter((l) => l.event === 'recording.segments')).toEqual([expect.objectContaining({ reason: expect.stringContaining('salvage') })]);
    const [row] = await rows();
    expect(row).toMatchObject({ stop_cause: 'failed' });
    expect(Number(row!.size)).toBeGreaterThanOrEqual(3 * 8_000);
    // the file as ffmpeg wrote it (no cues): its sound still reads
    expect(audioSeconds(await opened('salvage-past-limit.webm'))).toBeGreaterThanOrEqual(2);
  }, 600_000);

  it('keeps the plain file and the row open when a step of the seal stalls past its limit, for the next start; lets go of it once its row is closed otherwise', async () => {
    const timing = { ...RECORDER_TIMING, sealMs: 200 };
    let beats = 0;
    const counted = (store: RecordingStore): RecordingStore => ({ ...store, beat: (...args) => (beats++, store.beat(...args)) });
    const { h, recordings, written, stop, rows, events, logged } = await recordedHearing(later, { camerasOff: true, timing, heartbeatMs: 100, store: counted });
    const [started] = await rows();
    const id = started!.recording_id;
    // the sealed file's .partial a pipe nobody reads, as a hung files folder: the first chunk's write never returns
    await fs.mkdir(path.dirname(h.hub.files.recording(id)), { recursive: true });
    execFileSync('mkfifo', [`${h.hub.files.recording(id)}.partial`]);
    const reader = await fs.open(`${h.hub.files.recording(id)}.partial`, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    later(() => reader.close());
    await waitFor(async () => (await written()) >= 2 * CHUNK || null, 'two chunks written', 240_000);
    await stop();
    expect(logged.filter((l) => l.event === 'recording.error')).toEqual([expect.objectContaining({ recordingId: id, errName: 'SealStalled' })]);
    const [row] = await rows();
    expect(row).toMatchObject({ stop_cause: null });
    expect((await events()).map((e) => e.type)).toEqual(['recording.started']);
    // the whole recording, plain, for the next start to salvage and seal; no mark says it was sealed
    expect((await fs.stat(h.hub.files.recordingWork(id))).size).toBeGreaterThanOrEqual(2 * CHUNK);
    expect((await fs.readdir(h.hub.files.recordingWorkDir)).filter((n) => n.endsWith('.sealed'))).toEqual([]);
    // Nothing else records here, yet the row is beaten past the stale limit: another instance's stale check leaves it open.
    const staleMs = 1_000;
    const held = Date.parse(row!.heartbeat_at!);
    await waitFor(async () => Date.parse((await rows())[0]!.heartbeat_at!) - held > staleMs, 'beats past the stale limit');
    expect(await closeStaleRecordings({ ...recordingCloserOf(h), staleMs }, 'other-instance')).toBe(0);
    expect((await rows())[0]).toMatchObject({ stop_cause: null, stopped_at: null });
    expect((await fs.stat(h.hub.files.recordingWork(id))).size).toBeGreaterThanOrEqual(2 * CHUNK);
    // Its row closed otherwise (here as another instance would, past a long outage): the hub lets
    // go of it at its next beat, removes its plain work files (nothing will seal them: personal
    // data in the clear), and with nothing else recording beats no more.
    expect(recordings.holding()).toEqual([id]);
    const workFiles = async () => (await fs.readdir(h.hub.files.recordingWorkDir)).filter((n) => n.startsWith(`${id}.`));
    expect(await workFiles()).not.toEqual([]);
    expect(await recordingStore.stopped(h.hub.database, id, { stoppedAt: new Date().toISOString(), cause: 'interrupted', sha256: null, size: 0, seconds: 0 })).toBe(true);
    await waitFor(() => recordings.holding().length === 0, 'the closed recording let go');
    await waitFor(async () => (await workFiles()).length === 0, 'its plain work files removed');
    const before = beats;
    expect(await recordings.beat()).toBe(false);
    expect(beats).toBe(before);
  }, 600_000);

  it('closes the hub’s recordings within the closing deadline, a stop under way included', async () => {
    // the stop's own deadline is the real one (a minute and more): only the close may end it
    const timing = { ...RECORDER_TIMING, closing: { interruptMs: 0, killMs: 200 } };
    const { h, recordings, scene, written, rows } = await recordedHearing(later, { camerasOff: true, timing });
    await waitFor(async () => (await written()) >= 3 * 8_000 || null, 'three seconds of sound written', 240_000);
    const pid = await freezeRecorder(h.hub.files.recordingWorkDir);
    recordings.effect(scene, { kind: 'stopped', cause: 'stopped' }, null, () => undefined);
    await recordings.close();
    expect(gone(pid)).toBe(true);
    const [row] = await rows();
    expect(row).toMatchObject({ stop_cause: 'stopped' });
    expect(row!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await orphanRecorders(h.hub.files.recordingWorkDir)).toEqual(new Map());
    // a start after the close is refused: an ffmpeg started now would be stopped by nothing
    let ended = false;
    recordings.effect(scene, { kind: 'started' }, null, () => (ended = true));
    await recordings.settled(scene.callId);
    expect(ended).toBe(true);
    expect(await rows()).toHaveLength(1);
    expect(await orphanRecorders(h.hub.files.recordingWorkDir)).toEqual(new Map());
  }, 600_000);

  it('starts a room’s next recording at once while the last one still drains', async () => {
    const timing = { ...RECORDER_TIMING, closing: { interruptMs: 0, killMs: 200 } };
    const { h, recordings, scene, written, rows, events } = await recordedHearing(later, { camerasOff: true, timing });
    await waitFor(async () => (await written()) > 0 || null, 'the first recording written', 240_000);
    const [first] = await rows();
    // Its ffmpeg never finishes by itself: the stop waits (up to its real deadline, over a minute).
    await freezeRecorder(h.hub.files.recordingWorkDir);
    const writtenBefore = await written();
    recordings.effect(scene, { kind: 'stopped', cause: 'stopped' }, null, () => undefined);
    recordings.effect(scene, { kind: 'started' }, null, () => undefined);
    // The second recording's row, and its ffmpeg writing, while the first is still open.
    const second = await waitFor(async () => (await rows()).find((r) => r.recording_id !== first!.recording_id) ?? null, 'a second recording', 240_000);
    await waitFor(async () => (await written()) > writtenBefore || null, 'the second recording written', 240_000);
    expect((await rows()).find((r) => r.recording_id === first!.recording_id)).toMatchObject({ stop_cause: null });

    await recordings.close();
    const closed = await rows();
    expect(closed.find((r) => r.recording_id === first!.recording_id)).toMatchObject({ stop_cause: 'stopped' });
    expect(closed.find((r) => r.recording_id === second.recording_id)).toMatchObject({ stop_cause: 'room_closed' });
    const types = (await events()).map((e) => `${e.type}:${(e.payload as { recordingId: string }).recordingId === first!.recording_id ? 1 : 2}`);
    expect(types.sort()).toEqual(['recording.started:1', 'recording.started:2', 'recording.stopped:1', 'recording.stopped:2']);
  }, 600_000);

  it('keeps the segment under way when the next one’s ffmpeg never listens, and reports it', async () => {
    const router = await routerOnWorker(later);
    const judge = await participant(router, 0, later);
    const applicant = await participant(router, 1, later);
    for (const p of [judge, applicant]) {
      await p.video.producer.pause();
      p.video.silence();
    }
    // The applicant's microphone starts paused: the first segment mixes the judge alone, and
    // the applicant speaking starts the next.
    await applicant.audio.producer.pause();
    const room = roomOf(router, [
      { ...judge, role: 'judge' },
      { ...applicant, role: 'applicant' },
    ]);
    const dir = tempDir('never-listens-');
    // ffmpeg for the first segment; for any later one, a process that never binds a port.
    const ffmpeg = path.join(dir, 'ffmpeg-once');
    await fs.writeFile(ffmpeg, '#!/bin/sh\ncase "$*" in *.part0.webm*) exec ffmpeg "$@" ;; esac\nexec sleep 600\n', { mode: 0o755 });
    const file = path.join(dir, 'room.webm');
    const failures: string[] = [];
    const timing = { ...RECORDER_TIMING };
    const recording = await SegmentedRecording.start(room, { file, ffmpeg, settleMs: 300, timing, onFailed: (r) => failures.push(r) });
    later(async () => void (await recording.stop()));
    const size = async () => (await fs.stat(`${file}.part0.webm`).catch(() => null))?.size ?? 0;
    await waitFor(async () => (await size()) >= 2 * 8_000 || null, 'the first segment written', 240_000);

    // The first ffmpeg listens (however slowly the machine starts it); the next is given 0.1 s, read as it starts.
    timing.listenMs = 100;
    await applicant.audio.producer.resume();
    await waitFor(() => failures.length > 0 || null, 'the next segment failing', 240_000);
    expect(failures).toEqual([expect.stringContaining('did not listen')]);
    expect(recording.segments).toBe(2);
    // Not handed over: the first segment goes on writing the judge's sound.
    const atFailure = await size();
    await waitFor(async () => (await size()) >= atFailure + 2 * 8_000 || null, 'the first segment going on', 240_000);
    expect(await recording.stop()).toBeNull();
    expect(failures).toHaveLength(1);
    expect(audioSeconds(file)).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
