import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

// 37: a kiosk call may be about a case the resident opened at check-my-case, possibly filed at
// another kiosk (issue 10: a video session held by its own call). The hub gave the kiosk a case
// ticket for that intake (server/caseStatus/callTickets.ts) and checked it when the call was
// queued; `case_ticket` = 1 says so, and `submission_id` is then the ticketed intake. Without a
// ticket a call is about an intake only when that intake was filed from the same terminal.

export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema
    .alterTable('call_records')
    .addColumn('case_ticket', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
