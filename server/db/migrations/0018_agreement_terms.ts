import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 18: what a mediator wrote into each agreement draft (facts, terms, performance dates), sealed
// with the hub's data key (it names the parties' affairs). The signed agreement is drawn again from
// these terms with the signatures in it, so the words signed and the words stored are the same.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('agreement_terms')
    .addColumn('document_id', 'text', (c) => c.primaryKey().references('case_documents.document_id'))
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.case_id'))
    /** shared/agreements/mediationAgreement.ts AgreementTerms, JSON, sealed */
    .addColumn('terms_sealed', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
}
