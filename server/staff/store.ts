import type { Database as HubDatabase } from 'better-sqlite3';
import type { StaffRole } from '../../shared/staff/roles.js';

// Court staff accounts and their sign-in sessions. Passwords are kept as scrypt hashes and
// session tokens as sha256 hashes only (staff/passwords.ts, staff/sessions.ts).


/** What the hub shows and checks of a staff member (never the password hash). */
export interface StaffProfile {
  username: string;
  role: StaffRole;
  /** The name a resident sees when a mediator answers; may be empty. */
  displayName: string;
}

export interface StaffAccount extends StaffProfile {
  passwordHash: string;
}

export type StaffStore = ReturnType<typeof openStaffStore>;

export function openStaffStore(db: HubDatabase) {
  const s = {
    count: db.prepare(`SELECT count(*) AS n FROM staff`),
    insert: db.prepare(`
      INSERT INTO staff (username, password_hash, created_at, role, display_name)
      VALUES (@username, @passwordHash, @at, @role, @displayName)`),
    byName: db.prepare(`
      SELECT username, password_hash AS passwordHash, role, display_name AS displayName FROM staff WHERE username = ?`),
    insertSession: db.prepare(`
      INSERT INTO staff_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)`),
    sessionUser: db.prepare(`SELECT username FROM staff_sessions WHERE token_hash = ? AND expires_at > ?`),
    deleteSession: db.prepare(`DELETE FROM staff_sessions WHERE token_hash = ?`),
    deleteExpiredSessions: db.prepare(`DELETE FROM staff_sessions WHERE expires_at <= ?`),
  };
  const account = (username: string): StaffAccount | null => (s.byName.get(username) as StaffAccount | undefined) ?? null;
  return {
    count(): number {
      return (s.count.get() as { n: number }).n;
    },
    add(account: StaffAccount, at: string): void {
      s.insert.run({ ...account, at });
    },
    account,
    profile(username: string): StaffProfile | null {
      const found = account(username);
      if (!found) return null;
      const { passwordHash: _hash, ...profile } = found;
      return profile;
    },
    addSession(tokenHash: string, username: string, at: string, expiresAt: string): void {
      s.deleteExpiredSessions.run(at);
      s.insertSession.run(tokenHash, username, at, expiresAt);
    },
    sessionUser(tokenHash: string, at: string): string | null {
      return (s.sessionUser.get(tokenHash, at) as { username: string } | undefined)?.username ?? null;
    },
    endSession(tokenHash: string): void {
      s.deleteSession.run(tokenHash);
    },
  };
}
