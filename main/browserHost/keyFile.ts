import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DATA_KEY_BYTES } from '../agent/sealing.js';

/**
 * The browser host's data key: a 0600 file beside the database. No OS keyring protects it, so
 * anyone with the kiosk's disk and account can read it; `warn` says so once per start.
 * Electron hosts use safeStorage instead.
 */
export function loadOrCreateKeyFile(path: string, warn: (message: string) => void): Buffer {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let key: Buffer;
  try {
    key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
    if (key.length !== DATA_KEY_BYTES) throw new Error('Data key file is corrupt');
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    key = randomBytes(DATA_KEY_BYTES);
    writeFileSync(path, key.toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  warn('data key is kept in a 0600 file, not an OS keyring: protect the kiosk account and disk');
  return key;
}
