import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { checkPasswordStrength } from '../../shared/staff/passwordStrength.js';
import { can, staffAbilities, type StaffAbility } from '../../shared/staff/roles.js';
import { inTransaction } from '../db/engine.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { newSecret, sha256Hex } from '../http/credentials.js';
import { HubError } from '../http/errors.js';
import type { SiteStore } from '../sites/siteStore.js';
import { accountView, NO_PASSWORD, type AccountRow, type AccountStore } from './accountStore.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { auditorOf, type StaffPrincipal } from './principal.js';
import { clearedSessionCookie, sessionCookie, SESSION_TTL_MS } from './sessions.js';
import type { SignInGate } from './signIn.js';
import { reachedOverHttps } from '../http/transport.js';

// Signing in and staff accounts through the court API: one sign-in for the console, the counter
// and court systems' people (limited by ./signIn.ts), and the admin's account work — create,
// change, deactivate, reset a password (to be changed at next sign-in), unlock, API tokens for
// service accounts. Every change is audited; passwords and tokens never are.

export interface StaffRouteDeps extends CourtRouteDeps {
  accounts: AccountStore;
  sites: SiteStore;
  gate: SignInGate;
  now: () => Date;
  /** Mark the session cookie Secure even on plain HTTP (it is Secure anyway whenever the client came over HTTPS). */
  secureCookies: boolean;
}

const abilitiesOf = (a: AccountRow) => (Object.keys(staffAbilities) as StaffAbility[]).filter((ability) => can(a.role, ability));

export const sessionInfo = (a: AccountRow): SessionInfo => ({
  username: a.username,
  displayName: a.displayName,
  role: a.role,
  organisationId: a.organisationId,
  siteId: a.siteId,
  mustChangePassword: a.mustChangePassword,
  abilities: abilitiesOf(a),
});

/** A first or temporary password: 16 characters of base64url, strong enough for the checker. */
const temporaryPassword = () => `${randomBytes(12).toString('base64url')}`;

