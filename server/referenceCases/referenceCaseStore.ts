import { randomUUID } from 'node:crypto';
import type { DisputeType } from '../../shared/disputeTypes.js';
import type { ReferenceCase, ReferenceCaseFields, ReferenceCaseUpdate } from '../../shared/referenceCases/referenceCase.js';
import type { DbScope } from '../db/engine.js';
import type { ReferenceCasesTable } from '../db/schema.js';

// The reference-case library's only SQL. An edit or a (un)publication is one UPDATE guarded by the
// version the editor saw, so two staff editing at once cannot silently overwrite each other: the
// second gets `stale` and sees the case as it is now.

type Row = Omit<ReferenceCasesTable, 'published'> & { published: number };

const toCase = (r: Row): ReferenceCase => ({
  referenceCaseId: r.reference_case_id,
  version: r.version,
  title: r.title,
  titleEn: r.title_en,
  disputeType: r.dispute_type as DisputeType,
  facts: r.facts,
  factsEn: r.facts_en,
  outcome: r.outcome,
  outcomeEn: r.outcome_en,
  legalBasis: r.legal_basis,
  legalBasisEn: r.legal_basis_en,
  published: r.published === 1,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedBy: r.updated_by,
  updatedAt: r.updated_at,
});

/** Columns from the fields given (an absent field is left as it is; an empty English text clears it). */
function columns(f: Partial<ReferenceCaseFields>): Partial<Row> {
  const set: Partial<Row> = {};
  const en = (v: string | null | undefined) => (v ? v : null);
  if (f.title !== undefined) set.title = f.title;
  if (f.titleEn !== undefined) set.title_en = en(f.titleEn);
  if (f.disputeType !== undefined) set.dispute_type = f.disputeType;
  if (f.facts !== undefined) set.facts = f.facts;
  if (f.factsEn !== undefined) set.facts_en = en(f.factsEn);
  if (f.outcome !== undefined) set.outcome = f.outcome;
  if (f.outcomeEn !== undefined) set.outcome_en = en(f.outcomeEn);
  if (f.legalBasis !== undefined) set.legal_basis = f.legalBasis;
  if (f.legalBasisEn !== undefined) set.legal_basis_en = en(f.legalBasisEn);
  return set;
}

export type ChangeOutcome = { kind: 'changed'; referenceCase: ReferenceCase } | { kind: 'stale'; current: ReferenceCase } | { kind: 'missing' };

export type ReferenceCaseStore = ReturnType<typeof referenceCaseStore>;

export function referenceCaseStore() {
  const read = async (scope: DbScope, id: string): Promise<ReferenceCase | null> => {
    const row = await scope.db.selectFrom('reference_cases').selectAll().where('reference_case_id', '=', id).executeTakeFirst();
    return row ? toCase(row) : null;
  };

  async function change(scope: DbScope, id: string, expectedVersion: number, set: Partial<Row>, by: string, at: string): Promise<ChangeOutcome> {
    const res = await scope.db
      .updateTable('reference_cases')
      .set({ ...set, version: expectedVersion + 1, updated_by: by, updated_at: at })
      .where('reference_case_id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    const current = await read(scope, id);
    if (!current) return { kind: 'missing' };
    return Number(res.numUpdatedRows) === 1 ? { kind: 'changed', referenceCase: current } : { kind: 'stale', current };
  }

  return {
    read,

    async list(scope: DbScope, filter: { disputeType?: DisputeType; published?: boolean } = {}): Promise<ReferenceCase[]> {
      let q = scope.db.selectFrom('reference_cases').selectAll();
      if (filter.disputeType) q = q.where('dispute_type', '=', filter.disputeType);
      if (filter.published !== undefined) q = q.where('published', '=', filter.published ? 1 : 0);
      const rows = await q.orderBy('updated_at', 'desc').orderBy('reference_case_id').execute();
      return rows.map((r) => toCase(r as Row));
    },

    async create(scope: DbScope, fields: ReferenceCaseFields, by: string, at: string): Promise<ReferenceCase> {
      const id = randomUUID();
      await scope.db
        .insertInto('reference_cases')
        .values({
          reference_case_id: id,
          version: 1,
          title: fields.title,
          title_en: null,
          dispute_type: fields.disputeType,
          facts: fields.facts,
          facts_en: null,
          outcome: fields.outcome,
          outcome_en: null,
          legal_basis: fields.legalBasis,
          legal_basis_en: null,
          ...columns(fields),
          published: 0,
          created_by: by,
          created_at: at,
          updated_by: by,
          updated_at: at,
        })
        .execute();
      return (await read(scope, id))!;
    },

    update(scope: DbScope, id: string, u: ReferenceCaseUpdate, by: string, at: string): Promise<ChangeOutcome> {
      const { expectedVersion, ...fields } = u;
      return change(scope, id, expectedVersion, columns(fields), by, at);
    },

    publish(scope: DbScope, id: string, published: boolean, expectedVersion: number, by: string, at: string): Promise<ChangeOutcome> {
      return change(scope, id, expectedVersion, { published: published ? 1 : 0 }, by, at);
    },
  };
}
