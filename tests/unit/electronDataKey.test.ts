import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWrappedDataKey, type KeyWrapper } from '../../main/electron/dataKey.js';
import { tempDir } from '../support/fixtures.js';

// A stand-in for the OS keyring: reversible, but distinguishable from plaintext.
function wrapper(available = true, backend = 'gnome_libsecret', reEncrypt = false): KeyWrapper & { encrypts: number } {
  const w = {
    encrypts: 0,
    isAsyncEncryptionAvailable: async () => available,
    encryptStringAsync: async (plain: string) => {
      w.encrypts++;
      return Buffer.from(`wrapped:${Buffer.from(plain).toString('hex')}`);
    },
    decryptStringAsync: async (sealed: Buffer) => ({
      result: Buffer.from(sealed.toString().replace('wrapped:', ''), 'hex').toString(),
      shouldReEncrypt: reEncrypt,
    }),
    getSelectedStorageBackend: () => backend,
  };
  return w;
}

describe('Electron data key', () => {
  it('creates a 32-byte key once, stores it wrapped with mode 0600, and reloads the same key', async () => {
    const path = join(tempDir(), 'agent', 'data.key.enc');
    const warnings: string[] = [];
    const first = await loadWrappedDataKey(path, wrapper(), (m) => warnings.push(m));
    expect(first).toHaveLength(32);
    expect(readFileSync(path).toString()).toMatch(/^wrapped:/);
    expect(readFileSync(path).includes(first)).toBe(false);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await loadWrappedDataKey(path, wrapper(), () => undefined)).toEqual(first);
    expect(warnings).toEqual([]);
  });

  it('refuses to run without OS key storage and warns about basic_text', async () => {
    const path = join(tempDir(), 'data.key.enc');
    await expect(loadWrappedDataKey(path, wrapper(false), () => undefined)).rejects.toThrow(/unavailable/);
    expect(existsSync(path)).toBe(false);
    const warnings: string[] = [];
    await loadWrappedDataKey(path, wrapper(true, 'basic_text'), (m) => warnings.push(m));
    expect(warnings).toHaveLength(1);
  });

  it('re-wraps the key when the keyring asks for it', async () => {
    const path = join(tempDir(), 'data.key.enc');
    const key = await loadWrappedDataKey(path, wrapper(), () => undefined);
    const w = wrapper(true, 'gnome_libsecret', true);
    expect(await loadWrappedDataKey(path, w, () => undefined)).toEqual(key);
    expect(w.encrypts).toBe(1);
  });
});
