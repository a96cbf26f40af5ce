import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// The hub's data key: 32 random bytes that seal personal data in the database and documents on
// disk. From configuration (HUB_DATA_KEY, base64 or hex) in a real deployment — several hub
// instances on one PostgreSQL must share it — or, for `npm start`, generated once into the data
// folder as `data.key`, readable by the hub's user only (0600). Losing it loses the sealed data;
// back it up apart from the database (a copy of both together reveals everything).

export const DATA_KEY_FILE = 'data.key';
const KEY_BYTES = 32;

function decodeConfigured(value: string): Buffer {
  const v = value.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(v) ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  if (key.length !== KEY_BYTES) throw new Error('HUB_DATA_KEY must be 32 bytes, as 64 hex digits or base64');
  return key;
}

/** The configured key, or the one in `dataDir` (created 0600 on first start). */
export function loadDataKey(opts: { dataDir: string; configured?: string | undefined }): Buffer {
  if (opts.configured) return decodeConfigured(opts.configured);
  fs.mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(opts.dataDir, DATA_KEY_FILE);
  try {
    // 'wx': never overwrite a key that exists (two hubs starting on one folder keep the first)
    fs.writeFileSync(file, randomBytes(KEY_BYTES).toString('base64') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return decodeConfigured(fs.readFileSync(file, 'utf8'));
}
