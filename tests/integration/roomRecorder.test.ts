import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { types } from 'mediasoup';
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomRole } from '../../shared/rooms/roleTable.js';
import { RoomRecorder } from '../../server/sfu/recording.js';
import { RECORDING_GRID } from '../../server/sfu/recordingGrid.js';
import { orphanRecorders, stopOrphanRecorders } from '../../server/sfu/orphanRecorders.js';
import { SegmentedRecording, type RecordedRoom } from '../../server/sfu/recordingSegments.js';
import { openRecordingRange, recordingKey, sealRecording } from '../../server/sfu/recordingSeal.js';
import { tempDir } from '../support/fixtures.js';
import { waitFor } from '../support/hubHarness.js';
import { meanVolume, packets, participant, roomOf, routerOnWorker, type Participant } from '../support/recordedRoom.js';

// The recorder on the real mediasoup worker with real media (ffmpeg sending Opus tones and VP8
// test patterns into the router, as a browser's producers would), recorded through
// PlainTransports: a room of three shows as a 640×360 grid with every participant's tone in the
// one mixed audio stream; a participant leaving starts a new segment and the joined file holds
// both; a sealed file shows no WebM magic and opens back to the same bytes.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

type Probe = { streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number }>; format: { format_name: string; duration?: string } };
/** The streams as `kind:codec`, in a fixed order (a joined file may list them in another). */
const streamsOf = (p: Probe) => p.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort();
const videoOf = (p: Probe) => p.streams.find((s) => s.codec_type === 'video');
const probe = (file: string): Probe => JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]).toString()) as Probe;

const sizeOf = async (file: string) => (await fs.stat(file).catch(() => null))?.size ?? 0;
const join = (router: types.Router, n: number) => participant(router, n, (step) => cleanup.push(step));

/** Participants 0 and 1 in a room on a router of their own, with these roles. */
async function twoInRoom(first: RoomRole, second: RoomRole): Promise<[Participant, Participant, RecordedRoom]> {
  const router = await routerOnWorker((step) => cleanup.push(step));
  const a = await join(router, 0);
  const b = await join(router, 1);
  return [
    a,
    b,
    roomOf(router, [
      { ...a, role: first },
      { ...b, role: second },
    ]),
  ];
}

/** A segmented recording of `room` into a folder of its own (a 300 ms settle), stopped after the test. */
async function segmented(room: RecordedRoom, folder: string) {
  const file = path.join(tempDir(folder), 'room.webm');
  const failures: string[] = [];
  const recording = await SegmentedRecording.start(room, { file, settleMs: 300, onFailed: (r) => failures.push(r) });
  cleanup.push(async () => void (await recording.stop()));
  return { file, failures, recording };
}

