import type { DbScope } from '../db/engine.js';

// The counter's sign-ins (migration 0019): which staff member signed in at which terminal, for
// which site, until when. The only SQL of server/counter/.

export interface CounterSignInRow {
  signInId: string;
  terminalId: string;
  username: string;
  siteId: string;
  signedInAt: string;
  expiresAt: string;
}

export function counterSignInStore({ db }: DbScope) {
  return {
    /** The site the court placed the terminal at (null: none yet). */
    async terminalSite(terminalId: string): Promise<{ siteId: string; siteName: string } | null> {
      const row = await db
        .selectFrom('terminals as t')
        .innerJoin('sites as s', 's.site_id', 't.site_id')
        .select(['s.site_id as siteId', 's.name as siteName'])
        .where('t.terminal_id', '=', terminalId)
        .executeTakeFirst();
      return row ?? null;
    },
    async record(r: CounterSignInRow): Promise<void> {
      await db
        .insertInto('counter_sign_ins')
        .values({ sign_in_id: r.signInId, terminal_id: r.terminalId, username: r.username, site_id: r.siteId, signed_in_at: r.signedInAt, expires_at: r.expiresAt })
        .execute();
    },
    async find(scope: DbScope, signInId: string): Promise<CounterSignInRow | null> {
      const row = await scope.db
        .selectFrom('counter_sign_ins')
        .select(['sign_in_id as signInId', 'terminal_id as terminalId', 'username', 'site_id as siteId', 'signed_in_at as signedInAt', 'expires_at as expiresAt'])
        .where('sign_in_id', '=', signInId)
        .executeTakeFirst();
      return row ?? null;
    },
  };
}
export type CounterSignInStore = ReturnType<typeof counterSignInStore>;
