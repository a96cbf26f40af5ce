import Database from 'better-sqlite3';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createHub, type Hub, type HubOptions } from '../../server/hub.js';
import { tempDir } from './fixtures.js';

// A real hub on a random 127.0.0.1 port with its own SQLite file, for integration and e2e tests.

export const ENROLLMENT_CODE = 'test-enrollment-code-0001';
export const ADMIN_PASSWORD = 'test-admin-password';

export interface RunningHub {
  hub: Hub;
  url: string;
  dataDir: string;
  /** Rows as the hub stores them (read through a separate connection). */
  intakes(): Array<{ submission_id: string; case_number: string; application_json: string }>;
  close(): Promise<void>;
}

export async function startHub(options: Partial<HubOptions> & { port?: number } = {}): Promise<RunningHub> {
  const dataDir = options.dataDir ?? tempDir('hub-test-');
  const hub = createHub({ enrollmentCode: ENROLLMENT_CODE, adminPassword: ADMIN_PASSWORD, ...options, dataDir });
  const url = await hub.listen(options.port ?? 0, '127.0.0.1');
  return {
    hub,
    url,
    dataDir,
    intakes() {
      const db = new Database(join(dataDir, 'hub.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT submission_id, case_number, application_json FROM intakes ORDER BY rowid').all() as never;
      } finally {
        db.close();
      }
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

export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
