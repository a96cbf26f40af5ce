import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { types } from 'mediasoup';

// One room's recording on the SFU: for each producer a PlainTransport (comedia off, RTCP on the
// RTP port) whose consumer sends plain RTP to a port on 127.0.0.1 where ffmpeg listens, ffmpeg
// reading the SDP that describes them all and writing one WebM: every participant's audio mixed
// (amix, re-encoded as Opus) and the video of the first participant sending one (VP8, re-encoded
// once; a grid would decode and encode every stream, more than a 2-core hub spares beside calls).
//
// ffmpeg is a supervised child: if it exits before we stop it, the recording ends as failed
// (the caller records that) and the hub goes on. Stopping sends SIGINT so ffmpeg closes the file
// properly (a WebM without its cues still plays, but its duration is unknown).

export const RECORDING_MIME_TYPE = 'video/webm';

export interface RecordingSource {
  router: types.Router;
  producers: types.Producer[];
}

export interface RecorderOptions {
  /** The ffmpeg binary (default `ffmpeg` on the PATH). */
  ffmpeg?: string | undefined;
  /** Where the plain file is written while recording (a private folder: it is sealed on stop). */
  file: string;
  /** ffmpeg exited on its own: the recording is over. */
  onFailed(reason: string): void;
}

/** A UDP port free on 127.0.0.1 now, for ffmpeg to listen on (it binds it a moment later). */
async function freePort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

interface Leg {
  transport: types.PlainTransport;
  consumer: types.Consumer;
  port: number;
}

/** The SDP ffmpeg reads: one media section per leg, each on its own port, RTCP muxed. */
export function recordingSdp(legs: ReadonlyArray<{ kind: 'audio' | 'video'; port: number; rtpParameters: types.RtpParameters }>): string {
  const lines = ['v=0', 'o=- 0 0 IN IP4 127.0.0.1', 's=court-room-recording', 'c=IN IP4 127.0.0.1', 't=0 0'];
  for (const leg of legs) {
    const codec = leg.rtpParameters.codecs[0]!;
    const name = codec.mimeType.split('/')[1]!;
    const channels = codec.channels && codec.channels > 1 ? `/${codec.channels}` : '';
    lines.push(`m=${leg.kind} ${leg.port} RTP/AVPF ${codec.payloadType}`, `a=rtpmap:${codec.payloadType} ${name}/${codec.clockRate}${channels}`, 'a=rtcp-mux', 'a=recvonly');
  }
  return lines.join('\r\n') + '\r\n';
}

/** ffmpeg's arguments for `audios` audio and `videos` video inputs (in the SDP's order: audio first). */
export function ffmpegArguments(sdpFile: string, audios: number, videos: number, out: string): string[] {
  const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-protocol_whitelist', 'file,udp,rtp', '-fflags', '+genpts', '-f', 'sdp', '-i', sdpFile];
  if (audios > 1) {
    const inputs = Array.from({ length: audios }, (_, i) => `[0:a:${i}]`).join('');
    args.push('-filter_complex', `${inputs}amix=inputs=${audios}:normalize=0[mixed]`, '-map', '[mixed]');
  } else if (audios === 1) args.push('-map', '0:a:0');
  if (audios > 0) args.push('-c:a', 'libopus', '-b:a', '64k');
  // Re-encoded, not copied: a copy needs the picture size before the first keyframe arrives.
  if (videos > 0) args.push('-map', '0:v:0', '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '600k');
  args.push('-f', 'webm', '-y', out);
  return args;
}

export class RoomRecorder {
  private stopping = false;
  private readonly exited: Promise<number | null>;
  private keyframes: NodeJS.Timeout | null = null;
  /** The end of what ffmpeg wrote to stderr (its errors; it says nothing else at this log level). */
  complaints = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly legs: Leg[],
    readonly file: string,
    onFailed: (reason: string) => void,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.complaints = (this.complaints + chunk.toString('utf8')).slice(-2000);
    });
    this.exited = new Promise((resolve) => {
      child.once('error', (error) => {
        this.closeLegs();
        if (!this.stopping) onFailed(`ffmpeg could not run: ${error.message}`);
        resolve(null);
      });
      child.once('exit', (code) => {
        this.closeLegs();
        if (!this.stopping) onFailed(`ffmpeg stopped (${String(code)}): ${this.complaints.trim().split('\n').pop() ?? ''}`);
        resolve(code);
      });
    });
  }

  /** Starts recording what the room's producers send now; throws if there is nothing to record. */
  static async start(source: RecordingSource, options: RecorderOptions): Promise<RoomRecorder> {
    const audio = source.producers.filter((p) => p.kind === 'audio' && !p.closed);
    const video = source.producers.filter((p) => p.kind === 'video' && !p.closed).slice(0, 1);
    if (audio.length === 0 && video.length === 0) throw new Error('Nobody in the room sends media yet');
    const legs: Leg[] = [];
    try {
      for (const producer of [...audio, ...video]) {
        const transport = await source.router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: true, comedia: false });
        const port = await freePort();
        await transport.connect({ ip: '127.0.0.1', port });
        const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: source.router.rtpCapabilities, paused: true });
        legs.push({ transport, consumer, port });
      }
    } catch (error) {
      for (const leg of legs) leg.transport.close();
      throw error;
    }
    await fs.mkdir(path.dirname(options.file), { recursive: true, mode: 0o700 });
    const sdpFile = `${options.file}.sdp`;
    await fs.writeFile(sdpFile, recordingSdp(legs.map((l) => ({ kind: l.consumer.kind, port: l.port, rtpParameters: l.consumer.rtpParameters }))), { mode: 0o600 });
    // ffmpeg would create the plain recording with the umask (0644 as a rule); it truncates an
    // existing file and keeps its mode, so the file exists 0600 before ffmpeg opens it
    await fs.writeFile(options.file, '', { mode: 0o600 });
    const child = spawn(options.ffmpeg ?? 'ffmpeg', ffmpegArguments(sdpFile, audio.length, video.length, options.file), { stdio: ['ignore', 'ignore', 'pipe'] });
    const recorder = new RoomRecorder(child, legs, options.file, (reason) => options.onFailed(reason));
    await recorder.flow();
    return recorder;
  }

  /** Lets the media flow once ffmpeg runs, and asks for keyframes while it finds its streams. */
  private async flow(): Promise<void> {
    await Promise.all(this.legs.map((l) => l.consumer.resume()));
    let asks = 0;
    this.keyframes = setInterval(() => {
      for (const l of this.legs) if (l.consumer.kind === 'video' && !l.consumer.closed) void l.consumer.requestKeyFrame().catch(() => undefined);
      if (++asks >= 5 && this.keyframes) clearInterval(this.keyframes);
    }, 1000);
    this.keyframes.unref();
  }

  /** Stops ffmpeg (it finishes the file) and closes the legs; resolves with ffmpeg's exit code. */
  async stop(): Promise<number | null> {
    this.stopping = true;
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGINT');
    const code = await this.exited;
    await fs.rm(`${this.file}.sdp`, { force: true });
    return code;
  }

  private closeLegs(): void {
    if (this.keyframes) clearInterval(this.keyframes);
    for (const l of this.legs) l.transport.close();
  }
}
