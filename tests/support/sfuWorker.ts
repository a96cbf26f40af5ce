import { existsSync } from 'node:fs';
import { workerBin } from 'mediasoup';

/** The SFU tests run the real mediasoup worker; without one they fail and say how to get it. */
export function requireMediasoupWorker(): void {
  if (!existsSync(workerBin)) throw new Error(`No mediasoup worker at ${workerBin}: run scripts/mediasoup-worker.sh (CI: .ci/run does)`);
}

/** RTP parameters as Chromium's mediasoup-client sends them: Opus, and VP8 in three simulcast layers. */
export const opusParameters = {
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48_000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
  headerExtensions: [],
  encodings: [{ ssrc: 11_111_111 }],
  rtcp: { cname: 'sfu-test', reducedSize: true },
};

export const vp8SimulcastParameters = {
  mid: '1',
  codecs: [
    {
      mimeType: 'video/VP8',
      payloadType: 96,
      clockRate: 90_000,
      parameters: {},
      rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }],
    },
  ],
  headerExtensions: [],
  encodings: [
    { ssrc: 22_222_221, scalabilityMode: 'L1T3' },
    { ssrc: 22_222_222, scalabilityMode: 'L1T3' },
    { ssrc: 22_222_223, scalabilityMode: 'L1T3' },
  ],
  rtcp: { cname: 'sfu-test', reducedSize: true },
};

export const fakeDtls = { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256' as const, value: Array.from({ length: 32 }, () => 'AB').join(':') }] };
