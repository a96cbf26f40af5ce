import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { RoomRecorder, recordedProducers, type RecorderOptions, type RecordingSource } from './recording.js';

// One recording that follows the room's media. ffmpeg reads a fixed set of streams, and a grid
// waits for every tile: a participant who leaves (or rejoins after a network cut, with new
// producers) would freeze it. So the recording is made of segments: when what a segment records
// changes, the current segment ends and, after a moment of quiet (a rejoin closes and opens
// several producers in a row), the next starts with what the room sends then. A microphone
// paused or resumed while someone else still sends changes nothing (it is silence in the mix).
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
}

/** A rejoin's producers close and open within this time; one new segment covers them all. */
export const SEGMENT_SETTLE_MS = 1500;

/** What a segment made now would take in (its producers and tiles, in order), and whether anything is sent. */
function segmentOf(source: RecordingSource): { shape: string; producers: number; sending: boolean } {
  const { audio, cameras, sending } = recordedProducers(source);
  const shape = [...audio.map((p) => p.id), ...cameras.map((c) => `${c.producer.id}:${c.label}`)].join(' ');
  return { shape, producers: audio.length + cameras.length, sending };
}

export class SegmentedRecording {
  private readonly parts: string[] = [];
  private current: RoomRecorder | null = null;
  /** What the segment running (or starting) takes in; null between segments. */
  private shape: string | null = null;
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
    try {
      await recording.next();
    } catch (error) {
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
    const now = segmentOf(this.room.recordingSource());
    // The segment under way takes in the same and something is still sent: it goes on.
    if (this.shape !== null && now.shape === this.shape && now.sending && !this.settle) return;
    // Otherwise it ends now: its picture would freeze on whoever went, or it would wait on silent ports.
    this.shape = null;
    this.chain = this.chain.then(() => this.endCurrent());
    if (this.settle) clearTimeout(this.settle);
    this.settle = null;
    if (!now.sending && now.producers > 0) {
      this.chain = this.chain.then(() => this.setQuiet(true));
      return;
    }
    this.settle = setTimeout(() => {
      this.settle = null;
      this.chain = this.chain.then(() => this.next().catch(() => undefined));
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

  /** Starts a segment with what the room sends now (nothing sent: quiet until the next change). */
  private async next(): Promise<void> {
    if (this.stopped || this.current) return;
    const source = this.room.recordingSource();
    const now = segmentOf(source);
    if (!now.sending && now.producers > 0) return this.setQuiet(true);
    const file = `${this.options.file}.part${this.parts.length}.webm`;
    this.parts.push(file);
    this.shape = now.shape;
    try {
      this.current = await RoomRecorder.start(source, {
        ffmpeg: this.options.ffmpeg,
        file,
        onFailed: (reason) => {
          if (!this.stopped) this.options.onFailed(reason);
        },
      });
    } catch (error) {
      this.shape = null;
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
