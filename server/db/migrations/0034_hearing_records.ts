import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 34: the record (笔录) a hearing's clerk or judge keeps in the room (issue 12 item 5,
// server/hearing/). Every save is a new version, never an update: a reconnecting keeper gets the
// latest, and a save made on an older version is refused, not merged. The text names parties and
// what they said, so it is sealed with the data key.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('hearing_records')
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('text_sealed', 'text', (c) => c.notNull())
    .addColumn('saved_by', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('hearing_records_pk', ['call_id', 'version'])
    .$call(strict(engine))
    .execute();
}
