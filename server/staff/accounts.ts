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
 * HUB_ADMIN_PASSWORD on a hub whose `admin` exists already: an IT clerk who sets it expects to sign
 * in with it, so the account's password becomes it whenever it is not already that password: a
 * restart with the same value changes nothing, but a password changed in the console while the
 * variable is still set is reset at the next start (the hub keeps no record of which value it last
 * applied). Every session of `admin` ends. True when it was reset (the caller says so in its log,
 * never the password).
 */
export async function applyAdminPassword(scope: DbScope, staff: StaffStore, adminPassword: string | undefined, now: Date): Promise<boolean> {
  if (adminPassword === undefined) return false;
  const admin = await staff.account(ADMIN_USERNAME);
  if (!admin || (await verifyPassword(adminPassword, admin.passwordHash))) return false;
  await accountStore().setPassword(scope, ADMIN_USERNAME, await hashPassword(adminPassword), false, now.toISOString());
  return true;
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
