import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { types } from 'mediasoup';
import type { RoomRole } from '../../shared/rooms/roleTable.js';
import { spatialLayerForTile } from '../../shared/sfu.js';
import { endRtpInput } from './recordingInputEnd.js';
import { freePortPairs, portsListening } from './recordingPorts.js';
import { ffmpegArguments, recordingSdp } from './recordingFfmpeg.js';
import { RECORDING_GRID, byTileOrder, gridTiles, tileLabels } from './recordingGrid.js';
import { RECORDER_TIMING, type RecorderTiming, type StopDeadline } from './recordingTiming.js';

// One room's recording on the SFU: for each producer a PlainTransport (comedia off, RTCP on the
// next port, as ffmpeg expects) whose consumer sends plain RTP to a port on 127.0.0.1 where
// ffmpeg listens, ffmpeg reading the SDP that describes them all and writing one WebM: the
// sending microphones mixed (amix, re-encoded as Opus) and a grid of up to six participants'
// cameras, each tile labelled with its role (recordingGrid.ts: VP8 at 640×360, 10 frames/s, the
// cheapest libvpx settings). Each camera is consumed at the simulcast layer its tile needs, so
// ffmpeg decodes little. A participant leaving is handled a level up (recordingSegments.ts).
//
// ffmpeg is a supervised child: if it exits before we stop it, the recording ends as failed
// (the caller records that) and the hub goes on. Stopping lets it finish what it read and close
// the file properly, within a deadline (RECORDER_TIMING): past it ffmpeg is interrupted, then
// killed, and what it wrote is salvaged (recordingSegments.ts).

export const RECORDING_MIME_TYPE = 'video/webm';
/** A stopped ffmpeg whose media flows ends at its next packet; after this its legs close (nothing was flowing). */
const LEGS_GRACE_MS = 3000;

export interface RecordingSource {
  router: types.Router;
  producers: types.Producer[];
  /** Each producer's participant's role in the room (by producer id), for the tile's label. */
  roles?: ReadonlyMap<string, RoomRole>;
}

export interface RecorderOptions {
  /** The ffmpeg binary (default `ffmpeg` on the PATH). */
  ffmpeg?: string | undefined;
  /** Where the plain file is written while recording (a private folder: it is sealed on stop). */
  file: string;
  /** ffmpeg exited on its own: the recording is over. */
  onFailed(reason: string): void;
  /** Called once ffmpeg listens, just before the media flows to it (the segment before it is stopped then). */
  handover?: (() => void) | undefined;
  /** The recorder's time limits (default RECORDER_TIMING). */
  timing?: RecorderTiming | undefined;
  /** Aborted while ffmpeg starts: it is not wanted any more (the recording stops, the hub closes). */
  signal?: AbortSignal | undefined;
}

/**
 * What ffmpeg receives: the codecs only. Without header extensions and feedback the consumer
 * runs no bandwidth estimation, so mediasoup sends no probation packets (payload type 127,
 * their own sequence numbers) on the port, and no retransmissions: ffmpeg reads either as a jump
 * in the media's sequence and stalls. A lost packet costs a moment of one tile instead.
 */
function plainCapabilities(router: types.Router): types.RtpCapabilities {
  const codecs = (router.rtpCapabilities.codecs ?? []).filter((c) => !c.mimeType.toLowerCase().endsWith('/rtx')).map((c) => ({ ...c, rtcpFeedback: [] }));
  return { codecs, headerExtensions: [] };
}

interface Leg {
  transport: types.PlainTransport;
  consumer: types.Consumer;
  port: number;
}

/** Why a segment did not start: its recording stopped (or the hub closed) first. */
const STOPPED_WHILE_STARTING = 'the recording stopped while its segment started';

/**
 * The cameras a recording shows: one per participant (their first), staff first, at most six. A
 * camera turned off (its producer paused) sends nothing, and the grid would wait for it.
 */
export function recordedCameras(source: RecordingSource): Array<{ producer: types.Producer; label: string }> {
  const seen = new Set<unknown>();
  const cameras = source.producers
    .filter((p) => p.kind === 'video' && !p.closed && !p.paused)
    .filter((p) => {
      const owner = (p.appData as { peerId?: unknown }).peerId ?? p.id;
      if (seen.has(owner)) return false;
      seen.add(owner);
      return true;
    })
    .map((producer) => ({ producer, role: source.roles?.get(producer.id) ?? null }));
  const shown = byTileOrder(cameras).slice(0, RECORDING_GRID.maxTiles);
  const labels = tileLabels(shown.map((c) => c.role));
  return shown.map((c, i) => ({ producer: c.producer, label: labels[i]! }));
}

