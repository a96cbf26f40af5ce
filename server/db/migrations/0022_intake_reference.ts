import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { provisionalKeyExpression } from './0006_provisional_key_index.js';
import { strict } from './engineDdl.js';

// 22: an intake's number is the kiosk's provisional number until the court assigns a case number
// (issue 10: the court numbers a dispute when it diverts or files it; that number is the case's,
// server/cases). New intakes keep `case_number` NULL; the numbers given to intakes before this
// step (GS0102-2026-PM-000001) stay as printed on those residents' receipts. SQLite cannot drop
// NOT NULL in place, so there the table is copied (rowids kept, as in step 7).

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await db.schema
      .alterTable('intakes')
      .alterColumn('case_number', (c) => c.dropNotNull())
      .execute();
    return;
  }
  await db.schema
    .createTable('intakes_v22')
    .addColumn('submission_id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('request_fingerprint', 'text', (c) => c.notNull())
    .addColumn('provisional_number', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.unique()) // only intakes received before step 22
    .addColumn('dispute_type', 'text', (c) => c.notNull())
    .addColumn('application_json', 'text', (c) => c.notNull())
    .addColumn('attachments_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('ack_json', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await sql`
    INSERT INTO intakes_v22 (rowid, submission_id, terminal_id, request_fingerprint, provisional_number, language,
      submitted_at, received_at, case_number, dispute_type, application_json, attachments_json, ack_json)
    SELECT rowid, submission_id, terminal_id, request_fingerprint, provisional_number, language,
      submitted_at, received_at, case_number, dispute_type, application_json, attachments_json, ack_json
    FROM intakes ORDER BY rowid`.execute(db);
  await sql`DROP TABLE intakes`.execute(db);
  await sql`ALTER TABLE intakes_v22 RENAME TO intakes`.execute(db);
  await db.schema.createIndex('intakes_by_received').on('intakes').column('received_at').execute();
  await db.schema.createIndex('intakes_by_provisional_key').on('intakes').expression(provisionalKeyExpression).execute();
}
