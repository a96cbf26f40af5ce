import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

// 46: who appended an event, as a person reads it, recorded when it was appended (issue 10): the
// staff account's display name, or the terminal's name and its site's name. Part of the hashed
// event (shared/cases/caseEvents.ts EventActor), so renaming or deleting an account later changes
// no history. Events appended before this step have none (filling them in would break their hash
// chain); the console shows their account or terminal id.

export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('case_events').addColumn('actor_name', 'text').execute();
  await db.schema.alterTable('case_events').addColumn('actor_site_name', 'text').execute();
}
