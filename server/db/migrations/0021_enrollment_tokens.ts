import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { strict } from './engineDdl.js';

// 21: one-time enrollment tokens (issue 14 item 1). Staff create a terminal (site, name, place) and
// get a token; the token, not a code shared by every kiosk, enrolls that one terminal once. Only
// its sha256 is kept; `used_at` is set in the enrolling transaction, so a token enrolls at most once.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('terminal_enrollment_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text', (c) => c.references('sites.site_id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('terminal_enrollment_tokens_by_terminal').on('terminal_enrollment_tokens').column('terminal_id').execute();
}
