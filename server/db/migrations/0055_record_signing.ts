import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 55: signing a hearing's record (server/hearing/recordSigning.ts) kept in the database, so a
// party offline when the judge closes the hearing is asked again when they are back, and a hub
// restart (or another instance) keeps the round: one row per round (the call's record version the
// parties sign; `stored_at` set once the signed record is a case document) and one per signer,
// with their answer. A signature is a person's handwriting: sealed with the data key.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('record_signing_rounds')
    .addColumn('call_id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text')
    .$call(strict(engine))
    .execute();
  await db.schema
    .createTable('record_signers')
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('identity', 'text', (c) => c.notNull())
    .addColumn('seat', 'integer', (c) => c.notNull())
    .addColumn('signer', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('signature_sealed', 'text')
    .addColumn('answered_at', 'text')
    .addPrimaryKeyConstraint('record_signers_pk', ['call_id', 'identity'])
    .$call(strict(engine))
    .execute();
}
