import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Field-level AES-256-GCM for personal data at rest on the kiosk.
// Why field-level rather than a whole-database cipher (better-sqlite3-multiple-ciphers):
// it keeps the stock better-sqlite3 12 build that Node 20 and Electron both need, encrypts
// exactly the personal fields (everything else stays inspectable for support), and "purge
// after acknowledgement" becomes setting one column to NULL. Layout: version(1) | iv(12) | tag(16) | ciphertext.

const VERSION = 1;
export const DATA_KEY_BYTES = 32;

export interface Sealer {
  seal(plain: unknown): Buffer;
  open<T = unknown>(sealed: Buffer): T;
}

export function createSealer(key: Buffer, aad = 'kiosk-personal-data'): Sealer {
  if (key.length !== DATA_KEY_BYTES) throw new Error('Data key must be 32 bytes');
  const aadBuf = Buffer.from(aad);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aadBuf);
      const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open<T>(sealed: Buffer): T {
      if (sealed[0] !== VERSION) throw new Error('Unknown sealed payload version');
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
      decipher.setAAD(aadBuf);
      decipher.setAuthTag(sealed.subarray(13, 29));
      const plain = Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
      return JSON.parse(plain.toString('utf8')) as T;
    },
  };
}
