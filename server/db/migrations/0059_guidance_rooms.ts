import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 59: the guidance desk's list of open rooms (server/guidance/openRoomBoard.ts), one row written by
// the instance holding the call desk whenever a room opens, closes or someone joins, so a judge
// sees the same list through every hub instance.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('guidance_rooms')
    .addColumn('slot', 'text', (c) => c.primaryKey())
    .addColumn('rooms_json', 'text', (c) => c.notNull())
    .addColumn('written_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
}
