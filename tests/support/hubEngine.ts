import { createDatabase, type PostgresAddress } from './postgresCluster.js';

// Which engine the test hubs of this run keep their data in. SQLite unless the test project says
// otherwise (the `integration-pg` project's setup file chooses PostgreSQL), so the same hub tests
// run on both engines without knowing which. A data folder stands for its database: a hub started
// again on the same folder finds the same data, on either engine.

export type TestEngineName = 'sqlite' | 'postgres';

export interface TestDatabase {
  dataDir: string;
  /** Set on PostgreSQL: the database of this data folder. */
  databaseUrl?: string;
}

let postgres: PostgresAddress | null = null;
const databases = new Map<string, Promise<string>>();

/** Test hubs from now on keep their data in PostgreSQL at `address`. */
export function useHubPostgres(address: PostgresAddress): void {
  postgres = address;
}

export function testEngine(): TestEngineName {
  return postgres ? 'postgres' : 'sqlite';
}

/** The cluster test hubs use (null on SQLite). */
export function testPostgres(): PostgresAddress | null {
  return postgres;
}

/** The database options of a test hub whose data folder is `dataDir`. */
export async function testDatabase(dataDir: string): Promise<TestDatabase> {
  if (!postgres) return { dataDir };
  const address = postgres;
  let url = databases.get(dataDir);
  if (!url) {
    url = createDatabase(address);
    databases.set(dataDir, url);
  }
  return { dataDir, databaseUrl: await url };
}
