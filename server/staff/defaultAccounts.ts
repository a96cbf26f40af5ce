import { randomBytes } from 'node:crypto';
import type { StaffRole } from '../../shared/staff/roles.js';
import type { DbScope } from '../db/engine.js';
import type { AccountStore } from './accountStore.js';
import { hashPassword } from './passwords.js';

// One account per role for a new hub (`npm start`), beside the `admin` created on first start:
// each gets a generated password that the hub shows once, on the console where it was started,
// and nowhere else. A mediator belongs to the people's mediation committee, counter staff to a
// township centre. Accounts that exist already are left alone (their passwords are not shown).

export interface DefaultAccount {
  username: string;
  role: StaffRole;
  displayName: string;
  organisationId?: string;
  siteId?: string;
}

export const defaultAccounts: DefaultAccount[] = [
  { username: 'clerk', role: 'filing_clerk', displayName: '立案庭 书记员' },
  { username: 'judge', role: 'judge', displayName: '审判员' },
  { username: 'assistant', role: 'judge_assistant', displayName: '法官助理' },
  { username: 'mediator.people', role: 'mediator', displayName: '人民调解员', organisationId: 'qlh-people-mediation' },
  { username: 'counter.xiyuan', role: 'counter_staff', displayName: '西园街道 窗口人员', siteId: 'qlh-centre-xiyuan' },
  { username: 'viewer', role: 'dashboard_viewer', displayName: '院领导 指挥中心' },
];

/** Creates the default accounts that are missing; the generated password of each one created. */
export async function seedDefaultAccounts(scope: DbScope, accounts: AccountStore, at: string): Promise<Map<string, string>> {
  const missing: DefaultAccount[] = [];
  for (const a of defaultAccounts) if (!(await accounts.account(scope, a.username))) missing.push(a);
  // hashed side by side (scrypt runs on libuv's threads): a new hub starts sooner on a busy machine
  const passwords = missing.map(() => randomBytes(12).toString('base64url'));
  const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
  const created = new Map<string, string>();
  for (const [i, a] of missing.entries()) {
    const ok = await accounts.create(
      scope,
      {
        username: a.username,
        passwordHash: hashes[i]!,
        displayName: a.displayName,
        role: a.role,
        kind: 'person',
        organisationId: a.organisationId ?? null,
        siteId: a.siteId ?? null,
        mustChangePassword: false,
        createdAt: at,
      },
      at,
    );
    if (ok) created.set(a.username, passwords[i]!);
  }
  return created;
}
