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
  /** Set or reset by an admin and not yet changed: such an account can do nothing but change it. */
  mustChangePassword: boolean;
}

export interface StaffAccount extends Omit<StaffProfile, 'mustChangePassword'> {
  passwordHash: string;
}

export type StaffStore = ReturnType<typeof openStaffStore>;

const staffRow = (a: StaffAccount, at: string) => ({ username: a.username, password_hash: a.passwordHash, created_at: at, role: a.role, display_name: a.displayName });

export function openStaffStore({ db }: DbScope) {
  const row = (username: string) =>
    db.selectFrom('staff').select(['username', 'password_hash as passwordHash', 'role', 'display_name as displayName', 'must_change_password']).where('username', '=', username).executeTakeFirst();
  const account = async (username: string): Promise<StaffAccount | null> => {
    const found = await row(username);
    if (!found) return null;
    const { must_change_password: _must, ...rest } = found;
    // The column's CHECK admits only the roles of shared/staff/roles.ts.
    return { ...rest, role: rest.role as StaffRole };
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
      const found = await row(username);
      if (!found) return null;
      const { passwordHash: _hash, must_change_password, ...profile } = found;
      return { ...profile, role: profile.role as StaffRole, mustChangePassword: Number(must_change_password) === 1 };
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
