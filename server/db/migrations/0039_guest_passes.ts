import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 39: join-page guest passes (server/rooms/guestPasses.ts), kept in the database so that a pass
// issued through one hub instance opens the guest socket on any: the token's sha256, the pass
// sealed with the data key (a helper's name is in it), and when it stops being accepted.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('guest_passes')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('pass_sealed', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('guest_passes_expiry').on('guest_passes').column('expires_at').execute();
}
