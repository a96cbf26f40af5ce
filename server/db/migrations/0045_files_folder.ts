import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 35: the mark of the files folder (HUB_FILES_DIR) the instances of this database share
// (server/files/sharedFolder.ts): one row, written by the first instance that starts; an instance
// whose folder does not carry the same mark is not looking at the shared folder and refuses to start.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('files_folder')
    .addColumn('slot', 'text', (c) => c.primaryKey())
    .addColumn('mark', 'text', (c) => c.notNull())
    .addColumn('claimed_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
}
