import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { RoomRecorder, recordedProducers, type RecorderOptions, type RecordingSource } from './recording.js';

// One recording that follows the room's media. ffmpeg reads a fixed set of streams, and a grid
// waits for every tile: a participant who leaves (or rejoins after a network cut, with new
// producers) would freeze it. So the recording is made of segments: when what a segment records
// changes, the current segment ends and, after a moment of quiet (a rejoin closes and opens
// several producers in a row), the next starts with what the room sends then. A segment takes in
// only the microphones that send when it starts: ffmpeg configures its filter graph once every
// input has delivered a frame, and until then writes nothing (a hub killed would leave an empty
// part) while the other inputs' frames pile up in its memory. Under the floor rule the quiet ends
// with one microphone resumed and the others still paused, so a microphone that sends and is not
// an input starts the next segment. A microphone that pauses mid-segment stays an input: the
// graph is configured by then, and ffmpeg 5.1 goes on writing the others' sound (measured in
// tests/integration/roomRecorder.test.ts), so the floor passing costs no seam.
// When nothing is sent at all (every microphone paused by the floor rule, every camera off) the
// segment ends and none runs until someone sends again: ffmpeg would wait on silent ports, and a
// hearing's recorder must not be one that gives up on a quiet room. On stop the segments are
// joined by stream copy (each has the same two streams at the same size) into the one file that
// is sealed: a quiet time is a gap between them, not silence the file pretends to hold. The seam
// loses about a second, the time ffmpeg takes to find its streams. Someone new never arrives
// here: the consent rule stops the recording first.

export interface RecordedRoom {
  recordingSource(): RecordingSource;
  onProducersChanged(listener: () => void): () => void;
}

export interface SegmentOptions extends RecorderOptions {
  settleMs?: number;
  /** Nothing is being recorded now because nothing is sent (true), or someone sends again (false). */
  onQuiet?(quiet: boolean): void;
  /** A segment after the first could not start: nothing is recorded until the room changes again. */
  onSegmentFailed?(reason: string): void;
}

/** A rejoin's producers close and open within this time; one new segment covers them all. */
export const SEGMENT_SETTLE_MS = 1500;

/** What a segment takes in: the microphones that sent when it started, and its tiles in order. */
interface SegmentInputs {
  microphones: ReadonlySet<string>;
  cameras: string;
}

/** What a segment made now would take in; whether anything is sent; whether anyone has media at all (a camera off is media, paused). */
function segmentOf(source: RecordingSource): SegmentInputs & { sending: boolean; hasMedia: boolean } {
  const { audio, cameras, sending } = recordedProducers(source);
  return {
    microphones: new Set(audio.map((p) => p.id)),
    cameras: cameras.map((c) => `${c.producer.id}:${c.label}`).join(' '),
    sending,
    hasMedia: source.producers.some((p) => !p.closed),
  };
}

/** Whether the segment taking in `inputs` can go on with the room as it is `now`. */
function goesOn(inputs: SegmentInputs, now: ReturnType<typeof segmentOf>, source: RecordingSource): boolean {
  if (!now.sending || now.cameras !== inputs.cameras) return false;
  // a microphone that sends and is not an input would not be heard
  if ([...now.microphones].some((id) => !inputs.microphones.has(id))) return false;
  const live = new Set(source.producers.filter((p) => !p.closed).map((p) => p.id));
  // an input closed (its participant left) ends its stream in ffmpeg; one paused is silence
  return [...inputs.microphones].every((id) => live.has(id));
}

