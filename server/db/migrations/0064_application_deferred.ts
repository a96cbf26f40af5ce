import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

// 64: which answers a short application left to be asked (`deferred`, a JSON list of field names
// from shared/application.ts, never their values), beside the sealed application, so a masked
// case page says "to be asked" without opening the application (minimisation). Rows from before
// this step have none (null): their masked page shows "—" and the opened page still reads the
// list from the application itself.

export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('case_applications').addColumn('deferred_json', 'text').execute();
}
