import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict, withRowid } from './engineDdl.js';

// 3: video calls. Staff get a role (existing accounts stay admins) and a name residents see;
// every kiosk call leaves a record: who, when queued/answered/ended, how long, and the outcome.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .alterTable('staff')
    .addColumn('role', 'text', (c) =>
      c
        .notNull()
        .defaultTo('admin')
        .check(oneOf('role', ['admin', 'mediator'])),
    )
    .execute();
  await db.schema
    .alterTable('staff')
    .addColumn('display_name', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('call_records')
    .$call(withRowid(engine))
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('submission_id', 'text') // the intake filed just before, if any (may arrive later)
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('mediator', 'text', (c) => c.references('staff.username'))
    .addColumn('ended_at', 'text')
    .addColumn('duration_s', 'integer') // answered → ended; null if never answered
    .addColumn('end_reason', 'text')
    .addColumn('outcome', 'text', (c) => c.check(oneOf('outcome', ['settled', 'scheduled', 'referred', 'resident_left'])))
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome_at', 'text')
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('call_records_by_queued').on('call_records').column('queued_at').execute();
}
