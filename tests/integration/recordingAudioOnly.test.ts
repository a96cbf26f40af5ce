import { afterEach, describe, expect, it } from 'vitest';
import { orphanRecorders } from '../../server/sfu/orphanRecorders.js';
import { waitFor } from '../support/hubHarness.js';
import { audioSeconds, frozenRecorder, measuredStop, packetSeconds, packetsSent, recordedHearing, silences } from '../support/recordedHearing.js';

// An audio-only hearing (every camera off: common at a village kiosk on a poor line) keeps every
// second of its sound, on a busy machine too. Its black picture was a `realtime` filter sleeping
// in ffmpeg's one loop, which also reads the RTP (one input file: no reader thread) from 64 KiB
// socket buffers: packets were read late, stamped late (wallclock timestamps) or dropped, and
// the recording held 0.4–0.6 s of audio per second of hearing, much of it silence. Real mediasoup, two participants sending tones
// (440 and 660 Hz) with their cameras off; the hub's own Recordings, sealed file opened back.
// A reader that stalls (its ffmpeg frozen here for 3 s of sound, as a starved hub's) then reads a
// burst stamped all at once: timed by those stamps, the mix wrote the stall as silence and dropped
// the burst; following them softly (aresample async 2400, hard only past 5 s), it keeps every second.
// A line that loses packets (every 33rd here) must not shorten a voice: timed by samples alone it did.
// A stop ends ffmpeg's input by an RTCP BYE; read while ffmpeg's reorder queue held the packets
// behind a lost one, that BYE threw them away — on a stopped reader that then catches up, all the
// sound after the first gap in its backlog.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** Opus packets of 20 ms: 25 s of the judge's sound. */
const SENT_PACKETS = 1250;
/** Every 33rd packet lost (3 %), as on a poor village line. */
const LOSS = 1 / 33;
/** 3 s of it. */
const STALL_PACKETS = 150;

