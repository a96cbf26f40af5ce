import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 13: notices to residents (a session scheduled, an agreement ready to sign, a ruling): template,
// parameters and the recipient sealed with the hub's data key. The development adapter delivers
// into this table only; the SMS adapter sends from it. Never logged.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('notification_outbox')
    .addColumn('notification_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.references('cases.case_id'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('recipient_sealed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(oneOf('status', ['pending', 'sent', 'failed'])),
    )
    .addColumn('attempts', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`attempts >= 0`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('notification_outbox_by_status').on('notification_outbox').columns(['status', 'created_at']).execute();
}
