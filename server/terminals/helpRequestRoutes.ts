import type { FastifyInstance } from 'fastify';
import { HelpRequest, helpRequestPath } from '../../shared/terminals/helpRequest.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError, parseOrThrow } from '../http/errors.js';
import { auditorOf } from '../staff/principal.js';
import { authenticateTerminal } from './authenticate.js';
import type { HelpRequestStore } from './helpRequestStore.js';
import type { TerminalStore } from './store.js';

// Help requests ("请工作人员协助"): a kiosk posts one with its own credential (the outbox's
// 'report' job; a resend is taken once); staff at the court see the open ones and mark one
// handled through the court API ('terminalHelpRequests', 'handleTerminalHelpRequest'). Marking
// one handled is audited; nothing personal is in a request, so reading the list is not.

export interface HelpRequestRouteDeps extends CourtRouteDeps {
  terminals: TerminalStore;
  requests: HelpRequestStore;
  /** Tells the open dashboard pages (they count the open requests). */
  moved?: () => void;
  now: () => Date;
}

export function registerHelpRequestRoutes(app: FastifyInstance, deps: HelpRequestRouteDeps): void {
  const { scope } = deps;
  app.post(helpRequestPath, async (request, reply) => {
    const terminalId = await authenticateTerminal(deps.terminals, request);
    const help = parseOrThrow(HelpRequest, request.body, 'HelpRequest');
    await deps.requests.record(scope, terminalId, help, deps.now().toISOString());
    deps.moved?.();
    return reply.code(204).send();
  });

  serveCourtRoute(app, deps, 'terminalHelpRequests', async () => ({ requests: await deps.requests.open(scope) }));

  serveCourtRoute(app, deps, 'handleTerminalHelpRequest', async ({ params }, principal) => {
    const handled = await deps.requests.handle(scope, params.terminalId, params.requestId, principal.account.username, deps.now().toISOString());
    if (!handled) throw new HubError(404, 'NOT_FOUND', 'No such help request');
    deps.moved?.();
    await deps.audit.record(scope.db, auditorOf(principal), { action: 'terminal.help_handled', outcome: 'ok', recordKind: 'terminal', recordId: params.terminalId });
    return handled;
  });
}
