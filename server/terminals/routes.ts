import type { FastifyInstance } from 'fastify';
import { EnrollRequest, hubPaths, type EnrollResponse } from '../../shared/hubProtocol.js';
import { ENROLLMENT_ATTEMPTS_PER_MINUTE, type EnrollmentRefusal } from '../../shared/terminals/enrollment.js';
import type { AuditStore } from '../audit/auditStore.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import { newSecret, secretsEqual, sha256Hex } from '../http/credentials.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import type { EnrollmentStore, TerminalDetails } from './enrollmentStore.js';
import type { TerminalStore } from './store.js';
import type { AttemptStore } from '../rateLimit/attemptStore.js';

// Enrollment (shared/terminals/enrollment.ts): a kiosk presents the one-time token staff issued for
// it and receives its own bearer credential; the token says which terminal it is. An enrolled
// terminal id is never taken over: enrolling it again is refused until staff revoke it. Every
// attempt is limited per source address (429 + Retry-After) and audited, with the reason of a
// refusal but never the token. A site-wide `enrollmentCode`, if the hub still has one, enrolls
// only terminal ids the hub has never seen.

export interface TerminalRoutesOptions {
  attempts: AttemptStore;
  scope: DbScope;
  enrollment: EnrollmentStore;
  /** The enrolled terminal holding a credential (by its hash): the one look-up every kiosk door uses. */
  terminals: Pick<TerminalStore, 'byCredentialHash'>;
  audit: AuditStore;
  /** The site-wide code of older installs and tests; unset, only tokens enroll. */
  enrollmentCode?: string | undefined;
  attemptsPerMinute?: number | undefined;
  now: () => Date;
}

const refusals: Record<EnrollmentRefusal, { status: number; message: string }> = {
  token_unknown: { status: 403, message: 'Enrollment token not accepted' },
  token_used: { status: 403, message: 'Enrollment token not accepted' },
  token_expired: { status: 403, message: 'Enrollment token not accepted' },
  code_unknown: { status: 403, message: 'Enrollment token not accepted' },
  terminal_enrolled: { status: 409, message: 'This terminal is enrolled already; staff must revoke it before it can enroll again' },
};

export function registerTerminalRoutes(app: FastifyInstance, opts: TerminalRoutesOptions): void {
  const { scope, enrollment, audit, now } = opts;
  // Counted in the database: a second hub instance is not a second allowance.
  const attempts = opts.attempts.counter('enroll.source', { max: opts.attemptsPerMinute ?? ENROLLMENT_ATTEMPTS_PER_MINUTE, windowMs: 60_000 });

  app.post(hubPaths.enroll, async (request) => {
    const source = request.ip;
    const waitS = await attempts.take(source);
    const who = { kind: 'anonymous' as const, id: null, role: null, source };
    if (waitS > 0) {
      await audit.record(scope.db, who, { action: 'terminal.enroll', outcome: 'denied', recordKind: 'reason', recordId: 'rate_limited' });
      throw new HubError(429, 'RATE_LIMITED', 'Too many enrollment attempts from this address; wait and try again', undefined, undefined, waitS);
    }
    const body = parseOrThrow(EnrollRequest, request.body, 'Enrollment request');
    const credential = body.credential ?? newSecret();
    // the same kiosk asking again because our answer was lost: it holds the credential already
    const repeated = body.credential === undefined ? null : await opts.terminals.byCredentialHash(sha256Hex(credential));
    if (repeated !== null) {
      await audit.record(scope.db, { kind: 'terminal', id: repeated, role: null, source }, { action: 'terminal.enroll', outcome: 'ok', recordKind: 'terminal', recordId: repeated });
      const again: EnrollResponse = { terminalId: repeated, credential };
      return again;
    }
    const outcome = await inTransaction(scope, async (trx): Promise<TerminalDetails | { refused: EnrollmentRefusal }> => {
      const at = now().toISOString();
      const byCode = opts.enrollmentCode !== undefined && secretsEqual(body.enrollmentCode, opts.enrollmentCode);
      const terminal = byCode ? { terminalId: body.terminalId, name: body.name, location: body.location ?? '', siteId: null } : await enrollment.claim(trx, sha256Hex(body.enrollmentCode), at);
      if ('refused' in terminal) return terminal;
      // the code is for new terminals only: not one staff revoked or created with a token of its own
      if (byCode && (await enrollment.standing(trx, terminal.terminalId, at)) !== 'unknown') throw new EnrollmentRefused(terminal.terminalId);
      if (!(await enrollment.enroll(trx, { ...terminal, credentialHash: sha256Hex(credential), at }))) {
        // roll the claim back: the token stays usable once staff have revoked the terminal
        throw new EnrollmentRefused(terminal.terminalId);
      }
      return terminal;
    }).catch((err: unknown) => {
      if (err instanceof EnrollmentRefused) return { refused: 'terminal_enrolled' as const, terminalId: err.terminalId };
      throw err;
    });
    if ('refused' in outcome) {
      const terminalId = 'terminalId' in outcome ? outcome.terminalId : null;
      await audit.record(scope.db, who, { action: 'terminal.enroll', outcome: 'denied', recordKind: terminalId ? 'terminal' : 'reason', recordId: terminalId ?? outcome.refused });
      const refusal = refusals[outcome.refused];
      throw new HubError(refusal.status, refusal.status === 409 ? 'CONFLICT' : hubErrorCodes.forbidden, refusal.message);
    }
    await audit.record(scope.db, { kind: 'terminal', id: outcome.terminalId, role: null, source }, { action: 'terminal.enroll', outcome: 'ok', recordKind: 'terminal', recordId: outcome.terminalId });
    const response: EnrollResponse = { terminalId: outcome.terminalId, credential };
    return response;
  });
}

class EnrollmentRefused extends Error {
  constructor(readonly terminalId: string) {
    super('terminal enrolled already');
  }
}
