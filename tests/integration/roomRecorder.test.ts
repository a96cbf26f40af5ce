import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { getEventListeners } from 'node:events';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { types } from 'mediasoup';
import { afterEach, describe, expect, it } from 'vitest';
import { orphanRecorders } from '../../server/sfu/orphanRecorders.js';
import { RoomRecorder } from '../../server/sfu/recording.js';
import { RECORDING_GRID } from '../../server/sfu/recordingGrid.js';
import { SegmentedRecording } from '../../server/sfu/recordingSegments.js';
import { openRecordingRange, recordingKey, sealRecording } from '../../server/sfu/recordingSeal.js';
import { tempDir } from '../support/fixtures.js';
import { waitFor } from '../support/hubHarness.js';
import { participant, roomOf, routerOnWorker } from '../support/recordedRoom.js';

// The recorder on the real mediasoup worker with real media (ffmpeg sending Opus tones and VP8
// test patterns into the router, as a browser's producers would), recorded through
// PlainTransports: a room of three shows as a 640×360 grid with every participant's tone in the
// one mixed audio stream; a participant leaving starts a new segment and the joined file holds
// both; a sealed file shows no WebM magic and opens back to the same bytes. A stop ends ffmpeg's
// input by RTCP BYE, not by its 10 s timeout.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

type Probe = { streams: Array<{ codec_type: string; codec_name: string; width?: number; height?: number }>; format: { format_name: string; duration?: string } };
/** The streams as `kind:codec`, in a fixed order (a joined file may list them in another). */
const streamsOf = (p: Probe) => p.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort();
const videoOf = (p: Probe) => p.streams.find((s) => s.codec_type === 'video');
const probe = (file: string): Probe => JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]).toString()) as Probe;

/** The mean level (dB) of `file`'s audio, or of one band of it (a participant's tone). */
function meanVolume(file: string, band?: number): number {
  // Three narrow band-passes in a row: a neighbouring tone (220 Hz away) is damped by over 40 dB,
  // so a band is loud only if that participant's tone is in the mix.
  const filter = band ? `${Array(3).fill(`bandpass=f=${band}:width_type=h:w=60`).join(',')},volumedetect` : 'volumedetect';
  // volumedetect writes its figures on stderr.
  const out = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-i', file, '-map', '0:a:0', '-af', filter, '-f', 'null', '-']).stderr.toString();
  return Number(/mean_volume: (-?[\d.]+) dB/.exec(out)?.[1] ?? NaN);
}

const sizeOf = async (file: string) => (await fs.stat(file).catch(() => null))?.size ?? 0;
/** How many video packets (grid frames) `file` holds so far (0 while ffmpeg has written none, or it does not parse yet). */
function videoPackets(file: string): number {
  const out = spawnSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=nb_read_packets', '-of', 'csv=p=0', file]).stdout.toString();
  return Number(out.trim()) || 0;
}

/** Whether process `pid` still runs (a child of ours is reaped as it exits). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const join = (router: types.Router, n: number) => participant(router, n, (step) => cleanup.push(step));

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
    // the signal outlives the start (a recording's, seen by each of its segments): no listener is left on it
    const signal = new AbortController().signal;
    const recorder = await RoomRecorder.start(room.recordingSource(), { file, signal, onFailed: (r) => failures.push(r) });
    cleanup.push(async () => void (await recorder.stop()));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    // A few seconds of the grid and the mix (the header alone is a few hundred bytes).
    await waitFor(async () => (await sizeOf(file)) > 40_000 || null, 'the grid and the mix written', 240_000);
    await recorder.stop();
    expect(failures).toEqual([]);
    // ffmpeg's input was ended by the recorder's BYE, not by its 10 s timeout (which it reports)
    expect(recorder.complaints).not.toContain('timed out');

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
    const router = await routerOnWorker((step) => cleanup.push(step));
    const mediator = await join(router, 0);
    const applicant = await join(router, 1);
    const room = roomOf(router, [
      { ...mediator, role: 'mediator' },
      { ...applicant, role: 'applicant' },
    ]);

    const file = path.join(tempDir('segments-'), 'room.webm');
    const failures: string[] = [];
    const recording = await SegmentedRecording.start(room, { file, settleMs: 300, onFailed: (r) => failures.push(r) });
    cleanup.push(async () => void (await recording.stop()));
    await waitFor(async () => (await sizeOf(`${file}.part0.webm`)) > 40_000 || null, 'the first segment written', 240_000);
    const recorders = [...(await orphanRecorders(path.dirname(file))).keys()];
    expect(recorders).toHaveLength(1);
    const firstRecorder = recorders[0]!;

    // The applicant leaves: without a new segment the grid would wait for their tile for ever.
    applicant.audio.stop();
    applicant.video.stop();
    await waitFor(() => recording.segments === 2 || null, 'a second segment started');
    // The first segment records until the second one listens, then finishes its file (its
    // duration is written last) and its ffmpeg exits: probed once then, never while written.
    await waitFor(() => !running(firstRecorder) || null, 'the first segment’s ffmpeg ended', 240_000);
    const firstProbe = spawnSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', `${file}.part0.webm`]);
    const first = Number(firstProbe.stdout.toString().trim());
    expect(first, `the first segment's duration (ffprobe: ${firstProbe.stderr.toString()})`).toBeGreaterThan(0);
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
    const router = await routerOnWorker((step) => cleanup.push(step));
    const judge = await join(router, 0);
    const respondent = await join(router, 1);
    const room = roomOf(router, [
      { ...judge, role: 'judge' },
      { ...respondent, role: 'respondent' },
    ]);
    const file = path.join(tempDir('camera-off-'), 'room.webm');
    const failures: string[] = [];
    const recording = await SegmentedRecording.start(room, { file, settleMs: 300, onFailed: (r) => failures.push(r) });
    cleanup.push(async () => void (await recording.stop()));
    await waitFor(async () => (await sizeOf(`${file}.part0.webm`)) > 40_000 || null, 'the first segment written', 240_000);

    // The respondent turns the camera off (the hub pauses its producer; its packets stop): the
    // grid would wait for that tile for ever, so the next segment shows the judge alone.
    await respondent.video.producer.pause();
    await waitFor(() => recording.segments === 2 || null, 'a segment without the paused camera');
    // pictures, not only sound: a grid that waited for the paused camera would write audio alone
    await waitFor(() => videoPackets(`${file}.part1.webm`) >= 2 * RECORDING_GRID.fps || null, 'the grid going on while the camera is off', 240_000);
    await respondent.video.producer.resume();
    await waitFor(() => recording.segments === 3 || null, 'a segment with the camera back');
    await waitFor(() => videoPackets(`${file}.part2.webm`) >= 2 * RECORDING_GRID.fps || null, 'the grid with the camera back', 240_000);
    expect(await recording.stop()).toBeNull();
    expect(failures).toEqual([]);
    const joined = probe(file);
    expect(streamsOf(joined)).toEqual(['audio:opus', 'video:vp8']);
    // the respondent's voice is in the recording throughout, camera or not
    expect(meanVolume(file, 660)).toBeGreaterThan(-40);
  }, 600_000);
});
