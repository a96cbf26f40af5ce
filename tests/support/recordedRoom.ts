import { createWorker, type types } from 'mediasoup';
import type { RoomRole } from '../../shared/rooms/roleTable.js';
import type { RecordedRoom } from '../../server/sfu/recordingSegments.js';
import { mediaCodecs } from '../../server/sfu/sfu.js';
import { waitFor } from './hubHarness.js';
import { ffmpegSender, type RtpSender } from './rtpSenders.js';
import { requireMediasoupWorker } from './sfuWorker.js';

// A room a recording can follow, on a real mediasoup worker with real media (ffmpeg sending each
// participant's Opus tone and VP8 test pattern), as SfuRoom gives it to the recorder: its live
// producers, their roles, and a change whenever one closes, pauses or resumes.

type Cleanup = (step: () => Promise<void> | void) => void;

export interface Participant {
  audio: RtpSender;
  video: RtpSender;
}

/** A router on a real mediasoup worker of its own, closed by `cleanup`. */
export async function routerOnWorker(cleanup: Cleanup): Promise<types.Router> {
  requireMediasoupWorker();
  const worker: types.Worker = await createWorker({ logLevel: 'warn' });
  cleanup(() => worker.close());
  return worker.createRouter({ mediaCodecs });
}

/** One participant sending a tone and a test pattern, both producers marked with its peer id. */
export async function participant(router: types.Router, n: number, cleanup: Cleanup, audioLoss = 0): Promise<Participant> {
  const audio = await ffmpegSender(router, 'audio', n, { peerId: `peer-${n}` }, audioLoss);
  const video = await ffmpegSender(router, 'video', n, { peerId: `peer-${n}` });
  cleanup(() => audio.stop());
  cleanup(() => video.stop());
  await waitFor(async () => ((await audio.producer.getStats()).length > 0 && (await video.producer.getStats()).length > 0) || null, `media from participant ${n}`);
  return { audio, video };
}

/** The room as the recorder sees it (what SfuRoom gives): its live producers, their roles, their changes. */
export function roomOf(router: types.Router, people: Array<Participant & { role: RoomRole }>): RecordedRoom {
  const all = () => people.flatMap((p) => [p.audio.producer, p.video.producer]);
  const producers = () => all().filter((p) => !p.closed);
  return {
    recordingSource: () => ({ router, producers: producers(), roles: new Map(people.flatMap((p) => [[p.audio.producer.id, p.role] as const, [p.video.producer.id, p.role] as const])) }),
    // as SfuRoom: a producer closed, paused or resumed
    onProducersChanged(listener) {
      const events = ['close', 'pause', 'resume'] as const;
      for (const p of producers()) for (const e of events) p.observer.on(e, listener);
      return () => {
        for (const x of all()) for (const e of events) x.observer.off(e, listener);
      };
    },
  };
}
