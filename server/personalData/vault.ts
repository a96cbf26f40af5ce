import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';

// Personal data at the hub, sealed field by field (server/DATA.md "Engines and conventions"):
// AES-256-GCM under a key derived from the hub's data key, so a copied database file shows no ID
// number, phone number, address or application; and a blind index (HMAC-SHA-256 under a second
// derived key) of the normalised value, so staff can still find a case by an exact phone or ID
// number. Each sealed value is bound to its purpose (the AAD), so a sealed phone number cannot be
// passed off as an application. Text layout: "v1." + base64url(iv | tag | ciphertext).

const PREFIX = 'v1.';

/** What a sealed value is; it opens only as the same purpose. */
export type SealPurpose = 'party.idNumber' | 'party.phone' | 'party.address' | 'application' | 'notification.recipient' | 'document' | 'guestPass';

/** Values found by exact match: ID numbers / credit codes, and phone numbers. */
export type IndexedField = 'idNumber' | 'phone';

/** What a value is compared by: phones by their digits, ID numbers upper-case without spaces. */
export function normaliseIndexed(field: IndexedField, value: string): string {
  return field === 'phone' ? value.replace(/\D/g, '') : value.replace(/\s/g, '').toUpperCase();
}

export interface Vault {
  seal(purpose: SealPurpose, plain: string): string;
  open(purpose: SealPurpose, sealed: string): string;
  sealBytes(plain: Uint8Array): Buffer;
  openBytes(sealed: Buffer): Buffer;
  /** The blind index of a value (normalised first); the same value always gives the same index. */
  blindIndex(field: IndexedField, value: string): string;
}

// A fresh random IV per seal, taken from a pool the CSPRNG refills: one call into it per 341 IVs
// instead of one per seal (it was ~4 % of the hub's CPU per intake, which seals ~8 values).
const IV_BYTES = 12;
const ivPool = Buffer.alloc(IV_BYTES * 341);
let ivNext = ivPool.length;
function freshIv(): Buffer {
  if (ivNext + IV_BYTES > ivPool.length) {
    randomFillSync(ivPool);
    ivNext = 0;
  }
  // A copy: the pool's bytes are overwritten on the next refill.
  const iv = Buffer.from(ivPool.subarray(ivNext, ivNext + IV_BYTES));
  ivNext += IV_BYTES;
  return iv;
}

function derive(dataKey: Buffer, info: string): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `court-hub ${info}`, 32));
}

export function openVault(dataKey: Buffer): Vault {
  if (dataKey.length !== 32) throw new Error('the data key must be 32 bytes');
  const sealKey = derive(dataKey, 'seal');
  const indexKey = derive(dataKey, 'blind-index');
  const sealRaw = (aad: string, plain: Uint8Array): Buffer => {
    const iv = freshIv();
    const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
    cipher.setAAD(Buffer.from(aad));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  };
  const openRaw = (aad: string, sealed: Buffer): Buffer => {
    if (sealed.length < 28) throw new Error('sealed value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', sealKey, sealed.subarray(0, 12));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
  };
  return {
    seal: (purpose, plain) => PREFIX + sealRaw(purpose, Buffer.from(plain, 'utf8')).toString('base64url'),
    open(purpose, sealed) {
      if (!sealed.startsWith(PREFIX)) throw new Error('not a sealed value');
      return openRaw(purpose, Buffer.from(sealed.slice(PREFIX.length), 'base64url')).toString('utf8');
    },
    sealBytes: (plain) => sealRaw('document', plain),
    openBytes: (sealed) => openRaw('document', sealed),
    blindIndex: (field, value) =>
      createHmac('sha256', indexKey)
        .update(`${field}:${normaliseIndexed(field, value)}`)
        .digest('hex'),
  };
}
