import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import pg from 'pg';
import { applicationSeal } from '../../server/intake/store.js';
import { loadDataKey } from '../../server/personalData/dataKey.js';
import { openVault } from '../../server/personalData/vault.js';

// Reads what actually ended up on disk, through separate read-only connections, after every
// process of the run has stopped: the hub's intake records and the kiosk's store.

export interface HubRecord {
  submissionId: string;
  provisionalNumber: string;
  application: unknown;
}

export interface KioskRow {
  submissionId: string;
  provisionalNumber: string;
  status: string;
  hasPayload: boolean;
}

interface IntakeRow {
  submission_id: string;
  provisional_number: string;
  application_json: string;
}

const unsealed = (rows: IntakeRow[], key: Buffer): HubRecord[] => {
  const sealing = applicationSeal(openVault(key));
  return rows.map((r) => ({ submissionId: r.submission_id, provisionalNumber: r.provisional_number, application: JSON.parse(sealing.open(r.application_json)) as unknown }));
};

export function readHubIntakes(path: string): HubRecord[] {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT submission_id, provisional_number, application_json FROM intakes ORDER BY rowid').all() as IntakeRow[];
    // the hub seals applications with the data key in its data folder
    return unsealed(rows, loadDataKey({ dataDir: dirname(path) }));
  } finally {
    db.close();
  }
}

/** The intake records of hub instances sharing PostgreSQL (`--cluster`), unsealed with their configured key. */
export async function readHubIntakesPostgres(url: string, dataKey: string): Promise<HubRecord[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<IntakeRow>('SELECT submission_id, provisional_number, application_json FROM intakes ORDER BY rowid');
    return unsealed(rows, loadDataKey({ dataDir: '', configured: dataKey }));
  } finally {
    await client.end();
  }
}

/** 'ok' when amcheck finds every B-tree index of the hub's tables sound and matching its table, or the first complaint. */
export async function postgresIntegrity(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS amcheck');
    await client.query(`
      SELECT bt_index_check(c.oid, true) FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE am.amname = 'btree' AND n.nspname = 'public'`);
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end();
  }
}

export function readKiosk(path: string): { submissions: KioskRow[]; outboxJobs: number; parkedJobs: number } {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const submissions = (
      db.prepare('SELECT submission_id, provisional_number, status, sealed_payload IS NOT NULL AS has_payload FROM submissions').all() as Array<{
        submission_id: string;
        provisional_number: string;
        status: string;
        has_payload: number;
      }>
    ).map((r) => ({ submissionId: r.submission_id, provisionalNumber: r.provisional_number, status: r.status, hasPayload: r.has_payload === 1 }));
    const jobs = db.prepare(`SELECT count(*) AS n, sum(state = 'parked') AS parked FROM outbox_jobs`).get() as { n: number; parked: number | null };
    return { submissions, outboxJobs: jobs.n, parkedJobs: jobs.parked ?? 0 };
  } finally {
    db.close();
  }
}

/** 'ok', or SQLite's first complaints. */
export function integrityCheck(path: string): string {
  if (!existsSync(path)) return 'missing';
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const result = rows
      .map((r) => r.integrity_check)
      .slice(0, 5)
      .join('; ');
    return result === 'ok' ? 'ok' : result;
  } finally {
    db.close();
  }
}

/** Deep equality of JSON values (key order ignored). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : 1))) : v));
}