/**
 * What a segment of the recording takes in: the microphones that send (amix waits for a frame
 * from every input, so a paused microphone in the mix would hold everyone's sound until the
 * segment ends) and the cameras the grid shows; whether anything is sent at all (nothing: no
 * segment runs, recordingSegments.ts waits for someone); and how many producers the room has,
 * paused or not (a room with only cameras turned off is quiet, not empty).
 */
export function recordedProducers(source: RecordingSource): { audio: types.Producer[]; cameras: Array<{ producer: types.Producer; label: string }>; sending: boolean; live: number } {
  const audio = source.producers.filter((p) => p.kind === 'audio' && !p.closed && !p.paused);
  const cameras = recordedCameras(source);
  return { audio, cameras, sending: cameras.length > 0 || audio.length > 0, live: source.producers.filter((p) => !p.closed).length };
}

export class RoomRecorder {
  private stopping = false;
  /** The media flows to ffmpeg: from now on its exit is a failure to report. */
  private flowing = false;
  private readonly exited: Promise<number | null>;
  private keyframes: NodeJS.Timeout | null = null;
  private legsGrace: NodeJS.Timeout | null = null;
  /** The deadline signals scheduled, each at its time (ms since the epoch): an earlier deadline replaces a later one. */
  private readonly deadlines = new Map<'SIGINT' | 'SIGKILL', { at: number; timer: NodeJS.Timeout }>();
  /** Resolves when the SIGKILL deadline comes, whether ffmpeg is still there or not: the drain of its input is not watched past it. */
  private killDue: () => void = () => undefined;
  private readonly killTime = new Promise<void>((resolve) => (this.killDue = resolve));
  private cutShort = false;
  /** ffmpeg has exited, or could not run at all. */
  private over = false;
  /** The end of what ffmpeg wrote to stderr (its errors; it says nothing else at this log level). */
  complaints = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly legs: Leg[],
    readonly file: string,
    /** Every stream comes from the room (a microphone at least): ffmpeg ends when its RTP input does. */
    private readonly endsWithInput: boolean,
    private readonly timing: RecorderTiming,
    onFailed: (reason: string) => void,
  ) {
    child.stderr?.on('data', (chunk: Buffer) => {
      this.complaints = (this.complaints + chunk.toString('utf8')).slice(-2000);
    });
    this.exited = new Promise((resolve) => {
      child.once('error', (error) => {
        this.complaints = `ffmpeg could not run: ${error.message}`;
        this.ended();
        if (!this.stopping && this.flowing) onFailed(this.complaints);
        resolve(null);
      });
      child.once('exit', (code) => {
        this.ended();
        if (!this.stopping && this.flowing) onFailed(`ffmpeg stopped (${String(code)}): ${this.lastComplaint()}`);
        resolve(code);
      });
    });
  }

  /**
   * Starts recording what the room's producers send now; throws if there is nothing to record, or
   * if ffmpeg does not listen (it exits, takes over `timing.listenMs`, or `signal` aborts): then
   * nothing is handed over and no recorder runs.
   */
  static async start(source: RecordingSource, options: RecorderOptions): Promise<RoomRecorder> {
    const { audio, cameras } = recordedProducers(source);
    const video = cameras.map((c) => c.producer);
    if (audio.length === 0 && video.length === 0) throw new Error('Nobody in the room sends media yet');
    // no ffmpeg for a recording already stopping (the hub closing): nothing would stop it
    if (options.signal?.aborted) throw new Error(STOPPED_WHILE_STARTING);
    const legs: Leg[] = [];
    const tile = gridTiles(video.length)[0]!;
    try {
      const producers = [...audio, ...video];
      const ports = await freePortPairs(producers.length);
      for (const [i, producer] of producers.entries()) {
        const transport = await source.router.createPlainTransport({ listenIp: { ip: '127.0.0.1' }, rtcpMux: false, comedia: false });
        const port = ports[i]!;
        await transport.connect({ ip: '127.0.0.1', port, rtcpPort: port + 1 });
        const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: plainCapabilities(source.router), paused: true, enableRtx: false });
        if (consumer.type === 'simulcast') await consumer.setPreferredLayers({ spatialLayer: spatialLayerForTile(tile.width, tile.height), temporalLayer: 2 });
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
    const args = ffmpegArguments(
      sdpFile,
      audio.length,
      cameras.map((c) => c.label),
      options.file,
    );
    const child = spawn(options.ffmpeg ?? 'ffmpeg', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const timing = options.timing ?? RECORDER_TIMING;
    const recorder = new RoomRecorder(child, legs, options.file, audio.length > 0, timing, (reason) => options.onFailed(reason));
    await recorder.flow(options.handover, options.signal);
    return recorder;
  }

  /**
   * Lets the media flow once ffmpeg listens, and asks for keyframes while it finds its streams.
   * An ffmpeg that does not listen is ended here, and the segment before goes on: a hand-over to a
   * recorder that never listens would record nothing from then on.
   */
  private async flow(handover: (() => void) | undefined, signal: AbortSignal | undefined): Promise<void> {
    let gaveUp: NodeJS.Timeout | undefined;
    const late = new Promise((resolve) => (gaveUp = setTimeout(resolve, this.timing.listenMs)));
    // The signal lives as long as the recording and sees every segment start: its listener goes
    // once this start is decided, or they pile up (and keep their closures) segment after segment.
    let onAbort: (() => void) | undefined;
    const aborted = new Promise((resolve) => {
      onAbort = () => resolve(null);
      if (signal?.aborted) resolve(null);
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
    const listening = await portsListening(
      this.legs.map((l) => l.port),
      Promise.race([this.exited, late, aborted]),
    ).finally(() => {
      clearTimeout(gaveUp);
      if (onAbort) signal?.removeEventListener('abort', onAbort);
    });
    if (!listening || !this.running() || signal?.aborted) {
      const why = !this.running()
        ? `ffmpeg stopped before it listened: ${this.lastComplaint()}`
        : signal?.aborted
          ? STOPPED_WHILE_STARTING
          : `ffmpeg did not listen within ${this.timing.listenMs / 1000} s`;
      await this.stop({ interruptMs: 0, killMs: this.timing.closing.killMs });
      throw new Error(why);
    }
    this.flowing = true;
    handover?.();
    await Promise.all(this.legs.map((l) => l.consumer.resume()));
    let asks = 0;
    this.keyframes = setInterval(() => {
      for (const l of this.legs) if (l.consumer.kind === 'video' && !l.consumer.closed) void l.consumer.requestKeyFrame().catch(() => undefined);
      if (++asks >= 5 && this.keyframes) clearInterval(this.keyframes);
    }, 1000);
    this.keyframes.unref();
  }

  /** Whether a deadline signalled ffmpeg: its file may lack its end (its cues, a last cluster cut), and is salvaged. */
  get cut(): boolean {
    return this.cutShort;
  }

  /**
   * Stops the recording and resolves with ffmpeg's exit code once it has ended. Where the segment
   * has a microphone, every stream ffmpeg reads comes from the room: its RTP input is ended
   * (endInput), and ffmpeg mixes and writes all it read before it exits: on a starved hub its main
   * loop runs well behind the sockets, and SIGINT would drop that backlog. A segment
   * with no microphone (its silence generated without end) is stopped by SIGINT, seen at its next
   * packet, its legs closing a moment later. Either way `deadline` bounds it: SIGINT at
   * `interruptMs` (the backlog is dropped), SIGKILL at `killMs` (what is on disk stays, `cut`).
   * Called again while stopping, an earlier deadline replaces the later one (the hub closing).
   */
  async stop(deadline: StopDeadline = this.timing.stop): Promise<number | null> {
    if (!this.stopping) {
      this.stopping = true;
      if (this.endsWithInput) void this.endInput();
      else if (this.running()) this.child.kill('SIGINT');
      this.legsGrace = setTimeout(() => this.closeLegs(), LEGS_GRACE_MS);
    }
    this.hasten('SIGINT', deadline.interruptMs);
    this.hasten('SIGKILL', deadline.killMs);
    const code = await this.exited;
    await fs.rm(`${this.file}.sdp`, { force: true });
    return code;
  }

  /** Ends ffmpeg's RTP input once it has read every packet sent to it (recordingInputEnd.ts). */
  private async endInput(): Promise<void> {
    await endRtpInput({ legs: this.legs, exited: this.exited, deadline: this.killTime, running: () => this.running(), listened: this.flowing, closeLegs: () => this.closeLegs() });
  }

  private hasten(signal: 'SIGINT' | 'SIGKILL', ms: number): void {
    const at = performance.now() + ms;
    const scheduled = this.deadlines.get(signal);
    if (!this.running() || (scheduled && scheduled.at <= at)) return;
    if (scheduled) clearTimeout(scheduled.timer);
    const timer = setTimeout(() => {
      if (signal === 'SIGKILL') this.killDue();
      if (!this.running()) return;
      this.cutShort = true;
      this.child.kill(signal);
    }, ms);
    this.deadlines.set(signal, { at, timer });
  }

  private running(): boolean {
    return !this.over && this.child.exitCode === null && this.child.signalCode === null;
  }

  private lastComplaint(): string {
    return this.complaints.trim().split('\n').pop() ?? '';
  }

  /** ffmpeg has ended: nothing more is sent to it, and no deadline is pending. */
  private ended(): void {
    this.over = true;
    this.closeLegs();
    if (this.legsGrace) clearTimeout(this.legsGrace);
    for (const { timer } of this.deadlines.values()) clearTimeout(timer);
  }

  private closeLegs(): void {
    if (this.keyframes) clearInterval(this.keyframes);
    for (const l of this.legs) l.transport.close();
  }
}
