import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';

// What the kiosk keeps (its store with sealed personal data, attachments, media) is for the
// kiosk's own user only: folders 0700, the database 0600, also where an older version left them open.

export function privateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Made 0600 before SQLite opens it: SQLite gives the -wal and -shm files the database file's mode. */
export function privateDatabaseFile(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
}
