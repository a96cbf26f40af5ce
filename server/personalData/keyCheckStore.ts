import type { DbScope } from '../db/engine.js';

// The data key's check value (one row of `data_key_check`), and one sealed application to try the
// key on when a database from before the check has none yet (read here, not through the case
// store, because this runs before any feature's store is opened and only asks "is there one").

export interface KeyCheckStore {
  checkValue(): Promise<string | null>;
  /** Stores `value` unless a value is there already; returns the stored one. */
  storeIfAbsent(value: string, at: string): Promise<string>;
  anySealedApplication(): Promise<string | null>;
}

export function openKeyCheckStore(scope: DbScope): KeyCheckStore {
  const { db } = scope;
  const checkValue = async () => (await db.selectFrom('data_key_check').select('check_value').where('id', '=', 1).executeTakeFirst())?.check_value ?? null;
  return {
    checkValue,
    async storeIfAbsent(value, at) {
      await db
        .insertInto('data_key_check')
        .values({ id: 1, check_value: value, created_at: at })
        .onConflict((c) => c.column('id').doNothing())
        .execute();
      return (await checkValue())!;
    },
    async anySealedApplication() {
      return (await db.selectFrom('case_applications').select('application_sealed').limit(1).executeTakeFirst())?.application_sealed ?? null;
    },
  };
}
