import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { backupName, backupsToDrop, isBackupName } from './backupRotation.js';

// Online backups of the hub's SQLite file, taken while the hub serves: SQLite's backup API (through
// better-sqlite3) copies a consistent snapshot page by page in steps, so intakes keep landing while
// it runs (VACUUM INTO would hold the event loop for the whole copy). The copy is written as
// `.partial`, made durable, then renamed: a file named `hub-….sqlite` is always a whole backup.
// The data key is not in it (back that up apart, server/personalData/dataKey.ts).

export const BACKUP_DIR = 'backups';

export interface BackupPolicy {
  /** Time between two backups (HUB_BACKUP_INTERVAL_MINUTES; default 6 h). */
  intervalMs: number;
  /** How many backups to keep, the newest (HUB_BACKUP_KEEP; default 8). */
  keep: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { intervalMs: 6 * 60 * 60 * 1000, keep: 8 };

function fsyncPath(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Takes one backup of `sqlite` into `dir` and drops the oldest beyond `keep`; returns its path. */
export async function backupSqlite(sqlite: Database.Database, dir: string, at: Date, keep: number): Promise<string> {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, backupName(at));
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await sqlite.backup(partial);
    fs.chmodSync(partial, 0o600);
    fsyncPath(partial);
    fs.renameSync(partial, file);
    fsyncPath(dir);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  for (const name of backupsToDrop(fs.readdirSync(dir), keep)) fs.rmSync(path.join(dir, name), { force: true });
  return file;
}

/** The backups in `dir`, oldest first. */
export function listBackups(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter(isBackupName)
    .sort()
    .map((name) => path.join(dir, name));
}

export interface BackupSchedule {
  /** Takes a backup now (the scheduled ones never overlap it). */
  now(): Promise<string>;
  stop(): Promise<void>;
}

/** Backs `sqlite` up every `policy.intervalMs`; a failed backup is reported and tried again next time. */
export function scheduleBackups(sqlite: Database.Database, dir: string, policy: BackupPolicy, clock: () => Date, onError: (error: unknown) => void): BackupSchedule {
  let running: Promise<string> | null = null;
  const take = (): Promise<string> => {
    running ??= backupSqlite(sqlite, dir, clock(), policy.keep).finally(() => (running = null));
    return running;
  };
  const timer = setInterval(() => void take().catch(onError), policy.intervalMs);
  timer.unref();
  return {
    now: take,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
