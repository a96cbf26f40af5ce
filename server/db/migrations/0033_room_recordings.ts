import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 33: server-side recordings of video rooms (issue 12 item 6). The file itself lives sealed in the
// hub's data folder (server/sfu/recordingSeal.ts); this row says whose it is, its plain size and
// sha256 (the same as in the case's `recording.stopped` event) and when retention deletes it.
// `stopped_at` null: still recording (or the hub stopped meanwhile); `deleted_at`: the file is gone.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('room_recordings')
    .addColumn('recording_id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('stopped_at', 'text')
    .addColumn('stop_cause', 'text')
    .addColumn('sha256', 'text')
    .addColumn('size', 'integer')
    .addColumn('seconds', 'integer')
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('room_recordings_by_case').on('room_recordings').column('case_id').execute();
  await db.schema.createIndex('room_recordings_by_expiry').on('room_recordings').column('expires_at').execute();
}
