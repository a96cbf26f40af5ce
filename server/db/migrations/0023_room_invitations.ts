import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 23: invitations into a video room (issue 12 item 3). Only the code's sha256 is kept; `used_at`
// is set by the one conditional UPDATE that lets a party in, so a code works at most once.
// `failures` counts wrong identities given with the code; past the limit the code is dead.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('room_invitations')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('invite_id', 'text', (c) => c.notNull().unique())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('used_at', 'text')
    .addColumn('used_by', 'text')
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('room_invitations_by_call').on('room_invitations').column('call_id').execute();
}