export function registerStaffRoutes(app: FastifyInstance, deps: StaffRouteDeps): void {
  const { scope, accounts, sites, gate, audit, now } = deps;
  const at = () => now().toISOString();
  const record = (p: StaffPrincipal, action: string, username: string, outcome: 'ok' | 'denied' = 'ok') =>
    audit.record(scope.db, auditorOf(p), { action, outcome, recordKind: 'staff', recordId: username });

  async function existing(username: string): Promise<AccountRow> {
    const a = await accounts.account(scope, username);
    if (!a) throw new HubError(404, 'NOT_FOUND', 'No such account');
    return a;
  }
  /** Mediators belong to an existing organisation, counter staff to an existing site. */
  async function placeExists(organisationId: string | null | undefined, siteId: string | null | undefined): Promise<void> {
    if (organisationId && !(await sites.organisation(scope, organisationId))) {
      throw new HubError(400, 'INVALID_REFERENCE', 'No such organisation', [{ path: 'organisationId', message: 'errors.organisation.unknown' }]);
    }
    if (siteId && !(await sites.site(scope, siteId))) throw new HubError(400, 'INVALID_REFERENCE', 'No such site', [{ path: 'siteId', message: 'errors.site.unknown' }]);
  }
  const view = async (a: AccountRow) => accountView(a, await gate.lockedUntil(scope, a.username));

  // Secure whenever the client came over HTTPS (directly or through a trusted proxy)
  const secure = (request: FastifyRequest) => deps.secureCookies || reachedOverHttps(request);

  serveCourtRoute(app, deps, 'signIn', async ({ body, request, reply }) => {
    const outcome = await gate.signIn(scope, body.username, body.password, request.ip);
    if (!outcome.ok && outcome.reason === 'locked') throw new HubError(429, 'SIGN_IN_LOCKED', 'Too many failed sign-ins; try again later', undefined, undefined, outcome.retryAfterS);
    if (!outcome.ok) throw new HubError(401, 'UNAUTHORIZED', 'Wrong username or password');
    reply.header('set-cookie', sessionCookie(outcome.token, secure(request)));
    return sessionInfo(outcome.account);
  });

  serveCourtRoute(app, deps, 'session', async (_input, principal) => sessionInfo(principal.account));

  serveCourtRoute(app, deps, 'signOut', async ({ request, reply }, principal) => {
    if (principal.sessionHash) await accounts.endSession(scope, principal.sessionHash);
    reply.header('set-cookie', clearedSessionCookie(secure(request)));
  });

  serveCourtRoute(app, deps, 'changePassword', async ({ body }, principal) => {
    const a = principal.account;
    // an API token's account has no password: not its to change (403), as before
    if (a.kind !== 'person') {
      await record(principal, 'staff.password_changed', a.username, 'denied');
      throw new HubError(403, 'FORBIDDEN', 'Only a person signed in changes a password');
    }
    if (!(await verifyPassword(body.currentPassword, a.passwordHash))) {
      await record(principal, 'staff.password_changed', a.username, 'denied');
      throw new HubError(400, 'INVALID_INPUT', 'The current password is wrong', [{ path: 'currentPassword', message: 'errors.password.currentWrong' }]);
    }
    const problem = checkPasswordStrength(body.newPassword, a.username);
    if (problem) throw new HubError(400, 'WEAK_PASSWORD', 'Choose a stronger password', [{ path: 'newPassword', message: problem }]);
    const hash = await hashPassword(body.newPassword);
    await inTransaction(scope, async (trx) => {
      const when = now();
      await accounts.setPassword(trx, a.username, hash, false, when.toISOString());
      // every other session ends; this one goes on
      if (principal.sessionHash) await accounts.addSession(trx, principal.sessionHash, a.username, when.toISOString(), new Date(when.getTime() + SESSION_TTL_MS).toISOString());
      await audit.record(trx.db, auditorOf(principal), { action: 'staff.password_changed', outcome: 'ok', recordKind: 'staff', recordId: a.username });
    });
  });

  serveCourtRoute(app, deps, 'listStaff', async () => ({ staff: await Promise.all((await accounts.list(scope)).map(view)) }));

  serveCourtRoute(app, deps, 'createStaff', async ({ body }, principal) => {
    await placeExists(body.organisationId, body.siteId);
    const initialPassword = body.kind === 'person' ? temporaryPassword() : null;
    const created = await accounts.create(
      scope,
      {
        username: body.username,
        passwordHash: initialPassword ? await hashPassword(initialPassword) : NO_PASSWORD,
        displayName: body.displayName,
        role: body.role,
        kind: body.kind,
        organisationId: body.organisationId ?? null,
        siteId: body.siteId ?? null,
        mustChangePassword: initialPassword !== null,
        createdAt: at(),
      },
      at(),
    );
    if (!created) throw new HubError(409, 'CONFLICT', 'That username is taken');
    await record(principal, 'staff.created', body.username);
    return { account: await view(await existing(body.username)), initialPassword };
  });

  serveCourtRoute(app, deps, 'getStaff', async ({ params }) => view(await existing(params.username)));

  serveCourtRoute(app, deps, 'updateStaff', async ({ params, body }, principal) => {
    const before = await existing(params.username);
    if (before.username === principal.account.username && (body.active === false || (body.role && body.role !== before.role))) {
      throw new HubError(409, 'CONFLICT', 'An admin cannot deactivate or demote their own account');
    }
    await placeExists(body.organisationId, body.siteId);
    const role = body.role ?? before.role;
    const organisationId = body.organisationId !== undefined ? body.organisationId : before.organisationId;
    const siteId = body.siteId !== undefined ? body.siteId : before.siteId;
    if (role === 'mediator' && !organisationId)
      throw new HubError(400, 'INVALID_INPUT', 'A mediator belongs to an organisation', [{ path: 'organisationId', message: 'errors.organisationId.required' }]);
    if (role === 'counter_staff' && !siteId) throw new HubError(400, 'INVALID_INPUT', 'Counter staff belong to a site', [{ path: 'siteId', message: 'errors.siteId.required' }]);
    await inTransaction(scope, async (trx) => {
      await accounts.update(trx, params.username, body, at());
      await audit.record(trx.db, auditorOf(principal), { action: body.active === false ? 'staff.deactivated' : 'staff.updated', outcome: 'ok', recordKind: 'staff', recordId: params.username });
    });
    return view(await existing(params.username));
  });

  serveCourtRoute(app, deps, 'resetPassword', async ({ params }, principal) => {
    const a = await existing(params.username);
    if (a.kind !== 'person') throw new HubError(409, 'CONFLICT', 'A service account has no password; issue it a token');
    const temporary = temporaryPassword();
    await accounts.setPassword(scope, a.username, await hashPassword(temporary), true, at());
    await gate.unlock(scope, a.username);
    await record(principal, 'staff.password_reset', a.username);
    return { temporaryPassword: temporary };
  });

  serveCourtRoute(app, deps, 'unlockStaff', async ({ params }, principal) => {
    await existing(params.username);
    await gate.unlock(scope, params.username);
    await record(principal, 'staff.unlocked', params.username);
  });

  serveCourtRoute(app, deps, 'listTokens', async ({ params }) => {
    await existing(params.username);
    return { tokens: await accounts.tokens(scope, params.username) };
  });

  serveCourtRoute(app, deps, 'issueToken', async ({ params, body }, principal) => {
    const a = await existing(params.username);
    if (a.kind !== 'service' || !a.active) throw new HubError(409, 'CONFLICT', 'API tokens are for active service accounts');
    const token = newSecret();
    const when = now();
    const issued = await accounts.issueToken(scope, {
      username: a.username,
      tokenHash: sha256Hex(token),
      label: body.label,
      createdBy: principal.account.username,
      at: when.toISOString(),
      expiresAt: body.expiresInDays ? new Date(when.getTime() + body.expiresInDays * 86_400_000).toISOString() : null,
    });
    await audit.record(scope.db, auditorOf(principal), { action: 'staff.token_issued', outcome: 'ok', recordKind: 'api_token', recordId: issued.tokenId });
    return { ...issued, token };
  });

  serveCourtRoute(app, deps, 'revokeToken', async ({ params }, principal) => {
    if (!(await accounts.revokeToken(scope, params.username, params.tokenId, at()))) throw new HubError(404, 'NOT_FOUND', 'No such live token');
    await audit.record(scope.db, auditorOf(principal), { action: 'staff.token_revoked', outcome: 'ok', recordKind: 'api_token', recordId: params.tokenId });
  });
}
