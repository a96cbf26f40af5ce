import { randomBytes } from 'node:crypto';
import type { DbScope } from '../db/engine.js';
import { accountStore } from './accountStore.js';
import { hashPassword, hashPasswordSync, verifyPassword } from './passwords.js';
import type { StaffAccount, StaffStore } from './store.js';

// Creating staff accounts: the `admin` (role court_admin) on first start, and mediators (the
// `mediator` role, with the display name a resident sees when their call is answered).

const ADMIN_USERNAME = 'admin';
export const DEMO_MEDIATOR_USERNAME = 'mediator';
const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

/**
 * Creates the `admin` account on first start. Returns the password only when the hub generated
 * it (no `adminPassword` given) so the CLI can show it once; null otherwise.
 */
export async function ensureAdmin(staff: StaffStore, adminPassword: string | undefined, now: Date): Promise<string | null> {
  if ((await staff.count()) > 0) return null;
  const password = adminPassword ?? randomBytes(18).toString('base64url');
  const created = await staff.addIfAbsent({ username: ADMIN_USERNAME, passwordHash: hashPasswordSync(password), role: 'court_admin', displayName: '' }, now.toISOString());
  return created && adminPassword === undefined ? password : null;
}

/**
 * HUB_ADMIN_PASSWORD at a start: the `admin` account's password becomes it only when the value
 * CHANGED since the last start that had it (the hub keeps a scrypt hash of the value it last
 * applied beside the account, never the value). So an IT clerk who sets a new value signs in with
 * it, while a password changed in the console survives restarts with the same value (as under
 * `npm start`, which passes the checkout's one value at every start). A value seen for the first
 * time that is already the password is only remembered. A reset ends admin's sessions. True when
 * it was reset (the caller says so in its log, never the password).
 */
export async function applyAdminPassword(scope: DbScope, staff: StaffStore, adminPassword: string | undefined, now: Date): Promise<boolean> {
  if (adminPassword === undefined) return false;
  const admin = await staff.account(ADMIN_USERNAME);
  if (!admin) return false;
  const accounts = accountStore();
  const applied = await accounts.envPasswordDigest(scope, ADMIN_USERNAME);
  if (applied !== null && (await verifyPassword(adminPassword, applied))) return false;
  const reset = !(await verifyPassword(adminPassword, admin.passwordHash));
  const digest = await hashPassword(adminPassword);
  if (reset) await accounts.setPassword(scope, ADMIN_USERNAME, digest, false, now.toISOString());
  await accounts.setEnvPasswordDigest(scope, ADMIN_USERNAME, digest);
  return reset;
}

function mediatorAccount(account: { username: string; password: string; displayName: string }): StaffAccount {
  if (!USERNAME.test(account.username)) throw new Error('Mediator username: 3–32 letters, digits, . _ -');
  if (account.password.length < 8 || account.password.length > 200) throw new Error('Mediator password must be 8–200 characters');
  const displayName = account.displayName.trim().slice(0, 100) || account.username;
  return { username: account.username, passwordHash: hashPasswordSync(account.password), role: 'mediator', displayName };
}

export async function addMediator(staff: StaffStore, account: { username: string; password: string; displayName: string }, at: Date): Promise<void> {
  await staff.add(mediatorAccount(account), at.toISOString());
}

/** Creates the demo `mediator` account on first start (npm start); false if it already exists. */
export async function ensureDemoMediator(staff: StaffStore, password: string, at: Date): Promise<boolean> {
  if (await staff.account(DEMO_MEDIATOR_USERNAME)) return false;
  return staff.addIfAbsent(mediatorAccount({ username: DEMO_MEDIATOR_USERNAME, password, displayName: '值班调解员 Duty mediator' }), at.toISOString());
}
