import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 38: device alerts (issue 11 item 2): a camera or microphone missing, refused by the browser or
// failing to start, and a printer with its cover open raise alerts like a printer out of paper.
// 0017's CHECK listed the kinds of then; it is widened here. PostgreSQL swaps the constraint;
// SQLite cannot alter a CHECK, so the table is rebuilt with its rows and indexes as they were.

const alertKinds = [
  'offline',
  'outbox_stuck',
  'printer_paper_out',
  'media_cache_broken',
  'camera_missing',
  'camera_denied',
  'camera_failed',
  'microphone_missing',
  'microphone_denied',
  'microphone_failed',
  'printer_cover_open',
];

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await sql`alter table terminal_alerts drop constraint terminal_alerts_kind_check`.execute(db);
    await sql`alter table terminal_alerts add constraint terminal_alerts_kind_check check (${oneOf('kind', alertKinds)})`.execute(db);
    return;
  }
  await db.schema
    .createTable('terminal_alerts_0038')
    .addColumn('alert_id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', alertKinds)))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('note', 'text')
    .$call(strict(engine))
    .execute();
  await sql`insert into terminal_alerts_0038 (alert_id, terminal_id, kind, raised_at, cleared_at, acknowledged_at, acknowledged_by, note)
    select alert_id, terminal_id, kind, raised_at, cleared_at, acknowledged_at, acknowledged_by, note from terminal_alerts`.execute(db);
  await db.schema.dropTable('terminal_alerts').execute();
  await sql`alter table terminal_alerts_0038 rename to terminal_alerts`.execute(db);
  await db.schema
    .createIndex('terminal_alerts_one_open')
    .on('terminal_alerts')
    .columns(['terminal_id', 'kind'])
    .unique()
    .where(sql<boolean>`cleared_at is null`)
    .execute();
  await db.schema.createIndex('terminal_alerts_by_raised').on('terminal_alerts').column('raised_at').execute();
}
