import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { freePort } from '../support/hubHarness.js';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../support/postgresCluster.js';
import { HubProcess } from './hubProcess.js';
import { integrityCheck, postgresIntegrity, readHubIntakes, readHubIntakesPostgres, type HubRecord } from './verify.js';

// The court side of a fault run. By default one hub process on its SQLite file (`npm start`'s
// shape). With `--cluster`, a deployment's shape (issue 13): a throwaway PostgreSQL cluster and
// two hub instances sharing it, one data key, each on a port of its own. The fault proxy stands
// where nginx would: each new connection goes to the next instance that is up (nginx marks a
// failed upstream down the same way), so a killed instance's kiosks land on the survivor.

export interface CourtHubs {
  readonly instances: readonly HubProcess[];
  /** PostgreSQL under a cluster (stopped and started by the scenario); null on SQLite. */
  readonly database: PostgresCluster | null;
  /** The hub port for a new proxied connection. */
  upstream(): number;
  /** Starts every instance that is down. */
  startAll(): Promise<void>;
  stopAll(): Promise<void>;
  readonly stops: number;
  readonly kills: number;
  readonly unexpectedExits: string[];
  /** What the hub stored, read once every instance has stopped. */
  stored(): Promise<{ integrity: string; rows: HubRecord[] }>;
  /** Closes the logs and removes the database cluster. */
  close(): Promise<void>;
}

interface Common {
  entry: string;
  runDir: string;
  enrollmentCode: string;
  adminPassword: string;
}

function courtHubs(instances: HubProcess[], database: PostgresCluster | null, stored: CourtHubs['stored']): CourtHubs {
  let next = 0;
  return {
    instances,
    database,
    upstream() {
      const up = instances.filter((h) => h.running);
      const pool = up.length > 0 ? up : instances;
      return pool[next++ % pool.length]!.port;
    },
    async startAll() {
      for (const h of instances) await h.start();
    },
    async stopAll() {
      await Promise.all(instances.map((h) => h.stop().catch(() => undefined)));
    },
    get stops() {
      return instances.reduce((n, h) => n + h.stops, 0);
    },
    get kills() {
      return instances.reduce((n, h) => n + h.kills, 0);
    },
    get unexpectedExits() {
      return instances.flatMap((h) => h.unexpectedExits);
    },
    stored,
    async close() {
      for (const h of instances) h.close();
      await database?.destroy();
    },
  };
}

/** One hub process on SQLite in `runDir/hub`. */
export async function singleHub(o: Common): Promise<CourtHubs> {
  const hub = new HubProcess({ ...o, port: await freePort(), dataDir: join(o.runDir, 'hub') });
  return courtHubs([hub], null, async () => {
    const integrity = integrityCheck(hub.dbPath);
    return { integrity, rows: integrity === 'missing' ? [] : readHubIntakes(hub.dbPath) };
  });
}

/** PostgreSQL and two hub instances on it (hub-a, hub-b), sharing one data key. */
export async function hubCluster(o: Common): Promise<CourtHubs> {
  const database = await startPostgresCluster();
  try {
    const url = await createDatabase(database, 'fault');
    const dataKey = randomBytes(32).toString('base64');
    const instances: HubProcess[] = [];
    for (const name of ['hub-a', 'hub-b']) {
      instances.push(
        new HubProcess({
          ...o,
          name,
          port: await freePort(),
          dataDir: join(o.runDir, name),
          // Each instance its own data folder (logs), one files folder for both (server/files/).
          env: { HUB_DATABASE_URL: url, HUB_DATA_KEY: dataKey, HUB_FILES_DIR: join(o.runDir, 'hub-files') },
          // Checking 37 migrations, seeding and joining the desk cluster over PostgreSQL took over 20 s on a loaded 2-core machine.
          readyTimeoutMs: 90_000,
        }),
      );
    }
    return courtHubs(instances, database, async () => ({ integrity: await postgresIntegrity(url), rows: await readHubIntakesPostgres(url, dataKey) }));
  } catch (error) {
    await database.destroy();
    throw error;
  }
}
