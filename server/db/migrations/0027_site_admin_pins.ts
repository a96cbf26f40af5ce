import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 27: the kiosk staff panel's PIN per site (issue 14 item 7). Only a salted scrypt digest is kept;
// terminals of the site receive that digest with their heartbeat replies and check the PIN offline.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('site_admin_pins')
    .addColumn('site_id', 'text', (c) => c.primaryKey().references('sites.site_id'))
    .addColumn('salt', 'text', (c) => c.notNull())
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('set_by', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
}
