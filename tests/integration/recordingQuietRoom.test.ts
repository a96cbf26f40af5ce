import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { orphanRecorders } from '../../server/sfu/orphanRecorders.js';
import { waitFor } from '../support/hubHarness.js';
import { duration, everyone, recordedHearing } from '../support/recordedHearing.js';

// A hearing's recording goes on through a quiet room, on both engines: with every microphone
// paused (the floor rule) and every camera off, nothing reaches ffmpeg, and its SDP input gives
// up after its listen timeout; the recording then ended as failed although the hearing went on.
// Now the segment under way ends cleanly when nothing is sent and the next starts when someone
// sends again; the case gets one recording.stopped (stopped, with the sealed file's sha256). A
// recorder that truly dies (its ffmpeg killed) still ends the recording as failed.
// The room is real mediasoup with ffmpeg senders (tests/support/recordedRoom.ts), the recording
// the hub's own Recordings on the hub's database and files (tests/support/recordedHearing.ts).

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const later = (step: () => Promise<void> | void) => cleanup.push(step);

describe('a recording through a quiet room', () => {
  it('goes on while every microphone is paused and every camera is off, and keeps what was said before and after', async () => {
    const { h, recordings, scene, callId, judge, applicant, logged, events, rows, written, opened, ended } = await recordedHearing(later);
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

    // The judge gives the floor to themself and turns the camera on, the applicant's microphone
    // stays paused: the recording goes on in a new segment, with the judge's sound (a segment
    // that mixed the paused microphone too wrote nothing until it stopped, amix waiting for it).
    await judge.audio.producer.resume();
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
    const plain = await opened('quiet-open.webm');
    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', plain]).toString()) as { streams: Array<{ codec_type: string }> };
    expect(probe.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(duration(plain)).toBeGreaterThan(first + 1);
  }, 600_000);

  it('still ends as failed when the recorder truly dies (its ffmpeg killed), and the hearing is told', async () => {
    const { h, logged, events, rows, written, ended } = await recordedHearing(later);
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
