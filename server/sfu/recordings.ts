import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ConsentEffect } from '../../shared/rooms/recordingConsent.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import { removeClosedWork } from '../files/deadRunWork.js';
import type { RoomLog, RoomMember, RoomScene } from '../rooms/roomLog.js';
import type { RoomRecordings } from '../rooms/roomRecordings.js';
import { RECORDING_HEARTBEAT_MS, sealedMark, type SealedMark } from './interruptedRecordings.js';
import { RECORDING_MIME_TYPE } from './recording.js';
import { RECORDER_TIMING, type RecorderTiming } from './recordingTiming.js';
import { SegmentedRecording, type RecordedRoom } from './recordingSegments.js';
import { sealRecording, syncFolder } from './recordingSeal.js';
import type { RecordingStore } from './recordingStore.js';
import type { SfuLog } from './sfu.js';

// The hub's recordings of rooms (issue 12 item 6), driven by the consent rule's effects in the
// order the room took them: asked / consented / refused become case events; started runs a
// SegmentedRecording (a RoomRecorder per segment) on the room's SFU router; stopped (asked, someone new, the room closed) or ffmpeg
// failing ends it: the plain file is sealed into `recordings/<id>.sealed`, removed, and its
// sha256 goes into `recording.stopped`. A failure never takes the hub down: it is one event and
// one log line. Retention: `sweep` deletes sealed files past `expires_at` and records it.
// While it records, this instance beats on its rows so that, should it die, another instance (or
// its own next start) closes them as interrupted (./interruptedRecordings.ts). A stop finishes in
// the background (ffmpeg draining, the segments joined, the file sealed), within the recorder's
// deadline: the room's next recording starts at once; closing the hub shortens every deadline.

export const DEFAULT_RECORDING_RETENTION_DAYS = 365;

/** Where the rooms' media is (the hub's Sfu): what a recording needs of it. */
export interface RecordedRooms {
  /** Whether the room is on the media server (open or opening). */
  hosts(callId: string): boolean;
  /** The room once its media is up; null if it is not on the media server. */
  ready(callId: string): Promise<RecordedRoom | null>;
}

export interface RecordingsDeps {
  sfu: RecordedRooms | null;
  scope: DbScope;
  store: RecordingStore;
  roomLog: RoomLog;
  /** The case a room belongs to (for the row; the log finds it the same way). */
  caseOf(scene: RoomScene): Promise<string | null>;
  /** A recording's sealed file (server/files/hubFiles.ts), in the shared files folder. */
  sealedFile(recordingId: string): string;
  /** Its plain file while recording, in this instance's own work folder (server/files/hubFiles.ts). */
  plainFile(recordingId: string): string;
  key: Buffer;
  now: () => Date;
  retentionDays: number;
  log: SfuLog;
  ffmpeg?: string | undefined;
  /** The recorders' time limits (default RECORDER_TIMING). */
  timing?: RecorderTiming | undefined;
  /** How often its rows are beaten (default RECORDING_HEARTBEAT_MS; tests shorten it). */
  heartbeatMs?: number | undefined;
}

interface Running {
  recordingId: string;
  scene: RoomScene;
  startedAt: Date;
  recorder: SegmentedRecording | null;
}

/** Whether ffmpeg runs here; checked once at start (a missing ffmpeg refuses every ask, clearly). */
export function ffmpegRuns(ffmpeg = 'ffmpeg'): boolean {
  const r = spawnSync(ffmpeg, ['-hide_banner', '-version'], { stdio: 'ignore', timeout: 20_000 });
  return r.status === 0;
}

export class Recordings implements RoomRecordings {
  private readonly running = new Map<string, Running>();
  /** Each room's effects, handled one after the other. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Recordings whose ffmpeg failed: their stop is recorded as failed. */
  private readonly failing = new Set<string>();
  /** This process's name on the rows it records (each run a new one: a restarted hub is another). */
  readonly instance = randomBytes(6).toString('hex');
  private readonly heartbeat: NodeJS.Timeout;
  /** Recordings being stopped (ffmpeg ending, segments joined, the file sealed): their rows are still open and still beaten. */
  private readonly finishing = new Map<Promise<void>, { callId: string; recorder: SegmentedRecording | null }>();
  /**
   * Recordings whose finish threw (a seal stalled, a join failed or past its limit, the row's write failed) and
   * a dead run's its start could not close: their files stay in the work folder and their rows open,
   * beaten by this instance until its next start closes them with their files (no stale check does),
   * or until their rows are closed otherwise (beat lets go of them then, and removes their work files).
   */
  private readonly held = new Set<string>();
  private readonly timing: RecorderTiming;
  /** The hub closes: recorders still starting give up, stops get the closing deadline. */
  private readonly closing = new AbortController();

