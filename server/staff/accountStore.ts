import { randomUUID } from 'node:crypto';
import type { ApiTokenView, StaffAccountView, StaffUpdate } from '../../shared/courtApi/staff.js';
import type { StaffRole } from '../../shared/staff/roles.js';
import type { DbScope } from '../db/engine.js';

// Staff accounts as admins manage them through the court API (issue 10 item 5), their sessions
// and the API tokens of service accounts — on Kysely, for both engines. Passwords are scrypt
// hashes (./passwords.ts); session tokens and API tokens are kept as sha256 only.

export interface AccountRow {
  username: string;
  passwordHash: string;
  displayName: string;
  role: StaffRole;
  kind: 'person' | 'service';
  organisationId: string | null;
  siteId: string | null;
  active: boolean;
  mustChangePassword: boolean;
  createdAt: string;
}

type Row = {
  username: string;
  password_hash: string;
  display_name: string;
  role: string;
  kind: string;
  organisation_id: string | null;
  site_id: string | null;
  active: number;
  must_change_password: number;
  created_at: string;
};

const toAccount = (r: Row): AccountRow => ({
  username: r.username,
  passwordHash: r.password_hash,
  displayName: r.display_name,
  role: r.role as StaffRole,
  kind: r.kind as AccountRow['kind'],
  organisationId: r.organisation_id,
  siteId: r.site_id,
  active: r.active === 1,
  mustChangePassword: r.must_change_password === 1,
  createdAt: r.created_at,
});

export function accountView(a: AccountRow, lockedUntil: string | null): StaffAccountView {
  const { passwordHash: _hash, ...view } = a;
  return { ...view, lockedUntil };
}

const columns = ['username', 'password_hash', 'display_name', 'role', 'kind', 'organisation_id', 'site_id', 'active', 'must_change_password', 'created_at'] as const;

/** A hash no password matches: service accounts never sign in with one. */
export const NO_PASSWORD = 'none';

export type AccountStore = ReturnType<typeof accountStore>;

