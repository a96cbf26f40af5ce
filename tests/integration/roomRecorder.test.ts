import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createWorker, type types } from 'mediasoup';
import { afterEach, describe, expect, it } from 'vitest';
import { RoomRecorder } from '../../server/sfu/recording.js';
import { openRecordingRange, recordingKey, sealRecording } from '../../server/sfu/recordingSeal.js';
import { mediaCodecs } from '../../server/sfu/sfu.js';
import { tempDir } from '../support/fixtures.js';
import { waitFor } from '../support/hubHarness.js';
import { ffmpegSender } from '../support/rtpSenders.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';

// The recorder on the real mediasoup worker with real media: two participants' audio (ffmpeg
// sending Opus into the router, as a browser's producer would) recorded through PlainTransports
// into one WebM that ffprobe reads with its mixed audio stream; sealed, it shows no WebM magic
// and opens back to the same bytes.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('room recorder', () => {
  it('records two participants into a playable WebM with one mixed audio stream', async () => {
    requireMediasoupWorker();
    const worker: types.Worker = await createWorker({ logLevel: 'warn' });
    cleanup.push(() => worker.close());
    const router = await worker.createRouter({ mediaCodecs });
    const a = await ffmpegSender(router, 'audio', 0);
    const b = await ffmpegSender(router, 'audio', 1);
    cleanup.push(
      () => a.stop(),
      () => b.stop(),
    );
    // Both senders' media has reached the router before the recording begins.
    await waitFor(async () => ((await a.producer.getStats()).length > 0 && (await b.producer.getStats()).length > 0) || null, 'media from both participants');

    const dir = tempDir('recorder-');
    const file = path.join(dir, 'room.webm');
    const failures: string[] = [];
    const recorder = await RoomRecorder.start({ router, producers: [a.producer, b.producer] }, { file, onFailed: (r) => failures.push(r) });
    cleanup.push(async () => void (await recorder.stop()));
    // ffmpeg has found its streams and written audio (its header alone is a few hundred bytes).
    await waitFor(async () => ((await fs.stat(file).catch(() => null))?.size ?? 0) > 8_000 || null, 'audio written');
    // ffmpeg ends on SIGINT with 255 after closing the file properly; what matters is the file.
    await recorder.stop();
    expect(failures).toEqual([]);

    const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file]).toString()) as {
      streams: Array<{ codec_type: string; codec_name: string }>;
      format: { format_name: string };
    };
    expect(probe.format.format_name).toContain('webm');
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(['audio:opus']);

    const key = recordingKey(randomBytes(32));
    const plain = await fs.readFile(file);
    const sealed = await sealRecording(key, 'rec-1', file, path.join(dir, 'room.sealed'));
    expect(sealed.size).toBe(plain.length);
    expect((await fs.readFile(path.join(dir, 'room.sealed'))).includes(plain.subarray(0, 4))).toBe(false);
    const parts: Buffer[] = [];
    for await (const p of openRecordingRange(key, 'rec-1', path.join(dir, 'room.sealed'), 0, plain.length - 1)) parts.push(p);
    expect(Buffer.concat(parts).equals(plain)).toBe(true);
  });
});
