import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { RoomRecorder, type RecorderOptions, type RecordingSource } from './recording.js';

// One recording that follows the room's media. ffmpeg reads a fixed set of streams, and a grid
// waits for every tile: a participant who leaves (or rejoins after a network cut, with new
// producers) would freeze it. So the recording is made of segments: when the room's producers
// change, the current segment ends and, after a moment of quiet (a rejoin closes and opens
// several producers in a row), the next starts with what the room sends then. On stop the
// segments are joined by stream copy (each has the same two streams at the same size) into the
// one file that is sealed. The seam loses about a second, the time ffmpeg takes to find its
// streams. Someone new never arrives here: the consent rule stops the recording first.

export interface RecordedRoom {
  recordingSource(): RecordingSource;
  onProducersChanged(listener: () => void): () => void;
}

/** A rejoin's producers close and open within this time; one new segment covers them all. */
export const SEGMENT_SETTLE_MS = 1500;

export class SegmentedRecording {
  private readonly parts: string[] = [];
  private current: RoomRecorder | null = null;
  private chain: Promise<void> = Promise.resolve();
  private settle: NodeJS.Timeout | null = null;
  private stopped = false;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly room: RecordedRoom,
    private readonly options: RecorderOptions & { settleMs?: number },
  ) {
    this.unsubscribe = room.onProducersChanged(() => this.changed());
  }

  /** Starts the first segment; throws (as RoomRecorder.start) if nobody sends media yet. */
  static async start(room: RecordedRoom, options: RecorderOptions & { settleMs?: number }): Promise<SegmentedRecording> {
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

  private changed(): void {
    if (this.stopped) return;
    // The segment under way ends now; its picture would freeze on whoever went.
    this.chain = this.chain.then(() => this.endCurrent());
    if (this.settle) clearTimeout(this.settle);
    this.settle = setTimeout(() => {
      this.settle = null;
      this.chain = this.chain.then(() => this.next().catch(() => undefined));
    }, this.options.settleMs ?? SEGMENT_SETTLE_MS);
  }

  private async endCurrent(): Promise<void> {
    const recorder = this.current;
    this.current = null;
    await recorder?.stop();
  }

  /** Starts a segment with what the room sends now (nothing sending: the next change tries again). */
  private async next(): Promise<void> {
    if (this.stopped || this.current) return;
    const file = `${this.options.file}.part${this.parts.length}.webm`;
    this.parts.push(file);
    this.current = await RoomRecorder.start(this.room.recordingSource(), {
      ffmpeg: this.options.ffmpeg,
      file,
      onFailed: (reason) => {
        if (!this.stopped) this.options.onFailed(reason);
      },
    });
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
