import type { types } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import { SegmentedRecording, type RecordedRoom } from '../../server/sfu/recordingSegments.js';
import { tempDir } from '../support/fixtures.js';
import { waitFor } from '../support/hubHarness.js';

// Whether a room has media, and what becomes of a segment that cannot start
// (server/sfu/recordingSegments.ts), without a media server: a room whose cameras are all off
// and who has no microphone is quiet (someone may turn a camera on), not a room with nothing to
// record; a room with no producer at all is. A segment that fails to start later is reported,
// not swallowed. (The producers are plain objects as mediasoup's look; here the router is
// missing, so a segment that really starts fails as one whose transports cannot be made.)

let next = 0;
const producer = (kind: 'audio' | 'video', peerId: string, paused = false) =>
  ({ id: `p${next++}`, kind, paused, closed: false, appData: { peerId } }) as unknown as types.Producer & { paused: boolean };

function roomOf(producers: types.Producer[]): RecordedRoom & { change(): void } {
  const listeners = new Set<() => void>();
  return {
    recordingSource: () => ({ router: null as unknown as types.Router, producers }),
    onProducersChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change: () => listeners.forEach((l) => l()),
  };
}

describe('a segmented recording of a room with or without media', () => {
  it('waits quietly in a room whose only media is cameras turned off, and reports a segment that cannot start', async () => {
    const camera = producer('video', 'judge', true);
    const room = roomOf([camera]);
    const quiet: boolean[] = [];
    const failed: string[] = [];
    const file = `${tempDir('segments-unit-')}/room.webm`;
    const recording = await SegmentedRecording.start(room, { file, settleMs: 1, onFailed: () => undefined, onQuiet: (q) => quiet.push(q), onSegmentFailed: (r) => failed.push(r) });
    expect(recording.quiet).toBe(true);
    expect(recording.segments).toBe(0);

    // The camera goes on: a segment starts, and here it cannot (no router): that is said, not lost.
    camera.paused = false;
    room.change();
    await waitFor(() => failed[0] ?? null, 'the failed segment reported');
    expect(recording.segments).toBe(1);
    expect(quiet).toEqual([true]);
    expect(await recording.stop()).toBeNull();
  });

  it('refuses to start in a room where nobody has any media', async () => {
    const file = `${tempDir('segments-unit-')}/room.webm`;
    await expect(SegmentedRecording.start(roomOf([]), { file, onFailed: () => undefined })).rejects.toThrow('Nobody in the room sends media yet');
  });
});
