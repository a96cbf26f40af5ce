import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict, withRowid } from './engineDdl.js';

// 1: enrolled terminals, intakes with their yearly case sequence, staff and their sessions.
//
// Retention: rows in `intakes` are the court's intake records AND the idempotency keys kiosks
// retry with (DESIGN §5 asks for ≥ 30 days). Nothing in the hub deletes them (nor their verified
// `attachments`); archiving, if ever needed, is a records-management decision, not an automatic expiry.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('terminals')
    .addColumn('terminal_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('credential_hash', 'text', (c) => c.notNull().unique()) // sha256 hex of the bearer credential
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('credential_issued_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('case_sequences')
    .addColumn('year', 'integer', (c) => c.primaryKey())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('intakes')
    .$call(withRowid(engine))
    .addColumn('submission_id', 'text', (c) => c.primaryKey()) // the kiosk's UUID = Idempotency-Key
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('request_fingerprint', 'text', (c) => c.notNull()) // sha256 hex of the canonical request body
    .addColumn('provisional_number', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull().unique())
    .addColumn('dispute_type', 'text', (c) => c.notNull())
    .addColumn('form_json', 'text', (c) => c.notNull())
    .addColumn('ack_json', 'text', (c) => c.notNull()) // the exact 201 body, replayed on retries
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('intakes_by_received').on('intakes').column('received_at').execute();

  await db.schema
    .createTable('staff')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('password_hash', 'text', (c) => c.notNull()) // scrypt$N$r$p$salt$hash
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey()) // sha256 hex of the cookie token
    .addColumn('username', 'text', (c) => c.notNull().references('staff.username'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
}
