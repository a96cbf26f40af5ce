import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 63: the court's own words as last published (server/courtWords/): one row (`slot` 'published'),
// the whole list kiosks fetch as JSON with its version and when it was counted, replaced whole by
// each recount that changes it. Serving reads it and never decrypts a filing; a restarted hub
// serves it at once. Only counts of dictionary words that ≥ 5 filings used: no personal data.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('court_words')
    .addColumn('slot', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('counted_at', 'text', (c) => c.notNull())
    .addColumn('list_json', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
}
