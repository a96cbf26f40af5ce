import type { Database } from 'better-sqlite3';
import { hashPasswordSync } from '../staffAuth.js';
import type { HubStore } from '../store.js';

// Mediators are staff accounts with the `mediator` role and a display name (the name a resident
// sees when their call is answered). Passwords are scrypt-hashed like every staff password.

export const DEMO_MEDIATOR_USERNAME = 'mediator';
const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

export interface StaffProfile {
  username: string;
  role: 'admin' | 'mediator';
  displayName: string;
}

export function addMediator(store: HubStore, account: { username: string; password: string; displayName: string }, at: Date): void {
  if (!USERNAME.test(account.username)) throw new Error('Mediator username: 3–32 letters, digits, . _ -');
  if (account.password.length < 8 || account.password.length > 200) throw new Error('Mediator password must be 8–200 characters');
  const displayName = account.displayName.trim().slice(0, 100) || account.username;
  store.db
    .prepare(`INSERT INTO staff (username, password_hash, created_at, role, display_name) VALUES (?, ?, ?, 'mediator', ?)`)
    .run(account.username, hashPasswordSync(account.password), at.toISOString(), displayName);
}

/** Creates the demo `mediator` account on first start (npm start); false if it already exists. */
export function ensureDemoMediator(store: HubStore, password: string, at: Date): boolean {
  if (store.staff(DEMO_MEDIATOR_USERNAME)) return false;
  addMediator(store, { username: DEMO_MEDIATOR_USERNAME, password, displayName: '值班调解员 Duty mediator' }, at);
  return true;
}

export function staffProfiles(db: Database) {
  const byName = db.prepare(`SELECT username, role, display_name AS displayName FROM staff WHERE username = ?`);
  return (username: string): StaffProfile | null => (byName.get(username) as StaffProfile | undefined) ?? null;
}
