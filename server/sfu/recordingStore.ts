import type { DbScope } from '../db/engine.js';

// The `room_recordings` rows (migration 0033): the only SQL about recordings.

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
}

export interface RecordingStore {
  started(scope: DbScope, r: { recordingId: string; callId: string; caseId: string | null; startedAt: string; mimeType: string; expiresAt: string }): Promise<void>;
  stopped(scope: DbScope, recordingId: string, s: { stoppedAt: string; cause: string; sha256: string | null; size: number; seconds: number }): Promise<void>;
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
};

const columns = ['recording_id', 'call_id', 'case_id', 'started_at', 'stopped_at', 'sha256', 'size', 'mime_type', 'expires_at', 'deleted_at'] as const;

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
});

export const recordingStore: RecordingStore = {
  async started(scope, r) {
    await scope.db
      .insertInto('room_recordings')
      .values({ recording_id: r.recordingId, call_id: r.callId, case_id: r.caseId, started_at: r.startedAt, mime_type: r.mimeType, expires_at: r.expiresAt })
      .execute();
  },
  async stopped(scope, recordingId, s) {
    await scope.db
      .updateTable('room_recordings')
      .set({ stopped_at: s.stoppedAt, stop_cause: s.cause, sha256: s.sha256, size: s.size, seconds: s.seconds })
      .where('recording_id', '=', recordingId)
      .execute();
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