  constructor(
    private readonly d: RecordingsDeps,
    private readonly ffmpegAvailable: boolean,
  ) {
    this.heartbeat = setInterval(() => void this.beat(), d.heartbeatMs ?? RECORDING_HEARTBEAT_MS);
    this.heartbeat.unref();
    this.timing = d.timing ?? RECORDER_TIMING;
  }

  /**
   * The heartbeat's tick: every row this instance records is alive now (one query, and none while
   * nothing records). A held recording whose row was closed meanwhile (by another instance, or
   * by whatever closed it here) is let go first: held ones alone keep the beat going. Whether it beat.
   */
  async beat(): Promise<boolean> {
    if (this.held.size > 0) await this.releaseClosed();
    if (this.running.size === 0 && this.finishing.size === 0 && this.held.size === 0) return false;
    await this.d.store.beat(this.d.scope, this.instance, this.d.now().toISOString()).catch((error: unknown) => {
      this.d.log.warn({ event: 'recording.heartbeat_failed', errName: (error as Error).name }, 'Could not record that the recordings are alive');
    });
    return true;
  }

  /**
   * Lets go of the held recordings whose rows are closed (kept all when the database cannot say),
   * and removes their plain work files: the closed row names no file of them, nothing will seal them.
   */
  private async releaseClosed(): Promise<void> {
    const ids = [...this.held];
    const open = await this.d.store.open(this.d.scope, ids).catch(() => null);
    if (!open) return;
    const still = new Set(open.map((r) => r.recordingId));
    const closed = new Set(ids.filter((id) => !still.has(id)));
    if (closed.size === 0) return;
    for (const id of closed) this.held.delete(id);
    await removeClosedWork(path.dirname(this.plainFile(ids[0]!)), closed).catch((error: unknown) => {
      this.d.log.warn({ event: 'recording.work_left', errName: (error as Error).name }, 'Could not remove the work files of recordings closed elsewhere: the next start does');
    });
  }

  /** The recordings held now (their rows open, beaten until a start closes them). */
  holding(): string[] {
    return [...this.held];
  }

  /** A dead run's recordings its start could not close: their rows become this instance's, beaten until a start closes them. */
  async hold(recordingIds: Iterable<string>): Promise<void> {
    const ids = [...recordingIds];
    if (ids.length === 0) return;
    for (const id of ids) this.held.add(id);
    await this.d.store.adopt(this.d.scope, ids, this.instance, this.d.now().toISOString());
  }

  sealedFile(recordingId: string): string {
    return this.d.sealedFile(recordingId);
  }

  private plainFile(recordingId: string): string {
    return this.d.plainFile(recordingId);
  }

  unavailable(callId: string): string | null {
    if (!this.ffmpegAvailable) return 'This hub cannot record: ffmpeg is not installed';
    if (!this.d.sfu?.hosts(callId)) return 'Recording needs the room on the media server (HUB_SFU=on)';
    return null;
  }

  effect(scene: RoomScene, effect: ConsentEffect, by: RoomMember | null, ended: () => void): void {
    const before = this.chains.get(scene.callId) ?? Promise.resolve();
    const next = before
      .then(() => this.apply(scene, effect, by, ended))
      .catch((error: unknown) => this.d.log.warn({ event: 'recording.error', errName: (error as Error).name }, 'A recording step failed'));
    this.chains.set(scene.callId, next);
  }

  /** Waits until every effect given so far for the room is done, its stops finished too (tests, and closing the hub). */
  async settled(callId: string): Promise<void> {
    await this.chains.get(callId);
    await Promise.all([...this.finishing].filter(([, f]) => f.callId === callId).map(([done]) => done));
  }

