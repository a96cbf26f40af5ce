import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

// The Electron host's data key: 32 random bytes wrapped by the OS keyring through safeStorage's
// async API, stored as `data.key.enc`. The agent gets the unwrapped key in its init message and
// never touches the keyring itself.

export interface KeyWrapper {
  isAsyncEncryptionAvailable(): Promise<boolean>;
  encryptStringAsync(plain: string): Promise<Buffer>;
  decryptStringAsync(sealed: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }>;
  getSelectedStorageBackend?(): string;
}

export async function loadWrappedDataKey(path: string, wrapper: KeyWrapper, warn: (message: string) => void): Promise<Buffer> {
  if (!(await wrapper.isAsyncEncryptionAvailable())) {
    throw new Error('OS key storage is unavailable: refusing to keep personal data without a protected key');
  }
  if (wrapper.getSelectedStorageBackend?.() === 'basic_text') {
    warn('safeStorage is using basic_text on this Linux session: the data key is only obfuscated');
  }
  if (existsSync(path)) {
    const { result, shouldReEncrypt } = await wrapper.decryptStringAsync(readFileSync(path));
    const key = Buffer.from(result, 'base64');
    if (key.length !== 32) throw new Error('Wrapped data key is corrupt');
    if (shouldReEncrypt) await write(path, key, wrapper);
    return key;
  }
  const key = randomBytes(32);
  await write(path, key, wrapper);
  return key;
}

async function write(path: string, key: Buffer, wrapper: KeyWrapper): Promise<void> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, await wrapper.encryptStringAsync(key.toString('base64')), { mode: 0o600 });
  renameSync(tmp, path); // atomic: a crash never leaves half a key
}
