import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations.js';

// The hub's durable state is one SQLite file: WAL, synchronous=FULL (a commit has reached the disk
// before a kiosk is told), foreign keys on, versioned migrations. Each feature's store prepares its
// own statements on this connection; none of them opens another.

export type HubDatabase = Database.Database;

export function openHubDatabase(dataDir: string): HubDatabase {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'hub.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
