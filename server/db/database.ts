import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteAdapter, SqliteDialect, type SqliteDatabase } from 'kysely';
import type { DbScope, Engine } from './engine.js';
import { migrateHubDatabase } from './migrate.js';
import { openPostgres } from './postgres.js';
import type { HubDatabase } from './schema.js';
import { privateDatabaseFile, privateFolder } from './privateFiles.js';

// Where the hub keeps its data, chosen by configuration: without a database URL, one SQLite file
// `hub.sqlite` in the data folder (the embedded default: WAL, synchronous=FULL so a commit has
// reached the disk before a kiosk is told, foreign keys on); with `postgres://…`, a PostgreSQL 15
// database through a pg pool (several hub instances may share it). Either way the schema is
// brought up to date before the hub serves anything (./migrate.ts), and every store queries
// through the same typed Kysely handle.

export interface DatabaseConfig {
  /** Holds `hub.sqlite` when no URL is given. */
  dataDir: string;
  /** `postgres://…` or `postgresql://…` (HUB_DATABASE_URL); unset for SQLite. */
  databaseUrl?: string | undefined;
}

export interface HubDb extends DbScope {
  /** The SQLite connection under Kysely (null on PostgreSQL). */
  readonly sqlite: Database.Database | null;
  close(): Promise<void>;
}

// SQLite's DDL is transactional, so all pending migrations run in one transaction there too (Kysely's
// SQLite adapter assumes otherwise): a failing step leaves the schema exactly as it was.
class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}
class HubSqliteDialect extends SqliteDialect {
  override createAdapter(): SqliteAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}

// Kysely's SQLite driver prepares every query anew; parsing the SQL cost more than running it, and
// doubled the hub's CPU per intake. The hub's queries are a fixed set of texts, so each is prepared
// once and reused (better-sqlite3 re-prepares by itself after a schema change). Bounded, in case a
// query text ever carries values. The hub never streams, so a statement is never busy when reused.
const PREPARED_STATEMENTS_KEPT = 500;

function preparedOnce(sqlite: Database.Database): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      let statement = statements.get(text);
      if (!statement) {
        statement = sqlite.prepare(text);
        if (statements.size >= PREPARED_STATEMENTS_KEPT) statements.delete(statements.keys().next().value!);
        statements.set(text, statement);
      }
      return statement;
    },
  };
}

export function engineOf(config: DatabaseConfig): Engine {
  const url = config.databaseUrl?.trim();
  if (!url) return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  throw new Error('HUB_DATABASE_URL must be a postgres:// or postgresql:// URL (leave it unset for SQLite)');
}

function openSqlite(dataDir: string): HubDb {
  privateFolder(dataDir);
  privateDatabaseFile(path.join(dataDir, 'hub.sqlite'));
  const sqlite = new Database(path.join(dataDir, 'hub.sqlite'));
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<HubDatabase>({ dialect: new HubSqliteDialect({ database: preparedOnce(sqlite) }) });
  return { engine: 'sqlite', db, sqlite, close: () => db.destroy() };
}

/** Opens the hub's database and migrates it; throws (with the database closed) if either fails. */
export async function openHubDatabase(config: DatabaseConfig): Promise<HubDb> {
  const opened: HubDb =
    engineOf(config) === 'sqlite'
      ? openSqlite(config.dataDir)
      : await openPostgres(config.databaseUrl!.trim()).then(({ db }) => ({ engine: 'postgres' as const, db, sqlite: null, close: () => db.destroy() }));
  try {
    await migrateHubDatabase(opened);
  } catch (error) {
    await opened.close().catch(() => undefined);
    throw error;
  }
  return opened;
}
