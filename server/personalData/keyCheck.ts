import { createHmac, hkdfSync } from 'node:crypto';
import type { DbScope } from '../db/engine.js';
import { openKeyCheckStore } from './keyCheckStore.js';
import type { Vault } from './vault.js';

// Whether the hub was started with the data key its database was sealed with. A hub started with
// another key (a lost data.key regenerated, a typo in HUB_DATA_KEY, a restored database beside a
// newer key) would seal new data under it beside data it cannot open, and fail only when staff
// open an old case. So the first start with a key stores the key's check value (an HMAC under a
// key derived for this purpose alone: it reveals nothing of the sealing key), and every later
// start compares before serving anything, changing nothing when they differ. A database from
// before the check has its value stored on first start, after one sealed application opens.

export class DataKeyMismatch extends Error {}

const MISMATCH = 'the data key (HUB_DATA_KEY, or data.key in HUB_DATA_DIR) is not the key this database was sealed with; ' + 'start with the original key (nothing was changed)';

/** The check value of `dataKey`: the same key always gives the same value. */
export function keyCheckValue(dataKey: Buffer): string {
  const checkKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'court-hub key-check', 32));
  return createHmac('sha256', checkKey).update('court-hub data key check v1').digest('base64url');
}

/** Throws DataKeyMismatch (one line) unless `dataKey` is the database's key; stores its check value on first start. */
export async function verifyDataKey(scope: DbScope, dataKey: Buffer, vault: Vault, at: string): Promise<void> {
  const store = openKeyCheckStore(scope);
  const expected = keyCheckValue(dataKey);
  let stored = await store.checkValue();
  if (stored === null) {
    const sealed = await store.anySealedApplication();
    if (sealed !== null) {
      try {
        vault.open('application', sealed);
      } catch {
        throw new DataKeyMismatch(MISMATCH);
      }
    }
    // Instances starting together on one database: the first value stored is the one compared.
    stored = await store.storeIfAbsent(expected, at);
  }
  if (stored !== expected) throw new DataKeyMismatch(MISMATCH);
}
