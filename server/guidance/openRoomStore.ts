import { OpenRooms, type OpenRoom } from '../../shared/rooms/guidance.js';
import type { DbScope } from '../db/engine.js';

// The `guidance_rooms` row (migration 0059): the only SQL about the guidance desk's list. One row
// (`slot` 'desk'), replaced whole by the instance holding the call desk.

const SLOT = 'desk';

export const openRoomStore = {
  async write(scope: DbScope, rooms: OpenRoom[], at: string): Promise<void> {
    const rooms_json = JSON.stringify(rooms);
    await scope.db
      .insertInto('guidance_rooms')
      .values({ slot: SLOT, rooms_json, written_at: at })
      .onConflict((oc) => oc.column('slot').doUpdateSet({ rooms_json, written_at: at }))
      .execute();
  },
  /** The list as last written (none written yet: no room open). */
  async read(scope: DbScope): Promise<OpenRooms> {
    const row = await scope.db.selectFrom('guidance_rooms').select('rooms_json').where('slot', '=', SLOT).executeTakeFirst();
    return row ? OpenRooms.parse({ rooms: JSON.parse(row.rooms_json) as unknown }) : { rooms: [] };
  },
};