  private async apply(scene: RoomScene, effect: ConsentEffect, by: RoomMember | null, ended: () => void): Promise<void> {
    switch (effect.kind) {
      case 'requested':
      case 'consented':
      case 'refused':
        if (by) await this.d.roomLog.consent(scene, effect.kind, by);
        return;
      case 'started':
        // The hub closes: nothing would stop a recorder started now (close() stops only those it saw).
        if (this.closing.signal.aborted) return ended();
        return this.start(scene, ended);
      case 'stopped':
        return this.stop(scene.callId, effect.cause);
    }
  }

  private async start(scene: RoomScene, ended: () => void): Promise<void> {
    const room = (await this.d.sfu?.ready(scene.callId)) ?? null;
    const recordingId = randomUUID();
    const startedAt = this.d.now();
    const run: Running = { recordingId, scene, startedAt, recorder: null };
    this.running.set(scene.callId, run);
    const caseId = await this.d.caseOf(scene);
    // The row and its case event together, as at the stop: a case never hears of a stop it was not told began.
    await inTransaction(this.d.scope, async (trx) => {
      await this.d.store.started(trx, {
        recordingId,
        callId: scene.callId,
        caseId,
        startedAt: startedAt.toISOString(),
        mimeType: RECORDING_MIME_TYPE,
        expiresAt: new Date(startedAt.getTime() + this.d.retentionDays * 86_400_000).toISOString(),
        recorderInstance: this.instance,
      });
      await this.d.roomLog.recording(scene, { type: 'recording.started', payload: { recordingId } }, trx);
    });
    try {
      if (!room) throw new Error('the room is not on the media server');
      run.recorder = await SegmentedRecording.start(room, {
        ffmpeg: this.d.ffmpeg,
        timing: this.timing,
        signal: this.closing.signal,
        file: this.plainFile(recordingId),
        onFailed: (reason) => {
          this.d.log.warn({ event: 'recording.failed', recordingId, reason }, 'The recording stopped on its own');
          this.failing.add(recordingId);
          this.effect(scene, { kind: 'stopped', cause: 'stopped' }, null, ended);
          ended();
        },
        // Nothing is sent (every microphone paused, every camera off): the recording waits for someone, it has not ended.
        onQuiet: (quiet) =>
          this.d.log.info({ event: quiet ? 'recording.quiet' : 'recording.resumed', recordingId }, quiet ? 'Nothing is sent in the room: the recording waits' : 'The recording goes on'),
      });
    } catch (error) {
      // A start the hub's closing gave up is the room closing, not a recorder failing.
      const closing = this.closing.signal.aborted;
      if (!closing) this.d.log.warn({ event: 'recording.failed', recordingId, errName: (error as Error).name, reason: (error as Error).message }, 'The recording could not start');
      this.stop(scene.callId, closing ? 'room_closed' : 'failed');
      ended();
    }
  }

  /** Ends the room's recording: the room's chain goes on at once (a new recording may start), the file is finished behind it. */
  private stop(callId: string, asked: 'stopped' | 'participant_changed' | 'room_closed' | 'failed'): void {
    const run = this.running.get(callId);
    if (!run) return;
    this.running.delete(callId);
    // Sealing a long recording on a busy hub can outlast the stale limit: the row is beaten until it is closed.
    const at = this.d.now();
    const done = this.finish(run, asked, at).catch((error: unknown) => {
      this.held.add(run.recordingId);
      this.d.log.warn({ event: 'recording.error', recordingId: run.recordingId, errName: (error as Error).name }, 'A recording could not be finished');
    });
    this.finishing.set(done, { callId, recorder: run.recorder });
    void done.then(() => this.finishing.delete(done));
  }

