// A recorder's time limits, in one place: how long ffmpeg may take to listen, to drain at a stop,
// and how long the file steps after it (join, salvage, seal) may stall before they are left for
// the next start. Read by the recorder (recording.ts) and every step after it.

/** When a stopped ffmpeg is cut short, counted from the stop: SIGINT (its backlog is dropped), then SIGKILL. */
export interface StopDeadline {
  interruptMs: number;
  killMs: number;
}

/** Every time limit of a recorder, in one place (tests give small ones through the options). */
export interface RecorderTiming {
  /** ffmpeg listens within this, or its segment does not start (the one before it goes on). */
  listenMs: number;
  /** A stop while the hub runs: ffmpeg drains what it read (its RTP input ended by a BYE: RoomRecorder.endInput), bounded. */
  stop: StopDeadline;
  /** A stop as the hub closes: nobody waits long for a process the hub's end takes down. */
  closing: StopDeadline;
  /**
   * The segments joined into one file (recordingSegments.ts), and a second more per MiB of them
   * (joinLimitMs): past this ffmpeg is killed and every segment stays in the work folder, the row
   * open, for the next start to salvage (nothing is deleted for being slow).
   */
  joinMs: number;
  /**
   * A cut-short stop's or a dead run's files made whole (recordingSalvage.ts), all its ffmpeg runs
   * together, and a second more per MiB of them: past this the one running is killed, the largest file as ffmpeg wrote it is kept,
   * and the recording ends as failed.
   */
  salvageMs: number;
  /**
   * One step of the seal (recordingSeal.ts: a chunk read or written, the sync) that has not
   * returned after this has stalled (a hung files folder): the seal throws, and the plain file
   * stays for the next start to salvage and seal whole. A slow seal is never cut.
   */
  sealMs: number;
}

/** A stream copy or a seal of hours of WebM takes seconds to a minute: ten are a hang guard, not a budget. */
const FILE_STEP_MS = 10 * 60_000;

export const RECORDER_TIMING: RecorderTiming = {
  listenMs: 60_000,
  stop: { interruptMs: 60_000, killMs: 90_000 },
  closing: { interruptMs: 0, killMs: 10_000 },
  joinMs: FILE_STEP_MS,
  salvageMs: FILE_STEP_MS,
  sealMs: FILE_STEP_MS,
};
