import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { HubDatabase } from './schema.js';

// The PostgreSQL side of the hub's database: a pg pool behind Kysely, set up so that every query
// reads as it does on SQLite. Counts and sums (int8, numeric) come back as numbers, not strings;
// the database must compare text bytewise like SQLite (C collation), or lists would sort
// differently on the two engines. A connection that PostgreSQL drops (a restart, a failover) is
// removed from the pool and replaced on next use, so the hub recovers by itself.

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** Values the hub stores stay far below 2^53: read int8 and numeric as plain numbers. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary'): ((value: string) => unknown) =>
    oid === INT8_OID || oid === NUMERIC_OID ? (value: string) => Number(value) : (pg.types.getTypeParser(oid, format) as (value: string) => unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

export const POOL_DEFAULTS = {
  max: 10,
  /** Waiting longer than this for a connection (database gone, pool exhausted) fails the request with 503. */
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
} as const;

const BYTEWISE_COLLATIONS = new Set(['C', 'POSIX', 'C.UTF-8', 'C.utf8']);

export async function openPostgres(url: string): Promise<{ db: Kysely<HubDatabase>; pool: pg.Pool }> {
  const pool = new pg.Pool({ connectionString: url, ...POOL_DEFAULTS, application_name: 'court-hub', types });
  // An idle connection that the server closes emits 'error' on the pool; the pool has already
  // dropped it, and the next request opens a new one. Without a listener Node would crash.
  pool.on('error', () => undefined);
  // A connection checked out of the pool has no listener of the pool's: one that PostgreSQL drops
  // between two queries of a transaction (a stop, a restart) would emit 'error' into nothing and
  // crash the hub. Its queries fail by themselves (503), and the pool discards it on release.
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = new Kysely<HubDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    const { rows } = await sql<{ collation: string; provider: string }>`
      select datcollate as collation, datlocprovider as provider from pg_database where datname = current_database()`.execute(db);
    const row = rows[0];
    if (!row || row.provider !== 'c' || !BYTEWISE_COLLATIONS.has(row.collation)) {
      throw new Error(
        `the PostgreSQL database sorts text by "${row?.collation ?? '?'}"; the hub needs the C collation so that it sorts as on SQLite ` +
          `(create it with: createdb --template=template0 --encoding=UTF8 --locale=C <name>)`,
      );
    }
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error;
  }
  return { db, pool };
}