export class SegmentedRecording {
  private readonly parts: string[] = [];
  private current: RoomRecorder | null = null;
  /** What the segment running (or starting) takes in; null between segments. */
  private inputs: SegmentInputs | null = null;
  private quietNow = false;
  private chain: Promise<void> = Promise.resolve();
  private settle: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly room: RecordedRoom,
    private readonly options: SegmentOptions,
  ) {
    this.unsubscribe = room.onProducersChanged(() => this.changed());
  }

  /**
   * Starts the first segment, or waits quietly for someone to send if every producer is paused;
   * throws (as RoomRecorder.start) if nobody in the room has any media.
   */
  static async start(room: RecordedRoom, options: SegmentOptions): Promise<SegmentedRecording> {
    const recording = new SegmentedRecording(room, options);
    // On the chain, so a change while it starts ends it after, and the settle's next start waits
    // for it (outside, a slow first start ran beside a second, one of them never stopped).
    const first = recording.next(true);
    recording.chain = first.catch(() => undefined);
    try {
      await first;
    } catch (error) {
      recording.stopped = true;
      if (recording.settle) clearTimeout(recording.settle);
      recording.unsubscribe();
      throw error;
    }
    return recording;
  }

  /** How many segments were started (tests and the log). */
  get segments(): number {
    return this.parts.length;
  }

  /** Whether nothing is recorded now because nothing is sent (no ffmpeg runs). */
  get quiet(): boolean {
    return this.quietNow;
  }

  private changed(): void {
    if (this.stopped) return;
    const source = this.room.recordingSource();
    const now = segmentOf(source);
    if (this.inputs !== null && !this.settle && goesOn(this.inputs, now, source)) return;
    // Otherwise it ends now: its picture would freeze on whoever went, it would not hear who
    // speaks now, or it would wait on silent ports.
    this.inputs = null;
    this.chain = this.chain.then(() => this.endCurrent());
    if (this.settle) clearTimeout(this.settle);
    this.settle = null;
    if (!now.sending && now.hasMedia) {
      this.chain = this.chain.then(() => this.setQuiet(true));
      return;
    }
    this.settle = setTimeout(() => {
      this.settle = null;
      this.chain = this.chain.then(() =>
        this.next(false).catch((error: unknown) => {
          if (!this.stopped) this.options.onSegmentFailed?.((error as Error).message);
        }),
      );
    }, this.options.settleMs ?? SEGMENT_SETTLE_MS);
  }

  private setQuiet(quiet: boolean): void {
    if (this.stopped || this.quietNow === quiet) return;
    this.quietNow = quiet;
    this.options.onQuiet?.(quiet);
  }

  private async endCurrent(): Promise<void> {
    const recorder = this.current;
    this.current = null;
    await recorder?.stop();
  }

  /**
   * Starts a segment with what the room sends now: nothing sent, quiet until the next change
   * (the first also throws if nobody has any media at all; later, everyone left in a rejoin).
   */
  private async next(first: boolean): Promise<void> {
    if (this.stopped || this.current) return;
    const source = this.room.recordingSource();
    const now = segmentOf(source);
    if (!now.sending && (now.hasMedia || !first)) return this.setQuiet(true);
    const file = `${this.options.file}.part${this.parts.length}.webm`;
    this.parts.push(file);
    this.inputs = now;
    try {
      this.current = await RoomRecorder.start(source, {
        ffmpeg: this.options.ffmpeg,
        file,
        onFailed: (reason) => {
          if (!this.stopped) this.options.onFailed(reason);
        },
      });
    } catch (error) {
      this.inputs = null;
      throw error;
    }
    this.setQuiet(false);
  }

  /**
   * Ends the last segment and joins them all into the recording's file. If they cannot be
   * joined, the longest segment is kept as the file (a recording is never lost whole) and the
   * reason is returned for the log.
   */
  async stop(): Promise<string | null> {
    this.stopped = true;
    this.unsubscribe();
    if (this.settle) clearTimeout(this.settle);
    await this.chain;
    await this.endCurrent();
    const written: Array<{ part: string; size: number }> = [];
    for (const part of this.parts) {
      const size = (await fs.stat(part).catch(() => null))?.size ?? 0;
      if (size > 0) written.push({ part, size });
    }
    let problem: string | null = null;
    try {
      if (written.length === 1) await fs.rename(written[0]!.part, this.options.file);
      else if (written.length > 1) {
        await joinSegments(
          this.options.ffmpeg ?? 'ffmpeg',
          written.map((w) => w.part),
          this.options.file,
        ).catch(async (error: unknown) => {
          problem = (error as Error).message;
          const longest = written.reduce((a, b) => (b.size > a.size ? b : a));
          await fs.rename(longest.part, this.options.file);
        });
      }
    } finally {
      for (const part of this.parts) await fs.rm(part, { force: true });
    }
    return problem;
  }
}

/** Joins WebM segments with the same streams into `out` by stream copy (ffmpeg's concat demuxer). */
export async function joinSegments(ffmpeg: string, parts: readonly string[], out: string): Promise<void> {
  const list = `${out}.segments.txt`;
  await fs.writeFile(list, parts.map((p) => `file '${p.replace(/'/g, "'\\''")}'`).join('\n') + '\n', { mode: 0o600 });
  // ffmpeg keeps an existing file's mode when it truncates it: the joined recording is 0600 too
  await fs.writeFile(out, '', { mode: 0o600 });
  try {
    const args = ['-nostdin', '-hide_banner', '-loglevel', 'error', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-f', 'webm', '-y', out];
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let complaints = '';
    child.stderr.on('data', (chunk: Buffer) => (complaints = (complaints + chunk.toString('utf8')).slice(-2000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`ffmpeg could not join the recording's segments (${String(code)}): ${complaints.trim().split('\n').pop() ?? ''}`);
  } finally {
    await fs.rm(list, { force: true });
  }
}
