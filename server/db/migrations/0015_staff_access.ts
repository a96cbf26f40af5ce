import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 15: what staff access needs beyond accounts (issue 10 item 5, issue 14 item 2). Staff accounts
// get `must_change_password` (set by an admin's reset; nothing but changing it works until then),
// `kind` (`person` signs in with a password; `service` is a court system that only holds API
// tokens) and when the password was last set. `sign_in_limits` counts failed sign-ins per account
// and per source, with the lockout they earned; `api_tokens` are the bearer tokens an admin issues
// to service accounts (stored as sha256 only).

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .alterTable('staff')
    .addColumn('must_change_password', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`must_change_password in (0, 1)`),
    )
    .execute();
  await db.schema
    .alterTable('staff')
    .addColumn('kind', 'text', (c) =>
      c
        .notNull()
        .defaultTo('person')
        .check(oneOf('kind', ['person', 'service'])),
    )
    .execute();
  await db.schema.alterTable('staff').addColumn('password_set_at', 'text').execute();

  await db.schema
    .createTable('sign_in_limits')
    // 'account:<username>' or 'source:<client address>'
    .addColumn('subject', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull().check(sql`failures >= 0`))
    .addColumn('locked_until', 'text')
    .addColumn('last_failure_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('token_id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().references('staff.username'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('api_tokens_by_username').on('api_tokens').column('username').execute();
  await db.schema.createIndex('case_parties_by_name').on('case_parties').column('name').execute();
}
