import { createServer } from 'node:net';
import { createHub, type Hub, type HubOptions } from '../../server/hub.js';
import { tempDir } from './fixtures.js';
import { testDatabase } from './hubEngine.js';

// A real hub on a random 127.0.0.1 port with its own database (a SQLite file in its data folder, or
// a database of its own on the run's PostgreSQL: tests/support/hubEngine.ts), for integration and
// e2e tests.

export const ENROLLMENT_CODE = 'test-enrollment-code-0001';
export const ADMIN_PASSWORD = 'test-admin-password';

export interface RunningHub {
  hub: Hub;
  url: string;
  dataDir: string;
  /** Intake rows as the hub stores them, in the order received. */
  intakes(): Promise<Array<{ submission_id: string; case_number: string | null; application_json: string }>>;
  close(): Promise<void>;
}

export async function startHub(options: Partial<HubOptions> & { port?: number } = {}): Promise<RunningHub> {
  const dataDir = options.dataDir ?? tempDir('hub-test-');
  // A database given outright (another instance on the same data) is used as it is.
  const database = options.databaseUrl ? { dataDir, databaseUrl: options.databaseUrl } : await testDatabase(dataDir);
  const hub = await createHub({ enrollmentCode: ENROLLMENT_CODE, adminPassword: ADMIN_PASSWORD, enrollmentAttemptsPerMinute: 10_000, ...options, ...database });
  const url = await hub.listen(options.port ?? 0, '127.0.0.1');
  return {
    hub,
    url,
    dataDir: database.dataDir,
    // the application as the hub reads it (it is sealed at rest); the court's number once its case has one
    intakes: async () => {
      const rows = await hub.database.db.selectFrom('intakes').select('submission_id').orderBy('rowid').execute();
      return Promise.all(
        rows.map(async (r) => {
          const intake = (await hub.intakes.get(r.submission_id))!;
          return { ...r, case_number: intake.caseNumber, application_json: JSON.stringify(intake.application) };
        }),
      );
    },
    close: () => hub.close(),
  };
}

/** A port that was free a moment ago: lets a test point a kiosk at a hub that is not up yet. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export { BUSY_MS } from './busy.js';

export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 90_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
