import { createSocket, type Socket } from 'node:dgram';
import { createWorker, type types } from 'mediasoup';
import { mediaCodecs } from '../../server/sfu/sfu.js';
import { ffmpegSender, type RtpSender } from '../support/rtpSenders.js';
import { waitFor } from '../support/hubHarness.js';
import type { Benchmark, BenchContext } from './benchmark.js';
import { treeCpuSeconds } from './processCpu.js';
import { loadNote } from './machine.js';
import { sleep } from './stats.js';

// sfu_cpu_per_stream_pct (issue 12's name; printed also as sfu_cpu_pct_per_stream, deprecated,
// for one release so that nothing parsing the old line breaks): the mediasoup worker's CPU (percent of one core) per video stream it
// forwards while PARTIES participants each send a 320×240 VP8 stream (ffmpeg, as a camera) and
// receive every other's (plain RTP consumers into UDP sinks, PARTIES × (PARTIES − 1) streams).
// Its floor, in the same run: the worker's CPU per stream while it only receives the same
// streams and forwards nothing. Needs the mediasoup worker and ffmpeg.

const PARTIES = 4;
const WINDOW_S = 15;

async function sink(): Promise<{ socket: Socket; port: number; bytes: () => number }> {
  const socket = createSocket('udp4');
  let bytes = 0;
  socket.on('message', (m) => (bytes += m.length));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
  return { socket, port: socket.address().port, bytes: () => bytes };
}

/** Percent of one core the worker used over the window. */
async function workerCpu(worker: types.Worker): Promise<number> {
  const before = treeCpuSeconds(worker.pid);
  const t0 = Date.now();
  await sleep(WINDOW_S * 1000);
  return ((treeCpuSeconds(worker.pid) - before) / ((Date.now() - t0) / 1000)) * 100;
}

export const sfuCpuBenchmark: Benchmark = {
  id: 'sfu_cpu',
  metrics: ['sfu_cpu_per_stream_pct', 'sfu_cpu_pct_per_stream'],
  description: `mediasoup worker CPU per forwarded video stream, ${PARTIES} parties each receiving all others`,
  async run(ctx: BenchContext) {
    const worker = await createWorker({ logLevel: 'warn' });
    const senders: RtpSender[] = [];
    const sinks: Array<Awaited<ReturnType<typeof sink>>> = [];
    try {
      const router = await worker.createRouter({ mediaCodecs });
      for (let n = 0; n < PARTIES; n++) senders.push(await ffmpegSender(router, 'video', n));
      await waitFor(async () => (await Promise.all(senders.map(async (s) => (await s.producer.getStats()).length > 0))).every(Boolean) || null, 'every camera reaching the SFU');
      const receiving = await workerCpu(worker);

      for (let viewer = 0; viewer < PARTIES; viewer++) {
        for (const [owner, sender] of senders.entries()) {
          if (owner === viewer) continue;
          const s = await sink();
          sinks.push(s);
          const transport = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
          await transport.connect({ ip: '127.0.0.1', port: s.port });
          await transport.consume({ producerId: sender.producer.id, rtpCapabilities: router.rtpCapabilities });
        }
      }
      await waitFor(() => sinks.every((s) => s.bytes() > 0) || null, 'every forwarded stream arriving');
      const bytesBefore = sinks.reduce((a, s) => a + s.bytes(), 0);
      const forwarding = await workerCpu(worker);
      const forwarded = sinks.length;
      const kbps = ((sinks.reduce((a, s) => a + s.bytes(), 0) - bytesBefore) * 8) / 1000 / WINDOW_S / forwarded;
      ctx.note(
        `${PARTIES} parties, ${forwarded} forwarded streams of ${kbps.toFixed(0)} kbit/s each; worker ${forwarding.toFixed(1)} % of a core forwarding, ${receiving.toFixed(1)} % only receiving; ${loadNote()}`,
      );
      const perStream = (forwarding - receiving) / forwarded;
      ctx.report('sfu_cpu_per_stream_pct', perStream, 3);
      ctx.report('sfu_cpu_pct_per_stream', perStream, 3); // deprecated name, same figure
      ctx.floor('sfu_cpu_per_stream_pct', perStream, 'worker CPU per received stream', receiving / PARTIES);
    } finally {
      for (const s of senders) s.stop();
      for (const s of sinks) s.socket.close();
      worker.close();
    }
  },
};
