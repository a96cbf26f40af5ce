import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { newSecret, sha256Hex } from './credentials.js';
import type { HubStore } from './store.js';

// Staff sign-in for the court console: scrypt password hashes with a random salt, and sessions
// held in an HttpOnly, SameSite=Strict cookie whose random token is stored only as a sha256 hash.

export const ADMIN_USERNAME = 'admin';
export const SESSION_COOKIE = 'hub_session';
const SESSION_TTL_MS = 12 * 3600_000; // one working day
const SCRYPT_PARAMS = { N: 16384, r: 8, p: 1 } as const;
const KEY_LEN = 32;

function scryptAsync(password: string, salt: Buffer, keylen: number, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

function encode(salt: Buffer, key: Buffer): string {
  const { N, r, p } = SCRYPT_PARAMS;
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

export function hashPasswordSync(password: string): string {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(password, salt, KEY_LEN, SCRYPT_PARAMS));
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(actual, expected);
}

/** A hash no password matches; checked when the username is unknown so timing does not tell. */
let decoyHash: string | null = null;
const decoy = (): string => (decoyHash ??= hashPasswordSync(newSecret()));

/**
 * Creates the `admin` account on first start. Returns the password only when the hub generated
 * it (no `adminPassword` given) so the CLI can show it once; null otherwise.
 */
export function ensureAdmin(store: HubStore, adminPassword: string | undefined, now: Date): string | null {
  if (store.staffCount() > 0) return null;
  const password = adminPassword ?? randomBytes(18).toString('base64url');
  store.addStaff(ADMIN_USERNAME, hashPasswordSync(password), now.toISOString());
  return adminPassword === undefined ? password : null;
}

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function staffSessions(store: HubStore, now: () => Date) {
  return {
    /** Checks a username and password; the session token to set as a cookie, or null. */
    async login(username: string, password: string): Promise<string | null> {
      const staff = store.staff(username);
      const ok = await verifyPassword(password, staff?.passwordHash ?? decoy());
      if (!staff || !ok) return null;
      const token = newSecret();
      const at = now();
      store.addSession(sha256Hex(token), staff.username, at.toISOString(), new Date(at.getTime() + SESSION_TTL_MS).toISOString());
      return token;
    },
    /** The signed-in staff member for a request's Cookie header, or null. */
    user(cookieHeader: string | undefined): string | null {
      const token = cookieValue(cookieHeader, SESSION_COOKIE);
      if (!token || token.length > 200) return null;
      return store.sessionUser(sha256Hex(token), now().toISOString());
    },
    logout(cookieHeader: string | undefined): void {
      const token = cookieValue(cookieHeader, SESSION_COOKIE);
      if (token) store.endSession(sha256Hex(token));
    },
  };
}
export type StaffSessions = ReturnType<typeof staffSessions>;

export function sessionCookie(token: string, secure: boolean): string {
  const maxAge = Math.floor(SESSION_TTL_MS / 1000);
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${secure ? '; Secure' : ''}`;
}
