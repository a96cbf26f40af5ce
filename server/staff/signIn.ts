import { afterFailure, currentCount, isLocked, lockMs, retryAfterSeconds, signInLimitRules, type SignInCount } from '../../shared/staff/signInLimits.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import type { AuditStore } from '../audit/auditStore.js';
import { newSecret, sha256Hex } from '../http/credentials.js';
import type { AccountRow, AccountStore } from './accountStore.js';
import { decoyPasswordHash, verifyPassword } from './passwords.js';
import { SESSION_TTL_MS } from './sessions.js';
import type { SignInLimitStore } from './signInLimitStore.js';

// Signing staff in, with the limits of shared/staff/signInLimits.ts: one implementation for every
// door (the court API's POST /api/v1/session that the console and the counter use; the console's
// form and the mediator desk move onto it with the data layer). The attempt is charged to the
// account and the source before the password is checked, so parallel guesses are counted too; a
// right password gives the charge back. Every attempt is audited, never with the password.

export type SignInOutcome = { ok: true; account: AccountRow; token: string; expiresAt: string } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'locked'; retryAfterS: number };

export const accountSubject = (username: string) => `account:${username.toLowerCase().slice(0, 100)}`;
const sourceSubject = (source: string) => `source:${source.slice(0, 100)}`;

export interface SignInDeps {
  accounts: AccountStore;
  limits: SignInLimitStore;
  audit: AuditStore;
  now: () => Date;
}

export function signInGate(deps: SignInDeps) {
  const { accounts, limits, audit, now } = deps;

  /** Charges one attempt to both subjects, or says how long they are locked. */
  async function charge(scope: DbScope, username: string, source: string): Promise<{ locked: number } | { account: SignInCount; source: SignInCount }> {
    return inTransaction(scope, async (trx) => {
      const at = now();
      const a = currentCount(signInLimitRules.account, await limits.lock(trx, accountSubject(username)), at);
      const s = currentCount(signInLimitRules.source, await limits.lock(trx, sourceSubject(source)), at);
      const lockedFor = [a, s].filter((c): c is SignInCount => isLocked(c, at)).map((c) => retryAfterSeconds(c, at));
      if (lockedFor.length > 0) return { locked: Math.max(...lockedFor) };
      const charged = { account: afterFailure(signInLimitRules.account, a, at), source: afterFailure(signInLimitRules.source, s, at) };
      await limits.save(trx, accountSubject(username), charged.account);
      await limits.save(trx, sourceSubject(source), charged.source);
      return charged;
    });
  }

  return {
    async signIn(scope: DbScope, username: string, password: string, source: string): Promise<SignInOutcome> {
      const charged = await charge(scope, username, source);
      const who = { kind: 'anonymous' as const, id: null, role: null, source };
      if ('locked' in charged) {
        await audit.record(scope.db, who, { action: 'staff.sign_in', outcome: 'denied', recordKind: 'reason', recordId: 'locked' });
        return { ok: false, reason: 'locked', retryAfterS: charged.locked };
      }
      const account = await accounts.account(scope, username);
      const usable = account && account.active && account.kind === 'person';
      const right = await verifyPassword(password, usable ? account.passwordHash : decoyPasswordHash());
      if (!usable || !right) {
        await audit.record(scope.db, account ? { ...who, kind: 'staff', id: account.username, role: account.role } : who, {
          action: 'staff.sign_in',
          outcome: 'denied',
          recordKind: 'reason',
          recordId: 'wrong',
        });
        return { ok: false, reason: 'wrong' };
      }
      const token = newSecret();
      const at = now();
      const expiresAt = new Date(at.getTime() + SESSION_TTL_MS).toISOString();
      await inTransaction(scope, async (trx) => {
        await limits.clear(trx, accountSubject(username));
        // give the source its charge back (a success does not clear what it failed before)
        const failures = charged.source.failures - 1;
        if (failures <= 0) await limits.clear(trx, sourceSubject(source));
        else {
          const lock = lockMs(signInLimitRules.source, failures);
          await limits.save(trx, sourceSubject(source), { ...charged.source, failures, lockedUntil: lock > 0 ? charged.source.lockedUntil : null });
        }
        await accounts.addSession(trx, sha256Hex(token), account.username, at.toISOString(), expiresAt);
        await audit.record(trx.db, { kind: 'staff', id: account.username, role: account.role, source }, { action: 'staff.sign_in', outcome: 'ok' });
      });
      return { ok: true, account, token, expiresAt };
    },

    /** An admin lifts an account's lockout. */
    async unlock(scope: DbScope, username: string): Promise<void> {
      await limits.clear(scope, accountSubject(username));
    },

    async lockedUntil(scope: DbScope, username: string): Promise<string | null> {
      return limits.lockedUntil(scope, accountSubject(username), now().toISOString());
    },
  };
}
export type SignInGate = ReturnType<typeof signInGate>;
