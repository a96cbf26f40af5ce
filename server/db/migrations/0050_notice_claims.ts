import type { Kysely } from 'kysely';

// 50: a notice being delivered is claimed until `claimed_until` (server/notifications/outbox.ts),
// so two hub instances sending pending notices at the same moment never text a resident twice.
// Null: nobody is delivering it.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification_outbox').addColumn('claimed_until', 'text').execute();
}
