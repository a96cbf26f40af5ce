import type { SignInCount } from '../../shared/staff/signInLimits.js';
import type { DbScope } from '../db/engine.js';

// Failed sign-ins per subject ('account:<username>', 'source:<address>'), in the database so that
// every hub instance sees the same counts and a restart forgets nothing.

export type SignInLimitStore = ReturnType<typeof signInLimitStore>;

export function signInLimitStore() {
  return {
    /** The subject's count, its row locked (PostgreSQL) for the rest of the transaction. */
    async lock(scope: DbScope, subject: string): Promise<SignInCount | null> {
      let q = scope.db.selectFrom('sign_in_limits').select(['failures', 'locked_until', 'last_failure_at']).where('subject', '=', subject);
      if (scope.engine === 'postgres') q = q.forUpdate();
      const row = await q.executeTakeFirst();
      return row ? { failures: row.failures, lockedUntil: row.locked_until, lastFailureAt: row.last_failure_at } : null;
    },
    async save(scope: DbScope, subject: string, c: SignInCount): Promise<void> {
      const values = { failures: c.failures, locked_until: c.lockedUntil, last_failure_at: c.lastFailureAt };
      await scope.db
        .insertInto('sign_in_limits')
        .values({ subject, ...values })
        .onConflict((oc) => oc.column('subject').doUpdateSet(values))
        .execute();
    },
    async clear(scope: DbScope, subject: string): Promise<void> {
      await scope.db.deleteFrom('sign_in_limits').where('subject', '=', subject).execute();
    },
    async lockedUntil(scope: DbScope, subject: string, now: string): Promise<string | null> {
      const row = await scope.db.selectFrom('sign_in_limits').select('locked_until').where('subject', '=', subject).where('locked_until', '>', now).executeTakeFirst();
      return row?.locked_until ?? null;
    },
  };
}
