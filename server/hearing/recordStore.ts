import type { DbScope } from '../db/engine.js';
import type { Vault } from '../personalData/vault.js';

// The `hearing_records` rows (migration 0034): the only SQL about a hearing's record (笔录). A save
// appends the version after the one it was typed on; if that version exists already (someone saved
// first) it is refused and nothing is written. The text is sealed with the data key.

export interface RecordVersion {
  version: number;
  text: string;
}

export interface HearingRecordStore {
  /** The version saved, or null when `baseVersion` is no longer the latest. */
  save(scope: DbScope, r: { callId: string; caseId: string | null; baseVersion: number; text: string; savedBy: string; at: string }): Promise<number | null>;
  /** The latest version (version 0, empty: nothing saved yet). */
  latest(scope: DbScope, callId: string): Promise<RecordVersion>;
  /** The text of one saved version, or null. */
  text(scope: DbScope, callId: string, version: number): Promise<string | null>;
}

export function hearingRecordStore(vault: Vault): HearingRecordStore {
  async function latest(scope: DbScope, callId: string): Promise<RecordVersion> {
    const row = await scope.db.selectFrom('hearing_records').select(['version', 'text_sealed']).where('call_id', '=', callId).orderBy('version', 'desc').limit(1).executeTakeFirst();
    return row ? { version: Number(row.version), text: vault.open('document', row.text_sealed) } : { version: 0, text: '' };
  }
  return {
    latest,
    async text(scope, callId, version) {
      const row = await scope.db.selectFrom('hearing_records').select('text_sealed').where('call_id', '=', callId).where('version', '=', version).executeTakeFirst();
      return row ? vault.open('document', row.text_sealed) : null;
    },
    async save(scope, r) {
      if ((await latest(scope, r.callId)).version !== r.baseVersion) return null;
      const version = r.baseVersion + 1;
      // The primary key (call_id, version) refuses a second save on the same base that raced this one.
      const inserted = await scope.db
        .insertInto('hearing_records')
        .values({ call_id: r.callId, version, case_id: r.caseId, text_sealed: vault.seal('document', r.text), saved_by: r.savedBy.slice(0, 80), saved_at: r.at })
        .onConflict((oc) => oc.columns(['call_id', 'version']).doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1 ? version : null;
    },
  };
}
