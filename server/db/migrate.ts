import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import type { DbScope } from './engine.js';
import { hubMigrations, LEGACY_STEPS } from './migrations/index.js';
import type { HubDatabase } from './schema.js';

// Brings the hub's schema up to date at start, with Kysely's Migrator: the steps of ./migrations/
// that the database has not run yet, all in one transaction (a failing step leaves the schema
// exactly as it was), recorded in `kysely_migration`. On PostgreSQL the migrator holds an advisory
// lock for the whole run, so two instances starting together migrate once: the second waits, then
// finds nothing left to do.
//
// A SQLite file from the hub before Kysely says how far it got in `PRAGMA user_version` (1..7) and
// has no `kysely_migration` table: its first N steps are recorded as done, then the rest run on its
// data in place. Afterwards `user_version` holds the number of steps done, so that older hubs,
// which read it, refuse the upgraded file instead of misreading it.

type MigrationTables = { kysely_migration: { name: string; timestamp: string } };

async function adoptLegacySqlite(db: Kysely<HubDatabase>): Promise<void> {
  const { rows } = await sql<{ user_version: number }>`pragma user_version`.execute(db);
  const version = rows[0]?.user_version ?? 0;
  if (version === 0) return;
  const adopted = await sql`select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'`.execute(db);
  if (adopted.rows.length > 0) return;
  if (version > LEGACY_STEPS) throw new Error(`hub database is at schema ${version}, newer than this hub (${LEGACY_STEPS})`);
  await db.transaction().execute(async (trx) => {
    const t = trx.withTables<MigrationTables>();
    await t.schema
      .createTable('kysely_migration')
      .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
      .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
      .execute();
    const at = new Date().toISOString();
    await t
      .insertInto('kysely_migration')
      .values(hubMigrations.slice(0, version).map((m) => ({ name: m.name, timestamp: at })))
      .execute();
  });
}

export async function migrateHubDatabase(scope: DbScope): Promise<void> {
  const { db, engine } = scope;
  if (engine === 'sqlite') await adoptLegacySqlite(db);
  const provider: MigrationProvider = {
    // Kysely<any>: a migration step is written against no schema type (see server/db/migrations/).
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    getMigrations: async () => Object.fromEntries(hubMigrations.map((m) => [m.name, { up: (mdb: Kysely<any>) => m.up(mdb, engine) }])),
  };
  const migrator = new Migrator({ db, provider });
  const doneBefore = (await migrator.getMigrations()).filter((m) => m.executedAt !== undefined).length;
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    if (!failed) {
      if (/previously executed migration .* is missing/.test(message)) {
        throw new Error(`hub database has a newer schema than this hub (${message.replace(/^corrupted migrations: /, '')})`);
      }
      throw new Error(`hub database migration failed: ${message}`);
    }
    const step = hubMigrations.findIndex((m) => m.name === failed.migrationName) + 1;
    throw new Error(`hub database migration ${step} failed, schema left at ${doneBefore} (${failed.migrationName}: ${message})`);
  }
  if (engine === 'sqlite') {
    const done = doneBefore + (results ?? []).filter((r) => r.status === 'Success').length;
    await sql`pragma user_version = ${sql.raw(String(done))}`.execute(db);
  }
}