describe('room recorder', () => {
  it('records three participants as a labelled grid with every one of their tones in the mixed audio', async () => {
    const router = await routerOnWorker((step) => cleanup.push(step));
    const judge = await join(router, 0);
    const applicant = await join(router, 1);
    const respondent = await join(router, 2);
    const room = roomOf(router, [
      { ...applicant, role: 'applicant' },
      { ...respondent, role: 'respondent' },
      { ...judge, role: 'judge' },
    ]);

    const dir = tempDir('recorder-');
    const file = path.join(dir, 'room.webm');
    const failures: string[] = [];
    const recorder = await RoomRecorder.start(room.recordingSource(), { file, onFailed: (r) => failures.push(r) });
    cleanup.push(async () => void (await recorder.stop()));
    // A few seconds of the grid and the mix (the header alone is a few hundred bytes).
    await waitFor(async () => (await sizeOf(file)) > 40_000 || null, 'the grid and the mix written', 240_000);
    await recorder.stop();
    expect(failures).toEqual([]);

    const p = probe(file);
    expect(p.format.format_name).toContain('webm');
    expect(streamsOf(p)).toEqual(['audio:opus', 'video:vp8']);
    expect(videoOf(p)).toMatchObject({ width: RECORDING_GRID.width, height: RECORDING_GRID.height });
    // One audio stream, not silent, holding each participant's tone (440, 660, 880 Hz).
    expect(meanVolume(file)).toBeGreaterThan(-40);
    const bands = [440, 660, 880].map((f) => meanVolume(file, f));
    expect(
      bands.every((level) => level > -40),
      `tone levels ${bands.join(', ')} dB`,
    ).toBe(true);
    // A frame of the grid, for a person to look at.
    const shot = path.resolve('test-results/screenshots/recording-grid.png');
    await fs.mkdir(path.dirname(shot), { recursive: true });
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', file, '-map', '0:v:0', '-update', '1', '-y', shot]);
    expect((await fs.stat(shot)).size).toBeGreaterThan(0);
    expect((await fs.stat(shot)).size).toBeGreaterThan(0);

    const key = recordingKey(randomBytes(32));
    const plain = await fs.readFile(file);
    const sealed = await sealRecording(key, 'rec-1', file, path.join(dir, 'room.sealed'));
    expect(sealed.size).toBe(plain.length);
    expect((await fs.readFile(path.join(dir, 'room.sealed'))).includes(plain.subarray(0, 4))).toBe(false);
    const parts: Buffer[] = [];
    for await (const part of openRecordingRange(key, 'rec-1', path.join(dir, 'room.sealed'), 0, plain.length - 1)) parts.push(part);
    expect(Buffer.concat(parts).equals(plain)).toBe(true);
  }, 600_000);

  it('goes on in a new segment when a participant leaves, and joins the segments into one file', async () => {
    const [, applicant, room] = await twoInRoom('mediator', 'applicant');

    const { file, failures, recording } = await segmented(room, 'segments-');
    await waitFor(async () => (await sizeOf(`${file}.part0.webm`)) > 40_000 || null, 'the first segment written', 240_000);

    // The applicant leaves: without a new segment the grid would wait for their tile for ever.
    applicant.audio.stop();
    applicant.video.stop();
    await waitFor(() => recording.segments === 2 || null, 'a second segment started');
    const first = Number(probe(`${file}.part0.webm`).format.duration);
    await waitFor(async () => (await sizeOf(`${file}.part1.webm`)) > 40_000 || null, 'the second segment written', 240_000);
    expect(await recording.stop()).toBeNull();
    expect(failures).toEqual([]);

    const joined = probe(file);
    expect(streamsOf(joined)).toEqual(['audio:opus', 'video:vp8']);
    expect(videoOf(joined)).toMatchObject({ width: RECORDING_GRID.width, height: RECORDING_GRID.height });
    expect(Number(joined.format.duration)).toBeGreaterThan(first + 1);
    // The segments are gone: only the joined file is sealed.
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['room.webm']);
    expect(meanVolume(file, 440)).toBeGreaterThan(-40);
  }, 600_000);

  it('goes on while a camera is off: its tile leaves the grid in a new segment and comes back when it is on', async () => {
    const [, respondent, room] = await twoInRoom('judge', 'respondent');
    const { file, failures, recording } = await segmented(room, 'camera-off-');
    await waitFor(async () => (await sizeOf(`${file}.part0.webm`)) > 40_000 || null, 'the first segment written', 240_000);

    // The respondent turns the camera off (the hub pauses its producer; its packets stop): the
    // grid would wait for that tile for ever, so the next segment shows the judge alone.
    await respondent.video.producer.pause();
    await waitFor(() => recording.segments === 2 || null, 'a segment without the paused camera');
    // pictures, not only sound: a grid that waited for the paused camera would write audio alone
    await waitFor(() => packets('v', `${file}.part1.webm`) >= 2 * RECORDING_GRID.fps || null, 'the grid going on while the camera is off', 240_000);
    await respondent.video.producer.resume();
    await waitFor(() => recording.segments === 3 || null, 'a segment with the camera back');
    await waitFor(() => packets('v', `${file}.part2.webm`) >= 2 * RECORDING_GRID.fps || null, 'the grid with the camera back', 240_000);
    expect(await recording.stop()).toBeNull();
    expect(failures).toEqual([]);
    const joined = probe(file);
    expect(streamsOf(joined)).toEqual(['audio:opus', 'video:vp8']);
    // the respondent's voice is in the recording throughout, camera or not
    expect(meanVolume(file, 660)).toBeGreaterThan(-40);
  }, 600_000);

  it('keeps writing sound while one microphone is paused mid-segment and another speaks', async () => {
    const [, applicant, room] = await twoInRoom('judge', 'applicant');
    const { file, failures, recording } = await segmented(room, 'mic-paused-');
    /** Audio packets written so far, over every segment. */
    const sound = () => Array.from({ length: recording.segments }, (_, i) => packets('a', `${file}.part${i}.webm`)).reduce((a, b) => a + b, 0);
    await waitFor(() => sound() >= 100 || null, 'the first segment writing sound', 240_000);

    // The floor rule pauses the applicant's microphone while the judge speaks on.
    await applicant.audio.producer.pause();
    const before = sound();
    // Ten seconds more of Opus (20 ms packets) written before stop, more than ffmpeg holds back
    // at any time: a mix waiting for the paused input would write none.
    await waitFor(() => sound() >= before + 500 || null, 'sound written after the pause', 240_000);
    // the same segment: the graph was configured before the pause
    expect(recording.segments).toBe(1);
    expect(await recording.stop()).toBeNull();
    expect(failures).toEqual([]);
    expect(meanVolume(file, 440)).toBeGreaterThan(-40);
  }, 600_000);

  it('ends a first segment the room changed under while it started, one recorder running at a time', async () => {
    const [, respondent, room] = await twoInRoom('judge', 'respondent');
    const dir = tempDir('first-change-');
    const file = path.join(dir, 'room.webm');
    const failures: string[] = [];
    // A settle shorter than any start: the next segment is due while the first still starts.
    const starting = SegmentedRecording.start(room, { file, settleMs: 1, onFailed: (r) => failures.push(r) });
    // a recorder left running by the defect must not outlive the test
    cleanup.push(async () => void (await stopOrphanRecorders(dir)));
    // The respondent turns the camera off while the first segment starts.
    await respondent.video.producer.pause();
    const recording = await starting;
    cleanup.push(async () => void (await recording.stop()));
    await waitFor(() => recording.segments === 2 || null, 'a segment without the paused camera', 240_000);
    await waitFor(() => packets('v', `${file}.part1.webm`) >= 2 * RECORDING_GRID.fps || null, 'the second segment written', 240_000);
    // The first ended once started: only the second's ffmpeg runs.
    await waitFor(async () => (await orphanRecorders(dir)).size === 1 || null, 'the first segment ended', 240_000);
    expect(await recording.stop()).toBeNull();
    expect(failures).toEqual([]);
    expect((await orphanRecorders(dir)).size).toBe(0);
    expect(streamsOf(probe(file))).toEqual(['audio:opus', 'video:vp8']);
  }, 600_000);
});
