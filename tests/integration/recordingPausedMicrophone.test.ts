import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../support/hubHarness.js';
import { audioSeconds, measuredStop, packetsSent, recordedHearing, silences } from '../support/recordedHearing.js';

// A hearing's floor pauses a microphone while another keeps talking: the recording goes on
// writing the talker's sound during the pause, and the sealed file has it throughout. ffmpeg's
// amix waits for a frame from every microphone it mixes, so a microphone paused mid-segment held
// the whole mix in ffmpeg's memory until the segment stopped (lost if the hub died). Now a
// segment takes in only the microphones that send, and the one before it records until the next
// one listens. Real mediasoup, the judge's tone at 440 Hz, the applicant's at 660 Hz, cameras off.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('a recording while a microphone is paused', () => {
  it('writes the other microphone’s sound during the pause, and keeps the tone throughout', async () => {
    const { h, judge, applicant, logged, written, firstWrite, stop, opened } = await recordedHearing((step) => cleanup.push(step), { camerasOff: true });
    /** Seconds of audio ffmpeg has written to the work folder so far (every segment's file). */
    const workAudio = async () => {
      const dir = h.hub.files.recordingWorkDir;
      const names = (await fs.readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.webm'));
      return names.reduce((sum, n) => sum + audioSeconds(path.join(dir, n)), 0);
    };
    // Waits on the files' sizes (cheap), then counts their audio once: an ffprobe every poll
    // would load the machine more than the recording does. 8 KB is a second of the 64 kb/s mix.
    const grown = (bytes: number) => waitFor(async () => (await written()) >= bytes || null, `${bytes} bytes written`, 240_000);
    // the judge talks throughout: the sound sent since the recording started, counted in packets
    const sent = () => packetsSent(judge);
    const from = await sent();
    const startedAt = await firstWrite();
    await grown(3 * 8_000);

    // The floor: the applicant's microphone is paused, the judge goes on talking.
    await applicant.audio.producer.pause();
    const atPause = await workAudio();
    // Sound written while the microphone is still paused, not held until the recording stops.
    await grown((await written()) + 10 * 8_000);
    const during = await workAudio();
    expect(applicant.audio.producer.paused).toBe(true);
    expect(during - atPause, `${atPause.toFixed(1)} s of audio written at the pause, ${during.toFixed(1)} s later`).toBeGreaterThanOrEqual(5);
    await applicant.audio.producer.resume();
    await grown((await written()) + 3 * 8_000);
    const { sound, wall, stopped } = await measuredStop(stop, judge, from, startedAt);
    expect(logged.filter((l) => l.event === 'recording.failed')).toEqual([]);
    expect(judge.audio.producer.paused).toBe(false);

    const file = await opened('paused-microphone.webm');
    const audio = audioSeconds(file);
    // The judge's tone alone (three narrow band-passes: the applicant's 660 Hz damped far below -40 dB).
    const judgeOnly = `${Array(3).fill('bandpass=f=440:width_type=h:w=60').join(',')},`;
    const judgeGaps = silences(file, 1, judgeOnly);
    const longest = Math.max(0, ...silences(file, 0.2, judgeOnly).map(([from, to]) => to - from));
    const figures = `wall ${wall.toFixed(1)} s from the first bytes written, audio ${audio.toFixed(1)} s, the judge's sound sent meanwhile ${sound.toFixed(1)} s, the judge's tone's longest silence ${longest.toFixed(2)} s, missing over 1 s ${JSON.stringify(judgeGaps)}, stopped in ${stopped.toFixed(1)} s`;
    console.log(`paused-microphone recording: ${figures}`);
    expect(judgeGaps, figures).toEqual([]);
    expect(audio / wall, figures).toBeGreaterThanOrEqual(0.9);
    // wall time counts from the first write: the sound sent since the recording started counts its start-up too
    expect(audio, figures).toBeGreaterThanOrEqual(0.95 * sound);
  }, 600_000);
});
