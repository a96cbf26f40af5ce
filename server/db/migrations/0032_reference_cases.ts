import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 32: the court's library of reference cases (典型案例, issue 12 item 4; server/referenceCases/).
// Plain text as staff wrote it (escaped wherever shown). Edits update the row and raise `version`;
// each edit and each publication is in the audit log (shared/referenceCases/referenceCase.ts says
// why not a row per version). No personal data: staff write them anonymised.

// shared/disputeTypes.ts as of this step (a migration never imports what may change later)
const DISPUTE_TYPES = ['family', 'neighbour', 'private_loan', 'sale_consumer', 'property_service', 'labour', 'traffic', 'damages', 'housing_homestead', 'land', 'medical', 'finance', 'other'];

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('reference_cases')
    .addColumn('reference_case_id', 'text', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text')
    .addColumn('dispute_type', 'text', (c) => c.notNull().check(oneOf('dispute_type', DISPUTE_TYPES)))
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('facts_en', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('outcome_en', 'text')
    .addColumn('legal_basis', 'text', (c) => c.notNull())
    .addColumn('legal_basis_en', 'text')
    .addColumn('published', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`published in (0, 1)`),
    )
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('reference_cases_by_type').on('reference_cases').columns(['dispute_type', 'published']).execute();
}