  private async finish(run: Running, asked: 'stopped' | 'participant_changed' | 'room_closed' | 'failed', stoppedAt: Date): Promise<void> {
    const ffmpegFailed = this.failing.delete(run.recordingId);
    if (this.closing.signal.aborted) run.recorder?.hasten(this.timing.closing);
    const problem = (await run.recorder?.stop()) ?? null;
    if (problem) this.d.log.warn({ event: 'recording.segments', recordingId: run.recordingId, reason: problem }, 'Kept part of the recording');
    const plain = this.plainFile(run.recordingId);
    // A seal that throws (a step stalled past its limit, a full disk) leaves the plain file and the
    // row open: this instance's next start salvages and seals the whole.
    let sealed: { sha256: string | null; size: number } = { sha256: null, size: 0 };
    try {
      const stat = await fs.stat(plain);
      if (stat.size > 0) sealed = await sealRecording(this.d.key, run.recordingId, plain, this.sealedFile(run.recordingId), this.timing.sealMs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // What is kept is not the whole recording (segments not joined, a salvage past its limit): it failed.
    const cause = ffmpegFailed || run.recorder?.partial ? 'failed' : asked;
    // Sealed (or nothing to seal), the row not yet written: a hub that dies now leaves this mark,
    // and its next start closes the row with the sealed file (interruptedRecordings.ts). The plain
    // file goes at once; the mark once the row is closed.
    const mark = sealedMark(plain);
    // The recording ended when it was stopped, not once its file was finished.
    const seconds = Math.max(0, Math.round((stoppedAt.getTime() - run.startedAt.getTime()) / 1000));
    const ended: SealedMark = { cause, seconds, stoppedAt: stoppedAt.toISOString() };
    await fs.mkdir(path.dirname(mark), { recursive: true, mode: 0o700 });
    await fs.writeFile(mark, JSON.stringify(ended), { mode: 0o600 });
    // on disk before the plain file goes: after a power loss the start finds either the plain file or the mark
    await syncFolder(path.dirname(mark));
    await fs.rm(plain, { force: true });
    const file = { cause, sha256: sealed.sha256, size: sealed.size, seconds };
    // The row and its case event in one transaction: a hub that dies between them would leave a
    // closed recording the case never hears of (the stale check closes only open rows).
    const closed = await inTransaction(this.d.scope, async (trx) => {
      if (!(await this.d.store.stopped(trx, run.recordingId, { stoppedAt: stoppedAt.toISOString(), ...file }))) return false;
      await this.d.roomLog.recording(run.scene, { type: 'recording.stopped', payload: { recordingId: run.recordingId, ...file } }, trx);
      return true;
    });
    if (!closed) {
      // Another instance closed it as interrupted while this one could not beat (a long database
      // outage): the case already says so, once, and names this sealed file if it found it whole;
      // a file the row does not name would never be swept.
      const named = sealed.sha256 !== null && (await this.d.store.closedWith(this.d.scope, run.recordingId)) === sealed.sha256;
      this.d.log.warn({ event: 'recording.closed_elsewhere', recordingId: run.recordingId, kept: named }, 'The recording was closed as interrupted meanwhile');
      if (sealed.sha256 && !named) await fs.rm(this.sealedFile(run.recordingId), { force: true });
    }
    await fs.rm(mark, { force: true });
  }

  /** Deletes the sealed files whose retention has passed; each deletion is a case event. */
  async sweep(): Promise<number> {
    const at = this.d.now().toISOString();
    const expired = await this.d.store.expired(this.d.scope, at);
    for (const r of expired) {
      await fs.rm(this.sealedFile(r.recordingId), { force: true });
      // Instances sharing the files folder sweep it each: one of them records the deletion.
      if (!(await this.d.store.deleted(this.d.scope, r.recordingId, at))) continue;
      await this.d.roomLog.recording({ callId: r.callId, submissionId: null, caseId: r.caseId }, { type: 'recording.deleted', payload: { recordingId: r.recordingId, cause: 'retention' } });
    }
    return expired.length;
  }

  /** The hub stops: recordings under way end as if the room closed, each stop within the closing deadline. */
  async close(): Promise<void> {
    this.closing.abort();
    for (const { recorder } of this.finishing.values()) recorder?.hasten(this.timing.closing);
    for (const callId of [...this.running.keys()]) this.effect(this.running.get(callId)!.scene, { kind: 'stopped', cause: 'room_closed' }, null, () => undefined);
    await Promise.all([...this.chains.values()]);
    while (this.finishing.size > 0) await Promise.all(this.finishing.keys());
    // beaten until every row is closed (the stops above seal their files first)
    clearInterval(this.heartbeat);
  }
}
