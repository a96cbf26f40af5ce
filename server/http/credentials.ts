import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

// Secrets the hub hands out or checks. Only sha256 digests of issued secrets are stored, so a
// copy of the database does not let anyone act as a terminal or a logged-in staff member.

/** 32 random bytes, base64url: terminal credentials and staff session tokens. */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** Constant-time equality of two strings of any length (compares their sha256 digests). */
export function secretsEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,200})$/i;

/** The token of an `Authorization: Bearer <token>` header, or null if absent or malformed. */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  return BEARER.exec(header.trim())?.[1] ?? null;
}
