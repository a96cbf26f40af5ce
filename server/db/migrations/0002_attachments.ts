import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 2: attachments. A row exists only for an upload whose bytes hashed to its declared sha256 (and
// looked like its declared type); the file stays in <dataDir>/uploads/<upload_id>. An intake
// remembers the attachment list it was acknowledged with.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('attachments')
    .addColumn('submission_id', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('upload_id', 'text', (c) => c.notNull().unique()) // tus upload id = file name under uploads/
    .addColumn('verified_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attachments_pkey', ['submission_id', 'sha256'])
    .$call(strict(engine))
    .execute();

  await db.schema
    .alterTable('intakes')
    .addColumn('attachments_json', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
}
