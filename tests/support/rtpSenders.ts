import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import type { types } from 'mediasoup';

// Real media into a real mediasoup router without a browser: ffmpeg encodes a test tone (Opus)
// or test pattern (VP8) and sends it as plain RTP to a PlainTransport (comedia: it learns
// ffmpeg's address from the first packet; RTCP on its own port, as ffmpeg sends it from another), whose producer then is one participant's media.

const audio = { payloadType: 100, ssrc: 11_110_000 };
const video = { payloadType: 101, ssrc: 22_220_000 };

export interface RtpSender {
  producer: types.Producer;
  transport: types.PlainTransport;
  stop(): void;
  /** Stops sending (its ffmpeg ends) and keeps the producer: a camera turned off that costs the machine nothing. */
  silence(): void;
}

/** Sends `kind` from ffmpeg into `router` as a producer; `n` makes each sender's tone and SSRC its own. */
export async function ffmpegSender(router: types.Router, kind: 'audio' | 'video', n: number, appData: Record<string, unknown> = {}, loss = 0): Promise<RtpSender> {
  const transport = await router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: true });
  const { payloadType, ssrc } = kind === 'audio' ? audio : video;
  const producer = await transport.produce({
    kind,
    appData,
    rtpParameters:
      kind === 'audio'
        ? { codecs: [{ mimeType: 'audio/opus', payloadType, clockRate: 48_000, channels: 2 }], encodings: [{ ssrc: ssrc + n }] }
        : { codecs: [{ mimeType: 'video/VP8', payloadType, clockRate: 90_000 }], encodings: [{ ssrc: ssrc + n }] },
  });
  // A lossy line: the RTP goes through a relay that drops every (1/loss)-th packet.
  const relay = loss > 0 ? await lossyRelay(transport.tuple.localPort, loss) : null;
  const target = `rtp://127.0.0.1:${relay?.port ?? transport.tuple.localPort}?rtcpport=${transport.rtcpTuple!.localPort}&pkt_size=1200`;
  const input = kind === 'audio' ? ['-f', 'lavfi', '-i', `sine=frequency=${440 + 220 * n}:sample_rate=48000`] : ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=15'];
  const codec =
    kind === 'audio'
      ? ['-map', '0:a:0', '-c:a', 'libopus', '-ac', '2', '-ar', '48000', '-b:a', '48k']
      : ['-map', '0:v:0', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '300k', '-g', '15'];
  const child: ChildProcess = spawn('ffmpeg', ['-nostdin', '-loglevel', 'error', '-re', ...input, ...codec, '-payload_type', String(payloadType), '-ssrc', String(ssrc + n), '-f', 'rtp', target], {
    stdio: 'ignore',
  });
  return {
    producer,
    transport,
    stop() {
      child.kill('SIGKILL');
      relay?.socket.close();
      transport.close();
    },
    silence() {
      child.kill('SIGKILL');
    },
  };
}

/** A UDP relay on 127.0.0.1 to `port` that drops every (1/loss)-th datagram. */
async function lossyRelay(port: number, loss: number): Promise<{ socket: dgram.Socket; port: number }> {
  const socket = dgram.createSocket('udp4');
  const every = Math.round(1 / loss);
  let n = 0;
  socket.on('message', (packet) => {
    if (++n % every !== 0) socket.send(packet, port, '127.0.0.1');
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { socket, port: socket.address().port };
}
