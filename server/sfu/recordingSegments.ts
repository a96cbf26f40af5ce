import fs from 'node:fs/promises';
import { RoomRecorder, recordedProducers, type RecorderOptions, type RecordingSource } from './recording.js';
import { RECORDER_TIMING, type StopDeadline } from './recordingTiming.js';
import { joinLimitMs, joinSegments } from './recordingJoin.js';
import { salvageRecording } from './recordingSalvage.js';

// One recording that follows the room's media. ffmpeg reads a fixed set of streams; the grid
// waits for every tile and the mix for every microphone: a participant who leaves (or rejoins
// after a network cut, with new producers), a camera turned off or a microphone paused (the
// hearing's floor, a self-mute) would hold it. So the recording is made of segments, each taking
// in what is sent: when that changes, after a moment (a rejoin closes and opens several producers
// in a row; the floor pauses some microphones and resumes one) the next segment starts with what
// the room sends then. The segment before it goes on recording until the next one's ffmpeg
// listens, and is stopped only then (RoomRecorder.start's handover): a change loses no sound to
// ffmpeg's start; a next ffmpeg that never listens takes nothing over (the failure is reported).
// When nothing is sent at all (every microphone paused, every camera off) the segment ends and
// none runs until someone sends again: ffmpeg would wait on silent ports, and a hearing's recorder
// must not be one that gives up on a quiet room. On stop the segments are joined by stream copy
// (each has the same two streams at the same size) into the one file that is sealed: a quiet time
// is a gap between them, not silence the file pretends to hold; a segment whose ffmpeg a stop's
// deadline cut short is salvaged first (recordingSalvage.ts), as a dead run's. Someone new never
// arrives here: the consent rule stops the recording first.

export interface RecordedRoom {
  recordingSource(): RecordingSource;
  onProducersChanged(listener: () => void): () => void;
}

export interface SegmentOptions extends RecorderOptions {
  /** How long the room's producers settle after one opens or closes (default SEGMENT_SETTLE_MS). */
  settleMs?: number;
  /** Nothing is being recorded now because nothing is sent (true), or someone sends again (false). */
  onQuiet?(quiet: boolean): void;
}

/** A rejoin's producers close and open within this time; one new segment covers them all. */
export const SEGMENT_SETTLE_MS = 1500;
/** The floor pauses the others' microphones and resumes the speaker's within this time. */
export const PAUSE_SETTLE_MS = 300;

/** What a segment made now would take in (its producers and tiles, in order), whether anything is sent, and the room's producers. */
function segmentOf(source: RecordingSource): { shape: string; sending: boolean; live: number; producers: string } {
  const { audio, cameras, sending, live } = recordedProducers(source);
  const shape = [...audio.map((p) => p.id), ...cameras.map((c) => `${c.producer.id}:${c.label}`)].join(' ');
  const producers = source.producers
    .filter((p) => !p.closed)
    .map((p) => p.id)
    .sort()
    .join(' ');
  return { shape, sending, live, producers };
}

