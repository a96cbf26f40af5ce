import type { CourtWordsList } from '../../shared/courtWords.js';
import type { DbScope } from '../db/engine.js';

// The `court_words` row (migration 0063): the only SQL about the court's own words. One row (`slot`
// 'published'), the list as served, replaced whole by a recount whose counts changed.

const SLOT = 'published';

export interface StoredCourtWords {
  version: string;
  /** The list as served (CourtWordsList's JSON), written once per recount, never re-serialised. */
  listJson: string;
}

export const courtWordsStore = {
  async write(scope: DbScope, list: CourtWordsList): Promise<void> {
    const row = { version: list.version, counted_at: list.countedAt, list_json: JSON.stringify(list) };
    await scope.db
      .insertInto('court_words')
      .values({ slot: SLOT, ...row })
      .onConflict((oc) => oc.column('slot').doUpdateSet(row))
      .execute();
  },
  /** The published version alone (a kiosk's poll asks this of the database, not the whole list); null before the first count. */
  async version(scope: DbScope): Promise<string | null> {
    const row = await scope.db.selectFrom('court_words').select('version').where('slot', '=', SLOT).executeTakeFirst();
    return row?.version ?? null;
  },
  async read(scope: DbScope): Promise<StoredCourtWords | null> {
    const row = await scope.db.selectFrom('court_words').select(['version', 'list_json as listJson']).where('slot', '=', SLOT).executeTakeFirst();
    return row ?? null;
  },
};
