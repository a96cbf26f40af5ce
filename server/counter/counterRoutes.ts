import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { COUNTER_SIGN_IN_PATH, COUNTER_SIGN_IN_TTL_MS, CounterSignInRequest, counterRefusals, type CounterSignIn } from '../../shared/counter/counterProtocol.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import { sha256Hex } from '../http/credentials.js';
import { HubError, parseOrThrow } from '../http/errors.js';
import type { AccountStore } from '../staff/accountStore.js';
import type { SignInGate } from '../staff/signIn.js';
import { authenticateTerminal } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import { mayWorkCounter } from './counterRules.js';
import type { CounterSignInStore } from './counterSignInStore.js';

// POST /api/v1/counter/sign-ins — a counter staff member signs in at a terminal, through its agent.
// Both must be known: the terminal by its credential (401), the person by the one staff sign-in
// with its limits and lockout (401 / 429); then the person must be counter staff of the site the
// terminal stands at (403, audited). No browser session is left behind: the agent keeps the
// sign-in in memory and names it on each intake it queues.

export interface CounterRouteDeps {
  scope: DbScope;
  terminals: TerminalStore;
  signIns: CounterSignInStore;
  gate: SignInGate;
  accounts: AccountStore;
  audit: AuditStore;
  now: () => Date;
}

export function registerCounterRoutes(app: FastifyInstance, deps: CounterRouteDeps): void {
  const { scope, signIns, gate, accounts, audit, now } = deps;
  app.post(COUNTER_SIGN_IN_PATH, async (request, reply) => {
    const terminalId = await authenticateTerminal(deps.terminals, request);
    const body = parseOrThrow(CounterSignInRequest, request.body, 'Counter sign-in');
    const site = await signIns.terminalSite(terminalId);
    if (!site) throw new HubError(403, counterRefusals.noSite, 'This terminal has not been placed at a site');
    const outcome = await gate.signIn(scope, body.username, body.password, request.ip);
    if (!outcome.ok && outcome.reason === 'locked') throw new HubError(429, counterRefusals.locked, 'Too many failed sign-ins; try again later', undefined, undefined, outcome.retryAfterS);
    if (!outcome.ok) throw new HubError(401, counterRefusals.wrong, 'Wrong username or password');
    // the gate's browser session is not wanted here
    await accounts.endSession(scope, sha256Hex(outcome.token));
    const account = outcome.account;
    const who = { kind: 'staff' as const, id: account.username, role: account.role, source: request.ip };
    if (!mayWorkCounter(account, site.siteId)) {
      await audit.record(scope.db, who, { action: 'counter.sign_in', outcome: 'denied', recordKind: 'terminal', recordId: terminalId });
      throw new HubError(403, counterRefusals.notCounterStaff, 'Only counter staff of this site may sign in here');
    }
    const at = now();
    const signIn: CounterSignIn = {
      signInId: randomUUID(),
      username: account.username,
      displayName: account.displayName,
      siteId: site.siteId,
      siteName: site.siteName,
      expiresAt: new Date(at.getTime() + COUNTER_SIGN_IN_TTL_MS).toISOString(),
    };
    await signIns.record({ signInId: signIn.signInId, terminalId, username: account.username, siteId: site.siteId, signedInAt: at.toISOString(), expiresAt: signIn.expiresAt });
    await audit.record(scope.db, who, { action: 'counter.sign_in', outcome: 'ok', recordKind: 'terminal', recordId: terminalId });
    return reply.code(201).send(signIn);
  });
}
