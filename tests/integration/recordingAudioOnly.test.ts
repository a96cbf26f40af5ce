import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomRecorder } from '../../server/sfu/recording.js';
import { tempDir } from '../support/fixtures.js';
import { waitFor } from '../support/hubHarness.js';
import { participant, roomOf, routerOnWorker } from '../support/recordedRoom.js';

// An audio-only hearing (every camera off, common at a village kiosk with a bad uplink) keeps
// real time. Its black picture was a `realtime` filter in ffmpeg's graph, which sleeps in the one
// main loop that also reads the RTP inputs: on this shared 2-core machine a segment recorded
// 78 s of audio (12 s of it the tones) over 124 s of wall time, and wrote its first byte after
// 109 s. Now the picture is a lavfi input of its own read at native rate (recordingGrid.ts).
// Real mediasoup, two participants sending Opus tones with their cameras paused.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const sizeOf = async (file: string) => (await fs.stat(file).catch(() => null))?.size ?? 0;
/** Seconds of `file`'s audio: its packets' summed durations. */
function audioSeconds(file: string): number {
  const out = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'a:0', '-show_entries', 'packet=duration_time', '-of', 'csv=p=0', file]).toString();
  return out
    .split('\n')
    .map(Number)
    .filter((d) => d > 0)
    .reduce((a, b) => a + b, 0);
}
/** Seconds of `file`'s audio that are silent (under -40 dB for 50 ms or more): the tones missing. */
function silentSeconds(file: string): number {
  const out = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-i', file, '-map', '0:a:0', '-af', 'silencedetect=n=-40dB:d=0.05', '-f', 'null', '-']).stderr.toString();
  return [...out.matchAll(/silence_duration: ([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
}

describe('an audio-only recording', () => {
  it('records the wall time the microphones sent, with their sound in it, while every camera is off', async () => {
    const router = await routerOnWorker((step) => cleanup.push(step));
    const judge = await participant(router, 0, (step) => cleanup.push(step));
    const applicant = await participant(router, 1, (step) => cleanup.push(step));
    await judge.video.producer.pause();
    await applicant.video.producer.pause();
    const room = roomOf(router, [
      { ...judge, role: 'judge' },
      { ...applicant, role: 'applicant' },
    ]);
    const file = path.join(tempDir('audio-only-'), 'room.webm');
    const failures: string[] = [];
    const started = Date.now();
    const recorder = await RoomRecorder.start(room.recordingSource(), { file, onFailed: (r) => failures.push(r) });
    cleanup.push(async () => void (await recorder.stop()));
    /** Opus packets (20 ms each) the judge's microphone has sent so far. */
    const sent = async () => (await judge.audio.producer.getStats())[0]?.packetCount ?? 0;
    await waitFor(async () => (await sizeOf(file)) > 0 || null, 'ffmpeg writing the file', 240_000);
    const from = await sent();
    // 15 s of the microphones' sound, counted in packets, not waited for by the clock
    await waitFor(async () => (await sent()) - from >= 750 || null, '15 s of sound sent', 240_000);
    await recorder.stop();
    const wall = (Date.now() - started) / 1000;
    expect(failures).toEqual([]);

    const audio = audioSeconds(file);
    const heard = audio - silentSeconds(file);
    const figures = `wall ${wall.toFixed(1)} s, audio ${audio.toFixed(1)} s, tones heard ${heard.toFixed(1)} s`;
    // The file's audio spans the time it was recording (a recorder behind the clock writes less)…
    expect(audio / wall, figures).toBeGreaterThanOrEqual(0.85);
    // …and is the microphones' sound, not silence filling packets read too late. Lenient: a
    // sender starved on a busy machine leaves gaps of its own.
    expect(heard / wall, figures).toBeGreaterThanOrEqual(0.4);
  }, 600_000);
});