export class SegmentedRecording {
  private readonly parts: string[] = [];
  private current: RoomRecorder | null = null;
  /** What the segment running (or starting) takes in; null between segments. */
  private shape: string | null = null;
  /** The room's producers (paused or not) when the last segment was made. */
  private producers = '';
  private quietNow = false;
  private chain: Promise<void> = Promise.resolve();
  private settle: NodeJS.Timeout | null = null;
  /** Segments handed over or stopped and still finishing their file. */
  private readonly ending = new Map<RoomRecorder, Promise<void>>();
  /** The deadline a segment ending now gets (shortened when the hub closes). */
  private deadline: StopDeadline;
  /** A segment's ffmpeg was cut short by its deadline: the segments are salvaged, not joined as they are. */
  private cutShort = false;
  /** Aborts a segment's start (its ffmpeg not yet listening) when the recording stops. */
  private readonly starting = new AbortController();
  private readonly forgetSignal: () => void;
  private stopped = false;
  /** Stopped, the file kept is only part of what was written (segments not joined, a salvage past its limit). */
  partial = false;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly room: RecordedRoom,
    private readonly options: SegmentOptions,
  ) {
    this.unsubscribe = room.onProducersChanged(() => this.changed());
    this.deadline = (options.timing ?? RECORDER_TIMING).stop;
    const abort = () => this.starting.abort();
    // Already aborted: no 'abort' event will come, and the first segment must not start.
    if (options.signal?.aborted) this.starting.abort();
    options.signal?.addEventListener('abort', abort, { once: true });
    this.forgetSignal = () => options.signal?.removeEventListener('abort', abort);
  }

  /**
   * Starts the first segment, or waits quietly for someone to send if every producer is paused;
   * throws (as RoomRecorder.start) if nobody in the room has any media. The first segment starts
   * on the chain every later one does: a change while it starts waits for it, so no two run.
   */
  static async start(room: RecordedRoom, options: SegmentOptions): Promise<SegmentedRecording> {
    const recording = new SegmentedRecording(room, options);
    const first = recording.chain.then(() => recording.next());
    recording.chain = first.catch(() => undefined);
    try {
      await first;
    } catch (error) {
      recording.stopped = true;
      recording.unsubscribe();
      recording.forgetSignal();
      if (recording.settle) clearTimeout(recording.settle);
      throw error;
    }
    return recording;
  }

  /** How many segments were started (tests and the log). */
  get segments(): number {
    return this.parts.length;
  }

  /** Whether nothing is recorded now because nothing is sent (no ffmpeg takes media). */
  get quiet(): boolean {
    return this.quietNow;
  }

  private changed(): void {
    if (this.stopped) return;
    const now = segmentOf(this.room.recordingSource());
    // What the segment under way takes in is sent again as it was (a pause undone within the
    // settling time): it goes on. The mix follows each microphone's clock only softly (mixFilter), so
    // the pause is no silence there: that voice is brought back in step over the next seconds.
    if (this.shape !== null && now.shape === this.shape) {
      if (this.settle) clearTimeout(this.settle);
      this.settle = null;
      return;
    }
    if (this.settle) clearTimeout(this.settle);
    const settleMs = now.producers === this.producers ? PAUSE_SETTLE_MS : (this.options.settleMs ?? SEGMENT_SETTLE_MS);
    this.settle = setTimeout(() => {
      this.settle = null;
      this.chain = this.chain.then(() =>
        this.next().catch((error: unknown) => {
          if (!this.stopped) this.options.onFailed(`A segment of the recording could not start: ${(error as Error).message}`);
        }),
      );
    }, settleMs);
  }

  private setQuiet(quiet: boolean): void {
    if (this.stopped || this.quietNow === quiet) return;
    this.quietNow = quiet;
    this.options.onQuiet?.(quiet);
  }

  /** Lets `recorder` finish its file in the background (stop() waits for it); resolves when it has. */
  private retire(recorder: RoomRecorder | null): Promise<void> {
    if (!recorder) return Promise.resolve();
    const ended = recorder.stop(this.deadline).then(
      () => void (this.cutShort ||= recorder.cut),
      () => undefined,
    );
    this.ending.set(recorder, ended);
    void ended.then(() => this.ending.delete(recorder));
    return ended;
  }

  /** The hub closes: every segment still finishing, and any ended from now on, gets `deadline` if it is sooner. */
  hasten(deadline: StopDeadline): void {
    this.deadline = deadline;
    this.starting.abort();
    for (const recorder of this.ending.keys()) void recorder.stop(deadline);
  }

  /**
   * Starts a segment with what the room sends now, the one before it taking media until the new
   * one listens; nothing sent: the segment before ends, and the recording is quiet once it has.
   */
  private async next(): Promise<void> {
    if (this.stopped) return;
    const source = this.room.recordingSource();
    const now = segmentOf(source);
    const before = this.current;
    this.producers = now.producers;
    if (!now.sending) {
      if (now.live === 0 && this.parts.length === 0) throw new Error('Nobody in the room sends media yet');
      this.current = null;
      this.shape = null;
      // Quiet once no ffmpeg runs, unless someone sent again meanwhile (not waited for here: a
      // next segment must not wait for this one to finish its file).
      void this.retire(before)
        .then(() => Promise.all(this.ending.values()))
        .then(() => {
          if (!this.current && this.shape === null && !this.settle) this.setQuiet(true);
        });
      return;
    }
    if (before && now.shape === this.shape) return;
    const file = `${this.options.file}.part${this.parts.length}.webm`;
    this.parts.push(file);
    const shapeBefore = this.shape;
    this.shape = now.shape;
    let handedOver = false;
    try {
      this.current = await RoomRecorder.start(source, {
        ffmpeg: this.options.ffmpeg,
        timing: this.options.timing,
        signal: this.starting.signal,
        file,
        onFailed: (reason) => {
          if (!this.stopped) this.options.onFailed(reason);
        },
        handover: () => {
          handedOver = true;
          void this.retire(before);
        },
      });
    } catch (error) {
      // The segment before stays the recording's (stop() ends it) unless it was already stopped.
      this.current = handedOver ? null : before;
      this.shape = this.current ? shapeBefore : null;
      throw error;
    }
    if (!handedOver) void this.retire(before);
    this.setQuiet(false);
  }

  /**
   * Ends the last segment and joins them all into the recording's file (salvaged first where a
   * deadline cut a segment's ffmpeg short); a salvage past `timing.salvageMs` keeps the largest
   * file as ffmpeg wrote it, the reason returned and the file `partial`: the recording is a failed
   * one (recordings.ts). A join that fails, or runs past its limit (`timing.joinMs` and a second
   * per MiB: joinLimitMs, then JoinPastLimit), throws and leaves every segment in the work folder,
   * the row open, for the next start to salvage.
   */
  async stop(): Promise<string | null> {
    this.stopped = true;
    this.unsubscribe();
    this.forgetSignal();
    if (this.settle) clearTimeout(this.settle);
    this.starting.abort();
    await this.chain;
    const last = this.current;
    this.current = null;
    void this.retire(last);
    while (this.ending.size > 0) await Promise.all(this.ending.values());
    const written: Array<{ part: string; size: number }> = [];
    for (const part of this.parts) {
      const size = (await fs.stat(part).catch(() => null))?.size ?? 0;
      if (size > 0) written.push({ part, size });
    }
    const ffmpeg = this.options.ffmpeg ?? 'ffmpeg';
    const timing = this.options.timing ?? RECORDER_TIMING;
    let problem: string | null = null;
    let keepParts = false;
    try {
      if (this.cutShort && written.length > 0) {
        const pastLimit = () => {
          this.partial = true;
          problem = `The salvage of a stop past its deadline took over ${timing.salvageMs / 1000} s: the largest file as ffmpeg wrote it is kept`;
        };
        const salvaged = await salvageRecording(
          ffmpeg,
          written.map((w) => w.part),
          this.options.file,
          timing.salvageMs,
          pastLimit,
        );
        if (!salvaged) problem ??= 'A stop past its deadline left nothing that plays';
      } else if (written.length === 1) await fs.rename(written[0]!.part, this.options.file);
      else if (written.length > 1) {
        const bytes = written.reduce((sum, w) => sum + w.size, 0);
        // A join past its limit (a hang) or failed (a segment ffmpeg will not read as it is, a
        // full disk) throws: every segment stays for the next start to salvage (each copied whole
        // first, recordingSalvage.ts), nothing is chosen away here.
        keepParts = true;
        await joinSegments(
          ffmpeg,
          written.map((w) => w.part),
          this.options.file,
          joinLimitMs(timing.joinMs, bytes),
        );
        keepParts = false;
      }
    } finally {
      if (!keepParts) for (const part of this.parts) await fs.rm(part, { force: true });
    }
    return problem;
  }
}
