import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

// 65: when the court's words were last recounted (server/courtWords/recount.ts), written by every
// recount whether its counts changed or not (the list's `counted_at` moves only when they do). A
// hub started again within the recount interval waits for the rest of it instead of decrypting
// every filing at each start. A row from before this step has none: its recount is due at start.

export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('court_words').addColumn('recounted_at', 'text').execute();
}
