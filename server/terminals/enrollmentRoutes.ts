import type { FastifyInstance } from 'fastify';
import { qrSvg } from '../../shared/receiptQr.js';
import { tokenExpiry, type EnrollmentTokenIssued, type TerminalCreate } from '../../shared/terminals/enrollment.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { newSecret, sha256Hex } from '../http/credentials.js';
import { HubError } from '../http/errors.js';
import type { SiteStore } from '../sites/siteStore.js';
import { auditorOf, type StaffPrincipal } from '../staff/principal.js';
import { registerEnrollmentPage } from './enrollmentPage.js';
import type { EnrollmentStore, TerminalDetails } from './enrollmentStore.js';

// Staff's side of enrollment through the court API (shared/courtApi/routes.ts, court admins):
// create a terminal and get its one-time token, issue a new token for a terminal that is not
// enrolled (or was revoked), and revoke a terminal. Each is audited; the token is shown once.

export interface EnrollmentRouteDeps extends CourtRouteDeps {
  enrollment: EnrollmentStore;
  sites: SiteStore;
  now: () => Date;
}

export function registerEnrollmentRoutes(app: FastifyInstance, deps: EnrollmentRouteDeps): void {
  const { scope, enrollment, sites, audit, now } = deps;

  const issue = async (trx: DbScope, terminal: TerminalDetails, hours: number | undefined, issuedBy: string): Promise<EnrollmentTokenIssued> => {
    const token = newSecret();
    const at = now();
    const expiresAt = tokenExpiry(at, hours);
    await enrollment.issue(trx, { ...terminal, tokenHash: sha256Hex(token), issuedAt: at.toISOString(), issuedBy, expiresAt });
    return { terminalId: terminal.terminalId, token, expiresAt, qrSvg: qrSvg(token) };
  };

  const create = async (body: TerminalCreate, principal: StaffPrincipal): Promise<EnrollmentTokenIssued> => {
    if (body.siteId && !(await sites.site(scope, body.siteId))) throw new HubError(400, 'INVALID_REFERENCE', 'No such site', [{ path: 'siteId', message: 'errors.site.unknown' }]);
    const issued = await inTransaction(scope, async (trx) => {
      if ((await enrollment.standing(trx, body.terminalId, now().toISOString())) !== 'unknown') throw new HubError(409, 'CONFLICT', 'That terminal id is taken');
      const terminal = { terminalId: body.terminalId, name: body.name, location: body.location, siteId: body.siteId ?? null };
      return issue(trx, terminal, body.expiresInHours, principal.account.username);
    });
    await audit.record(scope.db, auditorOf(principal), { action: 'terminal.created', outcome: 'ok', recordKind: 'terminal', recordId: body.terminalId });
    return issued;
  };
  serveCourtRoute(app, deps, 'createTerminal', async ({ body }, principal) => create(body, principal));
  registerEnrollmentPage(app, { scope, authenticate: deps.authenticate, audit, create });

  serveCourtRoute(app, deps, 'issueEnrollmentToken', async ({ params, body }, principal) => {
    const issued = await inTransaction(scope, async (trx) => {
      const standing = await enrollment.standing(trx, params.terminalId, now().toISOString());
      if (standing === 'enrolled') throw new HubError(409, 'CONFLICT', 'This terminal is enrolled; revoke it first');
      const terminal = await enrollment.details(trx, params.terminalId);
      if (!terminal) throw new HubError(404, 'NOT_FOUND', 'No such terminal');
      return issue(trx, terminal, body.expiresInHours, principal.account.username);
    });
    await audit.record(scope.db, auditorOf(principal), { action: 'terminal.token_issued', outcome: 'ok', recordKind: 'terminal', recordId: params.terminalId });
    return issued;
  });

  serveCourtRoute(app, deps, 'revokeTerminal', async ({ params }, principal) => {
    const standing = await enrollment.standing(scope, params.terminalId, now().toISOString());
    if (standing === 'unknown' || standing === 'pending') throw new HubError(404, 'NOT_FOUND', 'No enrolled terminal with that id');
    await enrollment.revoke(scope, params.terminalId, now().toISOString()); // revoking a revoked terminal changes nothing
    await audit.record(scope.db, auditorOf(principal), { action: 'terminal.revoked', outcome: 'ok', recordKind: 'terminal', recordId: params.terminalId });
  });
}
