import { z } from 'zod';

// The staff panel's PIN as it is typed, hashed and sent (the rest of the panel: ./kioskAdmin.ts).
// Apart, because the heartbeat's reply (./terminals/heartbeat.ts) carries the digest.

/** 6–8 digits: typed on the kiosk's own keypad, long enough that the delay below makes guessing hopeless. */
export const AdminPin = z.string().regex(/^\d{6,8}$/, { error: 'admin.pinFormat' });

export const ADMIN_PIN_SCRYPT = { keyLength: 32, N: 16_384, r: 8, p: 1 } as const;

/** What a terminal receives: never the PIN itself. */
export const AdminPinDigest = z.strictObject({
  salt: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  setAt: z.string(),
});
export type AdminPinDigest = z.infer<typeof AdminPinDigest>;
