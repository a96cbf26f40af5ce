import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { openPostgres } from '../../server/db/postgres.js';
import { hubMigrations } from '../../server/db/migrations/index.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase, testPostgres } from '../support/hubEngine.js';
import { postgresUrl } from '../support/postgresCluster.js';

// PostgreSQL only: several hub instances start on one database together and migrate it once
// (the migrator's advisory lock); a database that would sort text unlike SQLite is refused.

const opened: HubDb[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('hub database on PostgreSQL', () => {
  it('is migrated once when several instances start on it at the same moment', async () => {
    const dir = tempDir('hub-pg-race-');
    dirs.push(dir);
    const { databaseUrl } = await testDatabase(dir);
    const instances = await Promise.all(Array.from({ length: 4 }, () => openHubDatabase({ dataDir: tempDir('hub-pg-instance-'), databaseUrl })));
    opened.push(...instances);
    const steps = await instances[0]!.db.withTables<{ kysely_migration: { name: string; timestamp: string } }>().selectFrom('kysely_migration').select('name').orderBy('name').execute();
    expect(steps.map((s) => s.name)).toEqual(hubMigrations.map((m) => m.name));
    // Every instance sees the whole schema.
    for (const db of instances) expect(await db.db.selectFrom('case_number_serials').selectAll().execute()).toEqual([]);
  });

  it('refuses a database that does not sort text bytewise, saying how to create one', async () => {
    const address = testPostgres()!;
    const admin = new pg.Client({ connectionString: postgresUrl(address, 'postgres') });
    await admin.connect();
    const name = `hub_collation_${Date.now()}`;
    try {
      await admin.query(`CREATE DATABASE "${name}_c" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`);
      await admin.query(`CREATE DATABASE "${name}_icu" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C.UTF-8'`);
    } finally {
      await admin.end();
    }
    // C.UTF-8 sorts by code point, like SQLite: accepted.
    opened.push(await openHubDatabase({ dataDir: 'unused', databaseUrl: postgresUrl(address, `${name}_c`) }));
    // ICU's root collation sorts 'a' before 'B': refused, with the command that makes a right one.
    await expect(openHubDatabase({ dataDir: 'unused', databaseUrl: postgresUrl(address, `${name}_icu`) })).rejects.toThrow(/needs the C collation.*--locale=C/);
  });

  it('outlives the server ending a connection a request holds between two queries', async () => {
    // pg-pool takes its error listener off a connection while it is lent out: a server that ends
    // that connection between two queries of a transaction (PostgreSQL restarting, an admin's
    // pg_terminate_backend) made the client emit 'error' with no listener, an uncaught exception
    // that ends the hub (seen in hubOutage.postgres.test.ts with three test files at once).
    // Vitest fails the run on an uncaught exception, so this test fails without the listener.
    const dir = tempDir('hub-pg-terminated-');
    dirs.push(dir);
    const { databaseUrl } = await testDatabase(dir);
    const { db, pool } = await openPostgres(databaseUrl!);
    try {
      const client = await pool.connect();
      const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
      const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
      await pool.query('select pg_terminate_backend($1)', [rows[0]!.pid]);
      await ended;
      await expect(client.query('select 1')).rejects.toThrow();
      client.release(true);
      // The pool goes on with a new connection.
      expect((await pool.query<{ one: number }>('select 1 as one')).rows[0]!.one).toBe(1);
    } finally {
      await db.destroy();
    }
  });
});
