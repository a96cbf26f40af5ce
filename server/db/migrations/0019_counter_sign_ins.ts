import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 19: counter staff signed in at a terminal (issue 10 item 4). An intake entered at a remote
// service counter names its sign-in; the hub records that case as channel 'counter' with the staff
// member as actor, however late the outbox delivers it. Kept as long as the intakes naming them.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('counter_sign_ins')
    .addColumn('sign_in_id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('username', 'text', (c) => c.notNull().references('staff.username'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.site_id'))
    .addColumn('signed_in_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('counter_sign_ins_by_terminal').on('counter_sign_ins').columns(['terminal_id', 'signed_in_at']).execute();
}
