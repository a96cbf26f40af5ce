import fs from 'node:fs/promises';
import path from 'node:path';
import { recordingStopCauses } from '../../shared/cases/caseEvents.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { RoomLog } from '../rooms/roomLog.js';
import { RECORDER_TIMING, type RecorderTiming } from './recordingTiming.js';
import { deadRunFiles, salvageRecording } from './recordingSalvage.js';
import { sealedDigest, sealRecording } from './recordingSeal.js';
import type { RecordingRow, RecordingStore } from './recordingStore.js';
import type { SfuLog } from './sfu.js';

// Recordings a dead hub left "in progress" (kill -9, a crash, power): each live recorder beats on
// its rows every RECORDING_HEARTBEAT_MS (server/sfu/recordings.ts); any instance, at start and
// every DEAD_RECORDING_CHECK_MS, closes an open row of another instance whose heartbeat is older
// than RECORDING_STALE_MS as `interrupted`, with one `recording.stopped` event appended in the same
// transaction (two instances racing close it once: server/sfu/recordingStore.ts `interrupted`).
// The plain file lives in the dead instance's own work folder, out of another's reach: closed from
// elsewhere, the recording keeps only a sealed file found in the shared files folder (its instance
// sealed it and died before writing its row). The dead instance itself, started again on its data
// folder, closes its own open rows at once: with the sealed file where a mark in the work folder
// says it was sealed whole (recordings.ts), else with the part that still plays
// (recordingSalvage.ts), sealed with its sha256 as on a normal stop.

/**
 * Beside a recording's plain file in the work folder (`<plain>.sealed`) from the end of its seal
 * until its row is closed: a start that finds it closes the row with the sealed file, as the
 * mark says it ended (SealedMark: no personal data).
 */
export const SEALED_MARK = '.sealed';
export const sealedMark = (plainFile: string) => `${plainFile}${SEALED_MARK}`;

type RecordingStopCause = (typeof recordingStopCauses)[number];

/** What a mark holds: how the recording ended, as its row would have said. */
export interface SealedMark {
  cause: RecordingStopCause;
  seconds: number;
  stoppedAt: string;
}

/** The mark's record; null when it holds none (an empty mark of an older run, or a torn write). */
export async function readSealedMark(file: string): Promise<SealedMark | null> {
  try {
    const m = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<SealedMark>;
    if (
      recordingStopCauses.includes(m.cause as RecordingStopCause) &&
      typeof m.seconds === 'number' &&
      Number.isInteger(m.seconds) &&
      m.seconds >= 0 &&
      typeof m.stoppedAt === 'string' &&
      !Number.isNaN(Date.parse(m.stoppedAt))
    )
      return { cause: m.cause as RecordingStopCause, seconds: m.seconds, stoppedAt: m.stoppedAt };
  } catch {
    // no record in it: closed as interrupted
  }
  return null;
}

/** How often a live recorder says so. */
export const RECORDING_HEARTBEAT_MS = 5_000;
/**
 * A heartbeat older than this means its recorder is gone. Two minutes: far above a few missed
 * beats on a loaded machine and clock differences between instances, and above the minute of
 * database outage the cluster is built to ride out (no instance can beat meanwhile).
 */
export const RECORDING_STALE_MS = 120_000;
/** How often an instance looks for stale rows. */
export const DEAD_RECORDING_CHECK_MS = 30_000;

export interface InterruptedDeps {
  scope: DbScope;
  store: RecordingStore;
  roomLog: RoomLog;
  key: Buffer;
  sealedFile(recordingId: string): string;
  now: () => Date;
  log: SfuLog;
  ffmpeg?: string | undefined;
  /** A heartbeat older than this is stale (default RECORDING_STALE_MS; tests shorten it). */
  staleMs?: number | undefined;
  /** Its salvage's and seal's limits (default RECORDER_TIMING). */
  timing?: Pick<RecorderTiming, 'salvageMs' | 'sealMs'> | undefined;
}

/**
 * Closes `row` as interrupted with the salvaged plain file, or else the sealed file its recorder
 * finished (or none); false if another instance closed it first or its recorder beat meanwhile. A
 * salvaged file is sealed first, and goes again if the row was closed elsewhere without naming it;
 * a sealed file found stays (whoever closed the row may name it).
 */
export async function closeInterrupted(d: InterruptedDeps, row: RecordingRow, plain: string | null, ended: SealedMark | null = null): Promise<boolean> {
  const sealedFile = d.sealedFile(row.recordingId);
  const sealed = plain
    ? await sealRecording(d.key, row.recordingId, plain, sealedFile, (d.timing ?? RECORDER_TIMING).sealMs)
    : ((await sealedDigest(d.key, row.recordingId, sealedFile)) ?? { sha256: null, size: 0 });
  const lastAlive = Date.parse(row.heartbeatAt ?? row.startedAt);
  // A recording stopped and sealed whose hub died before its row: as its mark says it ended.
  const seconds = ended?.seconds ?? Math.max(0, Math.round((lastAlive - Date.parse(row.startedAt)) / 1000));
  const cause: RecordingStopCause = ended?.cause ?? 'interrupted';
  const file = { sha256: sealed.sha256, size: sealed.size, seconds };
  const closed = await inTransaction(d.scope, async (trx) => {
    if (plain) trx.attempt?.onRollback(() => fs.rm(sealedFile, { force: true }));
    if (!(await d.store.interrupted(trx, row.recordingId, row.heartbeatAt, { stoppedAt: ended?.stoppedAt ?? d.now().toISOString(), cause, ...file }))) return false;
    const scene = { callId: row.callId, submissionId: null, caseId: row.caseId };
    await d.roomLog.recording(scene, { type: 'recording.stopped', payload: { recordingId: row.recordingId, cause, ...file } }, trx);
    return true;
  });
  // Closed elsewhere meanwhile (another instance's stale check, which may have named this very file
  // once it was renamed into place): removed only when that row does not name it, as finish does.
  if (!closed && plain && sealed.sha256 !== null && (await d.store.closedWith(d.scope, row.recordingId)) !== sealed.sha256) await fs.rm(sealedFile, { force: true });
  if (closed) d.log.warn({ event: 'recording.interrupted', recordingId: row.recordingId, cause, kept: sealed.sha256 !== null }, 'Closed a recording its hub left in progress');
  return closed;
}

