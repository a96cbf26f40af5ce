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
  /** Binary variant for files (attachments); same layout, its own AAD so a file never opens as JSON or back. */
  sealBytes(plain: Uint8Array): Buffer;
  openBytes(sealed: Buffer): Buffer;
}

export function createSealer(key: Buffer, aad = 'kiosk-personal-data'): Sealer {
  if (key.length !== DATA_KEY_BYTES) throw new Error('Data key must be 32 bytes');
  const jsonAad = Buffer.from(aad);
  const bytesAad = Buffer.from(`${aad}:bytes`);
  const sealWith = (aadBuf: Buffer, plain: Uint8Array): Buffer => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(aadBuf);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  };
  const openWith = (aadBuf: Buffer, sealed: Buffer): Buffer => {
    if (sealed.length < 29 || sealed[0] !== VERSION) throw new Error('Unknown sealed payload version');
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(1, 13));
    decipher.setAAD(aadBuf);
    decipher.setAuthTag(sealed.subarray(13, 29));
    return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]);
  };
  return {
    seal: (plain) => sealWith(jsonAad, Buffer.from(JSON.stringify(plain), 'utf8')),
    open: <T>(sealed: Buffer): T => JSON.parse(openWith(jsonAad, sealed).toString('utf8')) as T,
    sealBytes: (plain) => sealWith(bytesAad, plain),
    openBytes: (sealed) => openWith(bytesAad, sealed),
  };
}
