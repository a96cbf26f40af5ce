import { sql, type Kysely } from 'kysely';

// 6: "check my case" finds an intake by its provisional number as a resident types it: upper
// case, without '-' or '_' (shared/caseStatus.ts provisionalKey; terminal ids hold nothing else).
// The intake store's lookup is written on exactly this expression, so both engines use the index.

export const provisionalKeyExpression = sql`replace(replace(upper(provisional_number), '-', ''), '_', '')`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('intakes_by_provisional_key').on('intakes').expression(provisionalKeyExpression).execute();
}