/** Closes other instances' recordings whose heartbeat is stale; how many were closed here. */
export async function closeStaleRecordings(d: InterruptedDeps, instance: string): Promise<number> {
  const before = new Date(d.now().getTime() - (d.staleMs ?? RECORDING_STALE_MS)).toISOString();
  let closed = 0;
  for (const row of await d.store.stale(d.scope, before, instance)) {
    // One row's failure (its sealed file unreadable: EACCES, EIO) holds up no other; it is tried again at the next check.
    try {
      if (await closeInterrupted(d, row, null)) closed += 1;
    } catch (error) {
      d.log.warn({ event: 'recording.error', recordingId: row.recordingId, errName: (error as Error).name, code: (error as NodeJS.ErrnoException).code }, 'A stale recording could not be closed now');
    }
  }
  return closed;
}

/**
 * Removes the seal's `.partial` files (recordingSeal.ts) in the files folder whose rows are closed:
 * a seal whose rename never returned (a hung folder) left one, and nothing writes a closed row's.
 * An open row's stays (its seal may be under way on another instance). How many went.
 */
export async function removeStalePartials(d: Pick<InterruptedDeps, 'scope' | 'store' | 'sealedFile'>): Promise<number> {
  // `<folder>/<id><suffix>`, as the files folder names a sealed file, and `.partial` after it
  const folder = path.dirname(d.sealedFile(''));
  const suffix = `${path.basename(d.sealedFile(''))}.partial`;
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const ids = names.filter((n) => n.endsWith(suffix) && n.length > suffix.length).map((n) => n.slice(0, -suffix.length));
  const closed = await d.store.closed(d.scope, ids);
  for (const id of closed) await fs.rm(`${d.sealedFile(id)}.partial`, { force: true });
  return closed.length;
}

/**
 * The stale check an instance runs at start and every DEAD_RECORDING_CHECK_MS, one at a time: a
 * check still running (a sealed file on a hung files folder never answers, and each read holds one
 * of libuv's few threads) makes the next tick skip, counted in the log, rather than pile up
 * another. `run` resolves with how many rows it closed, or null when it was skipped.
 */
export function staleRecordingCheck(d: InterruptedDeps, instance: string): { run(): Promise<number | null>; skipped(): number } {
  let running: Promise<number> | null = null;
  let skipped = 0;
  return {
    async run() {
      if (running) {
        skipped += 1;
        d.log.warn({ event: 'recording.stale_check_busy', skipped }, 'The last check for stale recordings has not returned: this one is skipped');
        return null;
      }
      running = closeStaleRecordings(d, instance);
      try {
        return await running;
      } finally {
        running = null;
      }
    },
    skipped: () => skipped,
  };
}

/**
 * At start, before anything records: the open recordings whose plain files are in this instance's
 * work folder were its dead run's. Each is closed now, with what of it still plays; the caller
 * then clears the folder but for `kept`: the recordings that could not be closed (a seal stalled,
 * the database failing), whose files stay for the next start (nothing is deleted unsealed); the
 * caller's Recordings holds their rows (Recordings.hold), so no stale check closes them meanwhile.
 */
export async function closeDeadRunRecordings(d: InterruptedDeps, workDir: string): Promise<{ closed: number; kept: Set<string> }> {
  const left = await deadRunFiles(workDir);
  let closed = 0;
  const kept = new Set<string>();
  for (const row of await d.store.open(d.scope, [...left.keys()])) {
    const files = left.get(row.recordingId) ?? [];
    // sealed whole, its row not yet written: the sealed file is the recording (closeInterrupted)
    const mark = files.find((f) => f.endsWith(SEALED_MARK));
    const wasSealed = mark !== undefined;
    const out = path.join(workDir, `${row.recordingId}.salvaged.webm`);
    const pastLimit = () => d.log.warn({ event: 'recording.salvage_cut', recordingId: row.recordingId }, 'Salvaging took too long: the largest file is kept as written');
    try {
      const plain = wasSealed ? null : await salvageRecording(d.ffmpeg ?? 'ffmpeg', files, out, (d.timing ?? RECORDER_TIMING).salvageMs, pastLimit);
      if (await closeInterrupted(d, row, plain, mark ? await readSealedMark(mark) : null)) closed += 1;
    } catch (error) {
      kept.add(row.recordingId);
      d.log.warn({ event: 'recording.error', recordingId: row.recordingId, errName: (error as Error).name }, 'A recording a dead run left could not be closed: its files stay for the next start');
    }
  }
  return { closed, kept };
}