describe('an audio-only recording', () => {
  it('holds the hearing’s wall time of audio, the tones heard throughout', async () => {
    const { judge, logged, firstWrite, stop, opened } = await recordedHearing((step) => cleanup.push(step), { camerasOff: true });
    const from = await packetsSent(judge);
    const startedAt = await firstWrite();
    // 25 s of the microphones' sound, counted in the packets sent, not waited for by the clock
    await waitFor(async () => (await packetsSent(judge)) - from >= SENT_PACKETS || null, '25 s of sound sent', 240_000);
    const { sound, wall, stopped } = await measuredStop(stop, judge, from, startedAt);
    expect(logged.filter((l) => l.event === 'recording.failed')).toEqual([]);

    const file = await opened('audio-only.webm');
    const audio = audioSeconds(file);
    const gaps = silences(file, 1);
    const longest = Math.max(0, ...silences(file, 0.2).map(([from, to]) => to - from));
    const figures = `wall ${wall.toFixed(1)} s from the first bytes written, audio ${audio.toFixed(1)} s, sound sent meanwhile ${sound.toFixed(1)} s, longest silence ${longest.toFixed(2)} s, silences over 1 s ${JSON.stringify(gaps)}, stopped in ${stopped.toFixed(1)} s`;
    console.log(`audio-only recording: ${figures}`);
    expect(audio / wall, figures).toBeGreaterThanOrEqual(0.9);
    // wall time counts from the first write: the sound sent since the recording started counts its start-up too
    expect(audio, figures).toBeGreaterThanOrEqual(0.95 * sound);
    // the tones, not silence standing in for packets read too late
    expect(gaps, figures).toEqual([]);
  }, 600_000);

  it('keeps the sound in step with the wall time on a line that loses packets', async () => {
    const { judge, logged, stop, opened } = await recordedHearing((step) => cleanup.push(step), { camerasOff: true, audioLoss: LOSS });
    // the packets the producer received (after the loss), each 20 ms of the sender's wall time
    const from = await packetsSent(judge);
    await waitFor(async () => (await packetsSent(judge)) - from >= SENT_PACKETS * (1 - LOSS) || null, '25 s of sound sent', 240_000);
    const sent = packetSeconds((await packetsSent(judge)) - from) / (1 - LOSS);
    await stop();
    expect(logged.filter((l) => l.event === 'recording.failed')).toEqual([]);
    const file = await opened('lossy.webm');
    const audio = audioSeconds(file);
    const figures = `${LOSS * 100} % of packets lost: sound sent over ${sent.toFixed(1)} s, audio ${audio.toFixed(1)} s`;
    console.log(`lossy recording: ${figures}`);
    expect(Math.abs(audio - sent) / sent, figures).toBeLessThanOrEqual(0.01);
  }, 600_000);

  it('keeps the sound sent while its ffmpeg stalled, no silence in its place', async () => {
    const { h, judge, logged, written, firstWrite, stop, opened } = await recordedHearing((step) => cleanup.push(step), { camerasOff: true });
    const sent = () => packetsSent(judge);
    await firstWrite();
    await waitFor(async () => (await written()) >= 2 * 8_000 || null, 'two seconds of sound written', 240_000);
    const running = await orphanRecorders(h.hub.files.recordingWorkDir);
    expect(running.size).toBe(1);
    const [pid] = running.keys();
    process.kill(pid!, 'SIGSTOP');
    const frozen = await sent();
    try {
      await waitFor(async () => (await sent()) - frozen >= STALL_PACKETS || null, '3 s of sound sent while ffmpeg is frozen', 240_000);
    } finally {
      process.kill(pid!, 'SIGCONT');
    }
    const thawed = await sent();
    await waitFor(async () => (await sent()) - thawed >= STALL_PACKETS || null, '3 s of sound sent after', 240_000);
    await stop();
    expect(logged.filter((l) => l.event === 'recording.failed')).toEqual([]);

    const file = await opened('stalled.webm');
    const gaps = silences(file, 1);
    const figures = `audio ${audioSeconds(file).toFixed(1)} s, silences over 1 s ${JSON.stringify(gaps)}`;
    console.log(`stalled recording: ${figures}`);
    expect(gaps, figures).toEqual([]);
  }, 600_000);

  it('keeps the sound a stop finds unread behind a lost packet, its ffmpeg frozen through the stop', async () => {
    const later = (step: () => Promise<void> | void) => cleanup.push(step);
    const { h, router, judge, applicant, logged, stop, opened } = await recordedHearing(later, { camerasOff: true, audioLoss: LOSS });
    const from = await packetsSent(judge);
    const sound = async () => packetSeconds((await packetsSent(judge)) - from) / (1 - LOSS);
    await waitFor(async () => (await sound()) >= 2 || null, '2 s of sound sent', 240_000);
    const pid = await frozenRecorder(h.hub.files.recordingWorkDir, later);
    const frozen = await sound();
    let atStop = 0;
    let closed = 0;
    let stopping: Promise<void> | undefined;
    try {
      await waitFor(async () => (await sound()) >= frozen + 2 || null, '2 s of sound sent while ffmpeg is frozen', 240_000);
      atStop = await sound();
      stopping = stop();
      // the stop has paused the consumers and closed the recording's legs: only the senders' transports are left
      const senders = new Set([judge, applicant].flatMap((p) => [p.audio.transport.id, p.video.transport.id]));
      await waitFor(async () => (await router.dump()).transportIds.every((id: string) => senders.has(id)) || null, 'the recording’s legs closed', 240_000);
      closed = await sound();
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await stopping;
    expect(logged.filter((l) => l.event === 'recording.failed')).toEqual([]);
    const audio = audioSeconds(await opened('frozen-lossy.webm'));
    const figures = `${LOSS * 100} % of packets lost, ffmpeg frozen for the last ${(atStop - frozen).toFixed(1)} s: sound sent ${atStop.toFixed(1)}–${closed.toFixed(1)} s, audio ${audio.toFixed(1)} s`;
    console.log(`frozen lossy stop: ${figures}`);
    expect(audio, figures).toBeGreaterThanOrEqual(atStop - 0.25);
    expect(audio, figures).toBeLessThanOrEqual(closed + 0.25);
  }, 600_000);
});
