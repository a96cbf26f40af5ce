import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 62: wrong guesses of who someone is (a name + ID ending given through a link, at a kiosk, or
// with a join code), per (bucket, key): `wrong` counted in the window that ends at `window_ends`
// (ISO text). One row per key, taken and given back by single conditional statements
// (server/rateLimit/guessStore.ts), so guesses fired together on several instances never pass the
// bound; a row whose window ended is pruned. Keys are a round, an invitation, a code's sha256, a
// terminal or a client address — never what was typed. Record unlocks counted their wrong answers
// in attempt_windows before (buckets record_unlock.*): nothing reads or sweeps those rows any more,
// so they go (an hour's count at most is forgotten once, at the upgrade).

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('wrong_guesses')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('guess_key', 'text', (c) => c.notNull())
    .addColumn('window_ends', 'text', (c) => c.notNull())
    .addColumn('wrong', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('wrong_guesses_pk', ['bucket', 'guess_key'])
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('wrong_guesses_by_end').on('wrong_guesses').column('window_ends').execute();
  await db.deleteFrom('attempt_windows').where('bucket', 'like', 'record_unlock.%').execute();
}
