import { sha256Hex } from '../http/credentials.js';
import type { StaffStore } from './store.js';

// Staff sessions, shared by the console and the desks: a session is an HttpOnly, SameSite=Strict
// cookie whose random token the hub stores only as a sha256 hash. Signing in is the court API's
// alone (./signIn.ts, POST /api/v1/session: limits, lockout, audit). `user()` says only who is
// signed in: a route that serves staff decides by role and password too (./staffGate.ts).

export const SESSION_COOKIE = 'hub_session';
export const SESSION_TTL_MS = 12 * 60 * 60_000; // one working day

export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function staffSessions(staff: StaffStore, now: () => Date) {
  return {
    /** The signed-in staff member for a request's Cookie header, or null. */
    async user(cookieHeader: string | undefined): Promise<string | null> {
      const token = cookieValue(cookieHeader, SESSION_COOKIE);
      if (!token || token.length > 200) return null;
      return staff.sessionUser(sha256Hex(token), now().toISOString());
    },
    async logout(cookieHeader: string | undefined): Promise<void> {
      const token = cookieValue(cookieHeader, SESSION_COOKIE);
      if (token) await staff.endSession(sha256Hex(token));
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
