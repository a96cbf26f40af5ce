import type { types } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import { recordedProducers, type RecordingSource } from '../../server/sfu/recording.js';

// What a segment of a room's recording takes in (server/sfu/recording.ts): the microphones that
// send (a paused one in amix would hold everyone's sound) and the cameras that are on; whether
// anything is sent at all, which decides whether a segment runs (a quiet room has no ffmpeg
// waiting on silent ports); and how many producers the room has, paused or not.

let next = 0;
const producer = (kind: 'audio' | 'video', peerId: string, paused = false) => ({ id: `p${next++}`, kind, paused, closed: false, appData: { peerId } }) as unknown as types.Producer;
const source = (producers: types.Producer[]): RecordingSource => ({ router: null as unknown as types.Router, producers });

describe('what a recording segment takes in', () => {
  it('takes in the microphones that send, not a paused one, and sends while one microphone or one camera is on', () => {
    const judgeMic = producer('audio', 'judge');
    const partyMic = producer('audio', 'party', true);
    const partyCamera = producer('video', 'party', true);
    const r = recordedProducers(source([judgeMic, partyMic, partyCamera]));
    expect(r.audio).toEqual([judgeMic]);
    expect(r.cameras).toEqual([]);
    expect(r.sending).toBe(true);
    expect(r.live).toBe(3);
    expect(recordedProducers(source([producer('audio', 'judge', true), producer('video', 'judge')])).sending).toBe(true);
  });

  it('sends nothing when every microphone is paused and every camera is off, yet the room has media (quiet, not empty)', () => {
    const r = recordedProducers(source([producer('audio', 'judge', true), producer('audio', 'party', true), producer('video', 'judge', true)]));
    expect(r.audio).toEqual([]);
    expect(r.sending).toBe(false);
    expect(r.live).toBe(3);
    // cameras alone, all off: quiet as well
    const cameras = recordedProducers(source([producer('video', 'judge', true), producer('video', 'party', true)]));
    expect(cameras).toMatchObject({ sending: false, live: 2 });
    expect(recordedProducers(source([]))).toMatchObject({ sending: false, live: 0 });
  });
});
