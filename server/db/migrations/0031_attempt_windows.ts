import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 31: attempt counts per window for the rate limits every hub instance must share (check-my-case
// lookups, enrollment attempts): server/rateLimit/attemptStore.ts. window_index counts slices of a
// window (a tenth) since the epoch: 6 s slices of a one-minute bound fit a 32-bit integer for
// four centuries; the shortest bound in use is a minute.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('attempt_windows')
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('attempt_key', 'text', (c) => c.notNull())
    .addColumn('window_index', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('attempt_windows_pk', ['bucket', 'attempt_key', 'window_index'])
    .$call(strict(engine))
    .execute();
}
