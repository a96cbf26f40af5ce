import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

// 58: which HUB_ADMIN_PASSWORD value was last applied to the `admin` account (server/staff/
// accounts.ts applyAdminPassword), as a salted scrypt hash — never the value — so a start resets
// the password only when the variable's value changes, and a password changed in the console
// survives restarts with the same value. Null on every other account and on hubs that never had it.

export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('staff').addColumn('env_password_digest', 'text').execute();
}
