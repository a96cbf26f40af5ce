import type { CourtWordsList } from '../../shared/courtWords.js';
import type { DbScope } from '../db/engine.js';

// The `court_words` row (migrations 0063, 0065): the only SQL about the court's own words. One row
// (`slot` 'published'), the list as served, replaced whole by a recount whose counts changed, and
// when the last recount ended (every recount writes it: a restarted hub knows whether one is due).

const SLOT = 'published';

export interface StoredCourtWords {
  version: string;
  /** The list as served (CourtWordsList's JSON), written once per recount, never re-serialised. */
  listJson: string;
}

export const courtWordsStore = {
  /** The list a recount counted, and that recount's end. */
  async write(scope: DbScope, list: CourtWordsList, recountedAt: string): Promise<void> {
    const row = { version: list.version, counted_at: list.countedAt, list_json: JSON.stringify(list), recounted_at: recountedAt };
    await scope.db
      .insertInto('court_words')
      .values({ slot: SLOT, ...row })
      .onConflict((oc) => oc.column('slot').doUpdateSet(row))
      .execute();
  },
  /** A recount that left the list as it was (the row exists: every recount writes a list at first). */
  async recounted(scope: DbScope, recountedAt: string): Promise<void> {
    await scope.db.updateTable('court_words').set({ recounted_at: recountedAt }).where('slot', '=', SLOT).execute();
  },
  /** When the last recount ended; null before the first (or on a row from before 0065). */
  async recountedAt(scope: DbScope): Promise<string | null> {
    const row = await scope.db.selectFrom('court_words').select('recounted_at').where('slot', '=', SLOT).executeTakeFirst();
    return row?.recounted_at ?? null;
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
