import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 24: the data key's check value (server/personalData/keyCheck.ts), written on the first start
// with a key, so that a hub started with another key refuses to start instead of sealing new
// data under it beside data it can no longer open. One row.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('data_key_check')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('check_value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
}
