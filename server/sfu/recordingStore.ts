import type { DbScope } from '../db/engine.js';

// The `room_recordings` rows (migrations 0033, 0061): the only SQL about recordings.

export interface RecordingRow {
  recordingId: string;
  callId: string;
  caseId: string | null;
  startedAt: string;
  stoppedAt: string | null;
  sha256: string | null;
  size: number | null;
  mimeType: string;
  expiresAt: string;
  deletedAt: string | null;
  recorderInstance: string | null;
  heartbeatAt: string | null;
}

export interface StoppedRecording {
  stoppedAt: string;
  cause: string;
  sha256: string | null;
  size: number;
  seconds: number;
}

export interface RecordingStore {
  started(scope: DbScope, r: { recordingId: string; callId: string; caseId: string | null; startedAt: string; mimeType: string; expiresAt: string; recorderInstance?: string | null }): Promise<void>;
  /**
   * Closes the row if it is still open; false if it was already closed (another instance closed
   * it as interrupted meanwhile), so a recording is stopped once, whoever gets there first.
   */
  stopped(scope: DbScope, recordingId: string, s: StoppedRecording): Promise<boolean>;
  /** The live recorder `instance` says it is alive: every open row it runs gets `at`. */
  beat(scope: DbScope, instance: string, at: string): Promise<void>;
  /**
   * The open rows among `recordingIds` become `instance`'s, beaten at `at`: a dead run's recordings
   * its next start could not close (their files kept) stay open and owned until a start can.
   */
  adopt(scope: DbScope, recordingIds: readonly string[], instance: string, at: string): Promise<void>;
  /** Open rows of another instance whose heartbeat is older than `before` (or never came: before 0061). */
  stale(scope: DbScope, before: string, instance: string): Promise<RecordingRow[]>;
  /** Open rows among `recordingIds` (the plain files a dead run of this data folder left). */
  open(scope: DbScope, recordingIds: readonly string[]): Promise<RecordingRow[]>;
  /**
   * Closes an open row as interrupted (or as `s.cause`, how its recorder said it ended before it
   * died), only if its heartbeat is still what the closer saw (`seen`): a recorder that beat
   * meanwhile is alive, and two closers racing close it once. True if closed here.
   */
  interrupted(scope: DbScope, recordingId: string, seen: string | null, s: Omit<StoppedRecording, 'cause'> & { cause?: string }): Promise<boolean>;
  /** Those of `recordingIds` whose rows are closed. */
  closed(scope: DbScope, recordingIds: readonly string[]): Promise<string[]>;
  /** The sha256 a closed row names (null: none, or the row is open or absent). */
  closedWith(scope: DbScope, recordingId: string): Promise<string | null>;
  find(scope: DbScope, caseId: string, recordingId: string): Promise<RecordingRow | null>;
  /** Stopped recordings whose retention has passed and whose file is still kept. */
  expired(scope: DbScope, at: string): Promise<RecordingRow[]>;
  /** Marks it deleted; false if it already was (another hub instance's sweep got there first). */
  deleted(scope: DbScope, recordingId: string, at: string): Promise<boolean>;
}

type Row = {
  recording_id: string;
  call_id: string;
  case_id: string | null;
  started_at: string;
  stopped_at: string | null;
  sha256: string | null;
  size: number | null;
  mime_type: string;
  expires_at: string;
  deleted_at: string | null;
  recorder_instance: string | null;
  heartbeat_at: string | null;
};

const columns = ['recording_id', 'call_id', 'case_id', 'started_at', 'stopped_at', 'sha256', 'size', 'mime_type', 'expires_at', 'deleted_at', 'recorder_instance', 'heartbeat_at'] as const;

const toRow = (r: Row): RecordingRow => ({
  recordingId: r.recording_id,
  callId: r.call_id,
  caseId: r.case_id,
  startedAt: r.started_at,
  stoppedAt: r.stopped_at,
  sha256: r.sha256,
  size: r.size === null ? null : Number(r.size),
  mimeType: r.mime_type,
  expiresAt: r.expires_at,
  deletedAt: r.deleted_at,
  recorderInstance: r.recorder_instance,
  heartbeatAt: r.heartbeat_at,
});

