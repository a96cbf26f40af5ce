import type { types } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import { recordedProducers, type RecordingSource } from '../../server/sfu/recording.js';

// What a segment of a room's recording takes in (server/sfu/recording.ts): the microphones that
// send (ffmpeg writes nothing until every input has delivered a frame, so a paused one is left
// out) and the cameras that are on; and whether anything is sent at all, which decides whether a
// segment runs (a quiet room has no ffmpeg waiting on silent ports).

let next = 0;
const producer = (kind: 'audio' | 'video', peerId: string, paused = false) => ({ id: `p${next++}`, kind, paused, closed: false, appData: { peerId } }) as unknown as types.Producer;
const source = (producers: types.Producer[]): RecordingSource => ({ router: null as unknown as types.Router, producers });

describe('what a recording segment takes in', () => {
  it('takes in the microphones that send and the cameras that are on, and sends while one of them is', () => {
    const judgeMic = producer('audio', 'judge');
    const partyMic = producer('audio', 'party', true);
    const partyCamera = producer('video', 'party', true);
    const r = recordedProducers(source([judgeMic, partyMic, partyCamera]));
    expect(r.audio).toEqual([judgeMic]);
    expect(r.cameras).toEqual([]);
    expect(r.sending).toBe(true);
    const judgeCamera = producer('video', 'judge');
    const cameraOnly = recordedProducers(source([producer('audio', 'judge', true), judgeCamera]));
    expect(cameraOnly.audio).toEqual([]);
    expect(cameraOnly.cameras.map((c) => c.producer)).toEqual([judgeCamera]);
    expect(cameraOnly.sending).toBe(true);
  });

  it('sends nothing when every microphone is paused and every camera is off', () => {
    const r = recordedProducers(source([producer('audio', 'judge', true), producer('audio', 'party', true), producer('video', 'judge', true)]));
    expect(r.audio).toEqual([]);
    expect(r.sending).toBe(false);
    expect(recordedProducers(source([])).sending).toBe(false);
  });
});
