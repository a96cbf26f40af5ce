import fs from 'node:fs';

// The hub's data (the database with full ID numbers, uploads, documents, keys) is for the hub's
// own user only: folders 0700, files 0600, tightened too where an older hub left them readable.

export function privateFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** A SQLite database file, made 0600 before SQLite opens it (its -wal and -shm take the file's mode). */
export function privateDatabaseFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}
