import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

// Puts a backup in place of the hub's SQLite file, with the hub stopped. The backup is checked
// first (a SQLite file that passes integrity_check and carries the hub's migration table), and the
// file it replaces is kept beside it as `hub.sqlite.replaced-<instant>`, never deleted. Afterwards
// the kiosks re-send what the restored hub lacks: their submission IDs are idempotency keys, so an
// intake the backup already holds is answered as a replay and one it lacks is recorded once.

export const HUB_FILE = 'hub.sqlite';

export class RestoreRefused extends Error {}

function checkBackup(file: string): void {
  if (!fs.existsSync(file)) throw new RestoreRefused(`no backup at ${file}`);
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    throw new RestoreRefused(`${file} is not a SQLite database`);
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') throw new RestoreRefused(`${file} fails SQLite's integrity check (${String(integrity)})`);
    const migrated = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!migrated) throw new RestoreRefused(`${file} is not a backup of the hub's database`);
  } catch (error) {
    if (error instanceof RestoreRefused) throw error;
    throw new RestoreRefused(`${file} is not a readable SQLite database (${(error as Error).message})`);
  } finally {
    db.close();
  }
}

/**
 * Refuses while a hub has the file open: leaving WAL mode needs the only connection, so a running
 * hub makes the switch fail (busy) or leaves it in WAL. Leaving WAL also folds the WAL into the file.
 */
function checkHubStopped(hubFile: string): void {
  if (!fs.existsSync(hubFile)) return;
  const db = new Database(hubFile, { fileMustExist: true, timeout: 0 });
  try {
    let mode: unknown;
    try {
      mode = db.pragma('journal_mode = DELETE', { simple: true });
    } catch {
      mode = 'busy';
    }
    if (mode !== 'delete') throw new RestoreRefused(`the hub is running on ${hubFile}: stop it before restoring`);
  } finally {
    db.close();
  }
}

/** Restores `backupFile` as the hub's database in `dataDir`; returns where the replaced file was kept (null if none). */
export function restoreSqliteBackup(dataDir: string, backupFile: string, at: Date): { replacedBy: string; keptAs: string | null } {
  const source = path.resolve(backupFile);
  const hubFile = path.resolve(dataDir, HUB_FILE);
  if (source === hubFile) throw new RestoreRefused('the backup is the hub database itself');
  checkBackup(source);
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  checkHubStopped(hubFile);
  const incoming = `${hubFile}.restoring`;
  fs.copyFileSync(source, incoming);
  fs.chmodSync(incoming, 0o600);
  const fd = fs.openSync(incoming, 'r');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  let keptAs: string | null = null;
  if (fs.existsSync(hubFile)) {
    keptAs = `${hubFile}.replaced-${at.toISOString().replace(/[-:.]/g, '')}`;
    fs.renameSync(hubFile, keptAs);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(hubFile + suffix, { force: true });
  fs.renameSync(incoming, hubFile);
  return { replacedBy: source, keptAs };
}
