import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 12: a case's documents (agreement drafts and signed agreements, rulings, hearing records,
// recordings): the bytes live behind the storage interface, encrypted at rest; a row says what
// each is, its version and its sha256 (also written into the event that records it). Each
// handwritten signature on a document version is a row of its own.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('case_documents')
    .addColumn('document_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.case_id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('sha256', 'text', (c) => c.notNull().check(sql`length(sha256) = 64`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('case_documents_by_case').on('case_documents').columns(['case_id', 'kind', 'version']).execute();

  await db.schema
    .createTable('document_signatures')
    .addColumn('document_id', 'text', (c) => c.notNull().references('case_documents.document_id'))
    .addColumn('signer_role', 'text', (c) => c.notNull().check(oneOf('signer_role', ['applicant', 'respondent', 'agent', 'third_party', 'mediator', 'judge', 'clerk'])))
    .addColumn('signer_index', 'integer', (c) => c.notNull().check(sql`signer_index >= 0`))
    .addColumn('method', 'text', (c) => c.notNull().check(oneOf('method', ['kiosk', 'desk', 'counter_tablet', 'join_page', 'paper_scan'])))
    .addColumn('signature_sha256', 'text', (c) => c.notNull().check(sql`length(signature_sha256) = 64`))
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('document_signatures_pkey', ['document_id', 'signer_role', 'signer_index'])
    .$call(strict(engine))
    .execute();
}
