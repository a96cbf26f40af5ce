import type { Kysely } from 'kysely';

// 5: the whole mediation application (调解申请书) from the kiosk wizard, beside its summary form.
// NULL for intakes from kiosks that send only the summary.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('intakes').addColumn('application_json', 'text').execute();
}
