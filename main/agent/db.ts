import Database from 'better-sqlite3';
import { dirname } from 'node:path';
import { migrations } from './migrations.js';
import { privateDatabaseFile, privateFolder } from './privateFiles.js';

export type Db = Database.Database;

/**
 * Opens the kiosk store. WAL with synchronous=FULL: a committed transaction survives power loss
 * (better-sqlite3 would otherwise leave WAL at NORMAL, which can lose the last commits).
 * secure_delete overwrites freed pages so wiped drafts leave no residue in the file.
 */
export function openDatabase(path: string): Db {
  privateFolder(dirname(path));
  privateDatabaseFile(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function migrate(db: Db): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`Database schema ${current} is newer than this app (${migrations.length})`);
  }
  for (let v = current; v < migrations.length; v++) {
    db.transaction(() => {
      db.exec(migrations[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  return migrations.length;
}

/**
 * Runs bookkeeping whose loss on power failure is harmless (claiming an outbox job, pushing its
 * next attempt back) without its own fsync: in WAL mode a NORMAL commit reaches the disk with the
 * next FULL one. A lost claim only means the job is sent again, and the hub is idempotent.
 */
export function withoutFsync<T>(db: Db, write: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
