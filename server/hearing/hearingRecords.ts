import { roomRoleOf, may } from '../../shared/rooms/roleTable.js';
import type { ParticipantRole } from '../../shared/call.js';
import type { RoomRecordSaveFrame, RoomRecordFrame } from '../../shared/rooms/hearingRecord.js';
import type { DbScope } from '../db/engine.js';
import type { RoomScene } from '../rooms/roomLog.js';
import type { HearingRecordStore } from './recordStore.js';

// The record (笔录) as the desk keeps it (shared/rooms/hearingRecord.ts): a keeper's save becomes the
// next version or is refused with the latest sent back; a keeper who (re)joins gets the latest.
// Who keeps it is the role table's 'keep_record'; the desk audits a refusal like any room request.

export type RecordSaveOutcome = { ok: true; frame: RoomRecordFrame } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT'; message: string; latest: RoomRecordFrame | null };

export interface HearingRecords {
  save(scene: RoomScene, who: { identity: string; role: ParticipantRole; admitted: boolean }, frame: RoomRecordSaveFrame): Promise<RecordSaveOutcome>;
  /** The latest version for a keeper joining the room; null for anyone else, or nothing saved yet. */
  latestFor(scene: RoomScene, role: ParticipantRole): Promise<RoomRecordFrame | null>;
}

export const keepsRecord = (role: ParticipantRole): boolean => may(roomRoleOf(role), 'keep_record');

export function hearingRecords(deps: { scope: DbScope; store: HearingRecordStore; caseOf: (scene: RoomScene) => Promise<string | null>; now: () => Date }): HearingRecords {
  const { scope, store } = deps;
  const latest = async (callId: string): Promise<RoomRecordFrame> => ({ t: 'room.record', callId, ...(await store.latest(scope, callId)) });
  return {
    async save(scene, who, frame) {
      if (!who.admitted || !keepsRecord(who.role)) return { ok: false, code: 'FORBIDDEN', message: 'Only the clerk or the judge keeps the record', latest: null };
      const at = deps.now().toISOString();
      const version = await store.save(scope, { callId: scene.callId, caseId: await deps.caseOf(scene), baseVersion: frame.baseVersion, text: frame.text, savedBy: who.identity, at });
      if (version === null) return { ok: false, code: 'CONFLICT', message: 'The record was saved from elsewhere meanwhile: here is the latest', latest: await latest(scene.callId) };
      return { ok: true, frame: { t: 'room.record', ref: frame.ref, callId: scene.callId, version, text: frame.text } };
    },
    async latestFor(scene, role) {
      if (!keepsRecord(role)) return null;
      const frame = await latest(scene.callId);
      return frame.version > 0 ? frame : null;
    },
  };
}
