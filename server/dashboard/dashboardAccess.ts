import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { queryFromSearch } from '../../shared/dashboard/scope.js';
import { can } from '../../shared/staff/roles.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import { auditorOf, type StaffAuthenticator, type StaffPrincipal } from '../staff/principal.js';
import { passwordChangeRequired } from '../staff/passwordChange.js';

// Who may read the command centre's figures and device views: readDashboard reads the whole
// court; readSiteDashboard only the staff member's own site (null below means "every site").
// Every read is audited, refusals too.

export interface DashboardReader {
  principal: StaffPrincipal;
  /** The one site this reader may see, or null for the whole court. */
  site: string | null;
}

/** The one site a staff member may read figures and terminals of: null for the whole court, undefined for none. */
export function readableSite(principal: StaffPrincipal): string | null | undefined {
  const role = principal.account.role;
  if (can(role, 'readDashboard')) return null;
  return can(role, 'readSiteDashboard') && principal.scope.siteId ? principal.scope.siteId : undefined;
}

export function dashboardAccess(scope: DbScope, authenticate: StaffAuthenticator, audit: AuditStore) {
  return async (request: FastifyRequest, action: string, recordId: string | null = null): Promise<DashboardReader> => {
    const principal = await authenticate(scope, request);
    if (!principal) throw new HubError(401, hubErrorCodes.unauthorized, 'Sign in first');
    // as the court API (server/staff/staffGate.ts): the role first (audited), then an initial or reset password is changed before anything is read
    const site = readableSite(principal);
    if (site === undefined) {
      await audit.record(scope.db, auditorOf(principal), { action, outcome: 'denied', recordKind: 'ability', recordId: 'readDashboard' });
      throw new HubError(403, hubErrorCodes.forbidden, 'Your role does not allow this');
    }
    if (principal.account.mustChangePassword) throw passwordChangeRequired();
    // another site's figures are refused (and audited as refused) before anything is read; readerQuery keeps the same guard
    const asked = askedSite(request);
    if (site !== null && asked !== undefined && asked !== site) {
      await audit.record(scope.db, auditorOf(principal), { action, outcome: 'denied', recordKind: 'scope', recordId: 'OWN_SITE_ONLY' });
      throw ownSiteOnly();
    }
    await audit.record(scope.db, auditorOf(principal), { action, outcome: 'ok', recordKind: 'dashboard', recordId });
    return { principal, site };
  };
}
export type DashboardAccess = ReturnType<typeof dashboardAccess>;

/** The site the query string asks for, read as readerQuery reads it (an empty value asks for none). */
function askedSite(request: FastifyRequest): string | undefined {
  return queryFromSearch(new URLSearchParams(request.query as Record<string, string>)).siteId;
}

function ownSiteOnly(): HubError {
  return new HubError(403, 'OWN_SITE_ONLY', 'You may read your own site only');
}

/**
 * A dashboard question from the query string (the scope's fields and `extra` ones), held to the
 * reader's site: asking for another site is refused, asking for none means theirs.
 */
export function readerQuery<S extends z.ZodType>(schema: S, request: FastifyRequest, site: string | null, extra: readonly string[] = []): z.output<S> {
  const raw = request.query as Record<string, string>;
  const input: Record<string, string> = queryFromSearch(new URLSearchParams(raw));
  for (const key of extra) if (typeof raw[key] === 'string') input[key] = raw[key];
  if (site !== null) {
    if (input.siteId !== undefined && input.siteId !== site) throw ownSiteOnly();
    input.siteId = site;
  }
  return parseOrThrow(schema, input, 'Query');
}
