import type { StaffRole } from '../../shared/staff/roles.js';
import type { DbScope } from '../db/engine.js';

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

const staffRow = (a: StaffAccount, at: string) => ({ username: a.username, password_hash: a.passwordHash, created_at: at, role: a.role, display_name: a.displayName });

export function openStaffStore({ db }: DbScope) {
  const account = async (username: string): Promise<StaffAccount | null> => {
    const row = await db.selectFrom('staff').select(['username', 'password_hash as passwordHash', 'role', 'display_name as displayName']).where('username', '=', username).executeTakeFirst();
    // The column's CHECK admits only the roles of shared/staff/roles.ts.
    return row ? { ...row, role: row.role as StaffRole } : null;
  };
  return {
    async count(): Promise<number> {
      const { n } = await db
        .selectFrom('staff')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return n;
    },
    async add(a: StaffAccount, at: string): Promise<void> {
      await db.insertInto('staff').values(staffRow(a, at)).execute();
    },
    /** Creates the account unless one of that name exists (another hub instance may be creating it too); true if created. */
    async addIfAbsent(a: StaffAccount, at: string): Promise<boolean> {
      const r = await db
        .insertInto('staff')
        .values(staffRow(a, at))
        .onConflict((oc) => oc.column('username').doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    account,
    async profile(username: string): Promise<StaffProfile | null> {
      const found = await account(username);
      if (!found) return null;
      const { passwordHash: _hash, ...profile } = found;
      return profile;
    },
    async sessionUser(tokenHash: string, at: string): Promise<string | null> {
      const row = await db.selectFrom('staff_sessions').select('username').where('token_hash', '=', tokenHash).where('expires_at', '>', at).executeTakeFirst();
      return row?.username ?? null;
    },
    async endSession(tokenHash: string): Promise<void> {
      await db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
    },
  };
}
