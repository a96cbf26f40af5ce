import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
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
});
