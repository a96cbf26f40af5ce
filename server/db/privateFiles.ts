import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

// The hub's data (the database with full ID numbers, uploads, documents, keys) is for the hub's
// own user only: folders 0700, files 0600, tightened too where an older hub left them readable.

export function privateFolder(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

/** Leftovers of an interrupted upload in `incoming` (older than a day: in a files folder several instances share, a younger file may be another instance's upload under way). */
export function clearIncoming(incoming: string, now = Date.now()): void {
  for (const f of fs.readdirSync(incoming)) {
    const file = path.join(incoming, f);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_INCOMING_MS) fs.rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // another instance cleared it first
    }
  }
}
const STALE_INCOMING_MS = 24 * 3_600_000;

/** A SQLite database file, made 0600 before SQLite opens it (its -wal and -shm take the file's mode). */
export function privateDatabaseFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
}

/** Streams into a new 0600 file while hashing; on failure the file is gone. Returns the digest (hex or base64) and size. */
export async function writeHashedFile(stream: NodeJS.ReadableStream, file: string, algorithm: 'sha256' | 'sha512', encoding: 'hex' | 'base64'): Promise<{ digest: string; size: number }> {
  const hash = createHash(algorithm);
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  try {
    await pipeline(stream, tap, fs.createWriteStream(file, { mode: 0o600 }));
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { digest: hash.digest(encoding), size };
}