export const recordingStore: RecordingStore = {
  async started(scope, r) {
    await scope.db
      .insertInto('room_recordings')
      .values({
        recording_id: r.recordingId,
        call_id: r.callId,
        case_id: r.caseId,
        started_at: r.startedAt,
        mime_type: r.mimeType,
        expires_at: r.expiresAt,
        recorder_instance: r.recorderInstance ?? null,
        heartbeat_at: r.startedAt,
      })
      .execute();
  },
  async stopped(scope, recordingId, s) {
    const r = await scope.db
      .updateTable('room_recordings')
      .set({ stopped_at: s.stoppedAt, stop_cause: s.cause, sha256: s.sha256, size: s.size, seconds: s.seconds })
      .where('recording_id', '=', recordingId)
      .where('stopped_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async beat(scope, instance, at) {
    await scope.db.updateTable('room_recordings').set({ heartbeat_at: at }).where('recorder_instance', '=', instance).where('stopped_at', 'is', null).execute();
  },
  async adopt(scope, recordingIds, instance, at) {
    if (recordingIds.length === 0) return;
    await scope.db
      .updateTable('room_recordings')
      .set({ recorder_instance: instance, heartbeat_at: at })
      .where('recording_id', 'in', [...recordingIds])
      .where('stopped_at', 'is', null)
      .execute();
  },
  async stale(scope, before, instance) {
    const rows = await scope.db
      .selectFrom('room_recordings')
      .select(columns)
      .where('stopped_at', 'is', null)
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', before)]))
      .where((eb) => eb.or([eb('recorder_instance', 'is', null), eb('recorder_instance', '!=', instance)]))
      .execute();
    return rows.map(toRow);
  },
  async open(scope, recordingIds) {
    if (recordingIds.length === 0) return [];
    const rows = await scope.db
      .selectFrom('room_recordings')
      .select(columns)
      .where('recording_id', 'in', [...recordingIds])
      .where('stopped_at', 'is', null)
      .execute();
    return rows.map(toRow);
  },
  async interrupted(scope, recordingId, seen, s) {
    // READ COMMITTED on PostgreSQL: a second closer waits on the first one's row lock, then finds
    // the row closed and updates nothing.
    const r = await scope.db
      .updateTable('room_recordings')
      .set({ stopped_at: s.stoppedAt, stop_cause: s.cause ?? 'interrupted', sha256: s.sha256, size: s.size, seconds: s.seconds })
      .where('recording_id', '=', recordingId)
      .where('stopped_at', 'is', null)
      .where((eb) => (seen === null ? eb('heartbeat_at', 'is', null) : eb('heartbeat_at', '=', seen)))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async closed(scope, recordingIds) {
    if (recordingIds.length === 0) return [];
    const rows = await scope.db
      .selectFrom('room_recordings')
      .select('recording_id')
      .where('recording_id', 'in', [...recordingIds])
      .where('stopped_at', 'is not', null)
      .execute();
    return rows.map((r) => r.recording_id);
  },
  async closedWith(scope, recordingId) {
    const r = await scope.db.selectFrom('room_recordings').select('sha256').where('recording_id', '=', recordingId).where('stopped_at', 'is not', null).executeTakeFirst();
    return r?.sha256 ?? null;
  },
  async find(scope, caseId, recordingId) {
    const r = await scope.db.selectFrom('room_recordings').select(columns).where('recording_id', '=', recordingId).where('case_id', '=', caseId).executeTakeFirst();
    return r ? toRow(r) : null;
  },
  async expired(scope, at) {
    const rows = await scope.db.selectFrom('room_recordings').select(columns).where('expires_at', '<=', at).where('deleted_at', 'is', null).where('stopped_at', 'is not', null).execute();
    return rows.map(toRow);
  },
  async deleted(scope, recordingId, at) {
    const r = await scope.db.updateTable('room_recordings').set({ deleted_at: at }).where('recording_id', '=', recordingId).where('deleted_at', 'is', null).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