export function accountStore() {
  const account = async (scope: DbScope, username: string): Promise<AccountRow | null> => {
    const row = await scope.db.selectFrom('staff').select(columns).where('username', '=', username).executeTakeFirst();
    return row ? toAccount(row) : null;
  };
  const endSessions = async (scope: DbScope, username: string) => {
    await scope.db.deleteFrom('staff_sessions').where('username', '=', username).execute();
  };
  return {
    account,
    async list(scope: DbScope): Promise<AccountRow[]> {
      return (await scope.db.selectFrom('staff').select(columns).orderBy('role').orderBy('username').execute()).map(toAccount);
    },
    async count(scope: DbScope): Promise<number> {
      const row = await scope.db
        .selectFrom('staff')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    /** False if the username is taken. */
    async create(scope: DbScope, a: Omit<AccountRow, 'active'>, at: string): Promise<boolean> {
      const res = await scope.db
        .insertInto('staff')
        .values({
          username: a.username,
          password_hash: a.passwordHash,
          display_name: a.displayName,
          role: a.role,
          kind: a.kind,
          organisation_id: a.organisationId,
          site_id: a.siteId,
          must_change_password: a.mustChangePassword ? 1 : 0,
          password_set_at: at,
          created_at: at,
        })
        .onConflict((oc) => oc.column('username').doNothing())
        .executeTakeFirst();
      return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    /** Changes an account; deactivating it ends its sessions and revokes its tokens. */
    async update(scope: DbScope, username: string, u: StaffUpdate, at: string): Promise<void> {
      const set: Record<string, string | number | null> = {};
      if (u.displayName !== undefined) set.display_name = u.displayName;
      if (u.role !== undefined) set.role = u.role;
      if (u.organisationId !== undefined) set.organisation_id = u.organisationId;
      if (u.siteId !== undefined) set.site_id = u.siteId;
      if (u.active !== undefined) set.active = u.active ? 1 : 0;
      await scope.db.updateTable('staff').set(set).where('username', '=', username).execute();
      if (u.active === false || u.role !== undefined) {
        await endSessions(scope, username);
        await scope.db.updateTable('api_tokens').set({ revoked_at: at }).where('username', '=', username).where('revoked_at', 'is', null).execute();
      }
    },
    /** Sets a password; every session of the account ends (a reset or a change signs out elsewhere). */
    async setPassword(scope: DbScope, username: string, passwordHash: string, mustChange: boolean, at: string): Promise<void> {
      await scope.db
        .updateTable('staff')
        .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, password_set_at: at })
        .where('username', '=', username)
        .execute();
      await endSessions(scope, username);
    },
    /** The scrypt hash of the HUB_ADMIN_PASSWORD value last applied to the account; null if none was. */
    async envPasswordDigest(scope: DbScope, username: string): Promise<string | null> {
      const row = await scope.db.selectFrom('staff').select('env_password_digest').where('username', '=', username).executeTakeFirst();
      return row?.env_password_digest ?? null;
    },
    async setEnvPasswordDigest(scope: DbScope, username: string, digest: string): Promise<void> {
      await scope.db.updateTable('staff').set({ env_password_digest: digest }).where('username', '=', username).execute();
    },
    async addSession(scope: DbScope, tokenHash: string, username: string, at: string, expiresAt: string): Promise<void> {
      await scope.db.deleteFrom('staff_sessions').where('expires_at', '<=', at).execute();
      await scope.db.insertInto('staff_sessions').values({ token_hash: tokenHash, username, created_at: at, expires_at: expiresAt }).execute();
    },
    async endSession(scope: DbScope, tokenHash: string): Promise<void> {
      await scope.db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
    },
    endSessions,
    /** The active account a live session token belongs to. */
    async bySession(scope: DbScope, tokenHash: string, at: string): Promise<AccountRow | null> {
      const row = await scope.db
        .selectFrom('staff_sessions as s')
        .innerJoin('staff', 'staff.username', 's.username')
        .select(columns.map((c) => `staff.${c}` as const))
        .where('s.token_hash', '=', tokenHash)
        .where('s.expires_at', '>', at)
        .where('staff.active', '=', 1)
        .executeTakeFirst();
      return row ? toAccount(row) : null;
    },
    /** The active service account a live API token belongs to. */
    async byToken(scope: DbScope, tokenHash: string, at: string): Promise<AccountRow | null> {
      const row = await scope.db
        .selectFrom('api_tokens as t')
        .innerJoin('staff', 'staff.username', 't.username')
        .select(columns.map((c) => `staff.${c}` as const))
        .where('t.token_hash', '=', tokenHash)
        .where('t.revoked_at', 'is', null)
        .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', at)]))
        .where('staff.active', '=', 1)
        .where('staff.kind', '=', 'service')
        .executeTakeFirst();
      return row ? toAccount(row) : null;
    },
    async issueToken(scope: DbScope, t: { username: string; tokenHash: string; label: string; createdBy: string; at: string; expiresAt: string | null }): Promise<ApiTokenView> {
      const tokenId = randomUUID();
      await scope.db
        .insertInto('api_tokens')
        .values({ token_id: tokenId, username: t.username, token_hash: t.tokenHash, label: t.label, created_at: t.at, created_by: t.createdBy, expires_at: t.expiresAt })
        .execute();
      return { tokenId, label: t.label, createdAt: t.at, createdBy: t.createdBy, expiresAt: t.expiresAt, revokedAt: null };
    },
    async tokens(scope: DbScope, username: string): Promise<ApiTokenView[]> {
      const rows = await scope.db.selectFrom('api_tokens').selectAll().where('username', '=', username).orderBy('created_at').execute();
      return rows.map((r) => ({ tokenId: r.token_id, label: r.label, createdAt: r.created_at, createdBy: r.created_by, expiresAt: r.expires_at, revokedAt: r.revoked_at }));
    },
    /** False if there is no such live token of that account. */
    async revokeToken(scope: DbScope, username: string, tokenId: string, at: string): Promise<boolean> {
      const res = await scope.db.updateTable('api_tokens').set({ revoked_at: at }).where('token_id', '=', tokenId).where('username', '=', username).where('revoked_at', 'is', null).executeTakeFirst();
      return Number(res.numUpdatedRows) === 1;
    },
    /** Every organisation's mediators, in one query (by organisation, then username). */
    async allMediators(scope: DbScope): Promise<AccountRow[]> {
      return (await scope.db.selectFrom('staff').select(columns).where('role', '=', 'mediator').where('organisation_id', 'is not', null).orderBy('organisation_id').orderBy('username').execute()).map(
        toAccount,
      );
    },
    /** The mediators of an organisation (diversion and assignment choose among them). */
    async mediators(scope: DbScope, organisationId: string): Promise<AccountRow[]> {
      return (await scope.db.selectFrom('staff').select(columns).where('role', '=', 'mediator').where('organisation_id', '=', organisationId).orderBy('username').execute()).map(toAccount);
    },
  };
}
