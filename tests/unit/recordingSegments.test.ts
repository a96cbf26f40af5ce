import type { types } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import { SegmentedRecording, type RecordedRoom } from '../../server/sfu/recordingSegments.js';
import { tempDir } from '../support/fixtures.js';

// A recording of a room where nothing is sent starts no ffmpeg: a room whose only media is cameras
// turned off is quiet (the recording waits for someone), not a room without media, which cannot
// be recorded at all (server/sfu/recordingSegments.ts).

let next = 0;
const camera = (paused: boolean) => ({ id: `p${next++}`, kind: 'video', paused, closed: false, appData: { peerId: `peer-${next}` } }) as unknown as types.Producer;
const roomOf = (producers: types.Producer[]): RecordedRoom => ({
  recordingSource: () => ({ router: null as unknown as types.Router, producers }),
  onProducersChanged: () => () => undefined,
});

describe('a segmented recording of a room that sends nothing', () => {
  it('is quiet when the only media are cameras turned off, and ends with no file', async () => {
    const quiet: boolean[] = [];
    const failures: string[] = [];
    const file = `${tempDir('segments-')}/room.webm`;
    const recording = await SegmentedRecording.start(roomOf([camera(true), camera(true)]), { file, onFailed: (r) => failures.push(r), onQuiet: (q) => quiet.push(q) });
    await expect.poll(() => recording.quiet).toBe(true);
    expect(quiet).toEqual([true]);
    expect(recording.segments).toBe(0);
    expect(await recording.stop()).toBeNull();
    expect(failures).toEqual([]);
  });

  it('starts no segment for a recording whose signal aborted before it started (the hub closing)', async () => {
    // a live camera: without the abort this would reach the (absent) router and fail otherwise
    const stopped = AbortSignal.abort();
    await expect(SegmentedRecording.start(roomOf([camera(false)]), { file: `${tempDir('segments-')}/room.webm`, signal: stopped, onFailed: () => undefined })).rejects.toThrow(
      'the recording stopped while its segment started',
    );
  });

  it('refuses a room where nobody has any media', async () => {
    await expect(SegmentedRecording.start(roomOf([]), { file: `${tempDir('segments-')}/room.webm`, onFailed: () => undefined })).rejects.toThrow('Nobody in the room sends media yet');
  });
});
