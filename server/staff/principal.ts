import type { FastifyRequest } from 'fastify';
import type { StaffScope } from '../../shared/staff/roles.js';
import type { Auditor } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import { bearerToken, sha256Hex } from '../http/credentials.js';
import type { AccountRow, AccountStore } from './accountStore.js';
import { cookieValue, SESSION_COOKIE } from './sessions.js';

// Who is calling the court API: a staff member by the session cookie (the console, the counter),
// or a court system by the API token an admin issued to its service account. Either way the
// caller is an active account with a role and a scope; everything they do is audited as them.

export interface StaffPrincipal {
  account: AccountRow;
  via: 'session' | 'token';
  /** The session token's hash (signing out ends it). */
  sessionHash: string | null;
  /** The client's address. */
  source: string;
  scope: StaffScope;
}

export const auditorOf = (p: StaffPrincipal): Auditor => ({ kind: 'staff', id: p.account.username, role: p.account.role, source: p.source });

export function staffAuthenticator(accounts: AccountStore, now: () => Date) {
  return async (scope: DbScope, request: FastifyRequest): Promise<StaffPrincipal | null> => {
    const at = now().toISOString();
    const principal = (account: AccountRow | null, via: StaffPrincipal['via'], sessionHash: string | null): StaffPrincipal | null =>
      account ? { account, via, sessionHash, source: request.ip, scope: { role: account.role, organisationId: account.organisationId, siteId: account.siteId } } : null;
    const token = bearerToken(request.headers.authorization);
    if (token) return principal(await accounts.byToken(scope, sha256Hex(token), at), 'token', null);
    const session = cookieValue(request.headers.cookie, SESSION_COOKIE);
    if (!session || session.length > 200) return null;
    const hash = sha256Hex(session);
    return principal(await accounts.bySession(scope, hash, at), 'session', hash);
  };
}
export type StaffAuthenticator = ReturnType<typeof staffAuthenticator>;
