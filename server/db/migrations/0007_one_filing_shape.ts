import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { provisionalKeyExpression } from './0006_provisional_key_index.js';
import { strict } from './engineDdl.js';

// 7: one filing shape. Kiosks send the whole application and the hub derives its summary from it:
// the summary form goes, and the application is required. An intake without its application (the
// first slice's summary-only format, which never shipped) fails the NOT NULL and stops the
// migration: a court record is never dropped. SQLite changes neither in place, so there the table
// is copied (rowids kept: they order intakes received in the same millisecond).

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  if (engine === 'postgres') {
    await db.schema.alterTable('intakes').dropColumn('form_json').execute();
    await db.schema
      .alterTable('intakes')
      .alterColumn('application_json', (c) => c.setNotNull())
      .execute();
    return;
  }
  await db.schema
    .createTable('intakes_v7')
    .addColumn('submission_id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('request_fingerprint', 'text', (c) => c.notNull())
    .addColumn('provisional_number', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull().unique())
    .addColumn('dispute_type', 'text', (c) => c.notNull())
    .addColumn('application_json', 'text', (c) => c.notNull()) // shared/application.ts MediationApplication, as validated
    .addColumn('attachments_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('ack_json', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await sql`
    INSERT INTO intakes_v7 (rowid, submission_id, terminal_id, request_fingerprint, provisional_number, language,
      submitted_at, received_at, case_number, dispute_type, application_json, attachments_json, ack_json)
    SELECT rowid, submission_id, terminal_id, request_fingerprint, provisional_number, language,
      submitted_at, received_at, case_number, dispute_type, application_json, attachments_json, ack_json
    FROM intakes ORDER BY rowid`.execute(db);
  await sql`DROP TABLE intakes`.execute(db);
  await sql`ALTER TABLE intakes_v7 RENAME TO intakes`.execute(db);
  await db.schema.createIndex('intakes_by_received').on('intakes').column('received_at').execute();
  await db.schema.createIndex('intakes_by_provisional_key').on('intakes').expression(provisionalKeyExpression).execute();
}
