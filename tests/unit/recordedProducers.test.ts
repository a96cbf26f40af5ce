import type { types } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import { recordedProducers, type RecordingSource } from '../../server/sfu/recording.js';

// What a segment of a room's recording takes in (server/sfu/recording.ts): every microphone, paused
// or not (silence in the mix), and the cameras that are on; and whether anything is sent at all,
// which decides whether a segment runs (a quiet room has no ffmpeg waiting on silent ports).

let next = 0;
const producer = (kind: 'audio' | 'video', peerId: string, paused = false) => ({ id: `p${next++}`, kind, paused, closed: false, appData: { peerId } }) as unknown as types.Producer;
const source = (producers: types.Producer[]): RecordingSource => ({ router: null as unknown as types.Router, producers });

describe('what a recording segment takes in', () => {
  it('sends while one microphone or one camera is on, and keeps a paused microphone in the mix', () => {
    const judgeMic = producer('audio', 'judge');
    const partyMic = producer('audio', 'party', true);
    const partyCamera = producer('video', 'party', true);
    const r = recordedProducers(source([judgeMic, partyMic, partyCamera]));
    expect(r.audio).toEqual([judgeMic, partyMic]);
    expect(r.cameras).toEqual([]);
    expect(r.sending).toBe(true);
    expect(recordedProducers(source([producer('audio', 'judge', true), producer('video', 'judge')])).sending).toBe(true);
  });

  it('sends nothing when every microphone is paused and every camera is off', () => {
    const r = recordedProducers(source([producer('audio', 'judge', true), producer('audio', 'party', true), producer('video', 'judge', true)]));
    expect(r.audio).toHaveLength(2);
    expect(r.sending).toBe(false);
    expect(recordedProducers(source([])).sending).toBe(false);
  });
});
