import type { TestProject } from 'vitest/node';
import { startPostgresCluster, type PostgresAddress } from './postgresCluster.js';

// vitest globalSetup of the `integration-pg` project: one throwaway PostgreSQL cluster for the
// whole run, stopped and deleted at the end. If it cannot start, the run fails here with the
// reason: the hub's suite on PostgreSQL is part of `npm test`, never silently skipped.

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresAddress;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let cluster;
  try {
    cluster = await startPostgresCluster();
  } catch (error) {
    throw new Error(`The hub's integration suite on PostgreSQL could not start a throwaway PostgreSQL 15 cluster: ${(error as Error).message}`);
  }
  project.provide('postgres', { socketDir: cluster.socketDir, port: cluster.port });
  return () => cluster.destroy();
}
