import type { FastifyInstance } from 'fastify';
import { KIOSK_REFERENCE_CASES_MAX, KIOSK_REFERENCE_CASES_PATH, publishedView, type PublishedReferenceCases } from '../../shared/referenceCases/referenceCase.js';
import { inTransaction, type DbScope } from '../db/engine.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { HubError } from '../http/errors.js';
import { auditorOf, type StaffPrincipal } from '../staff/principal.js';
import { authenticateTerminal } from '../terminals/authenticate.js';
import type { TerminalStore } from '../terminals/store.js';
import type { ChangeOutcome, ReferenceCaseStore } from './referenceCaseStore.js';

// The library through the court API (court admins, judges and their assistants: the
// `manageCaseLibrary` ability) and, published cases only, to terminals. Each change is written
// with its audit record in one transaction.

export interface ReferenceCaseRouteDeps extends CourtRouteDeps {
  store: ReferenceCaseStore;
  terminals: TerminalStore;
  now: () => Date;
}

export function registerReferenceCaseRoutes(app: FastifyInstance, deps: ReferenceCaseRouteDeps): void {
  const { scope, store, audit, now } = deps;
  const notFound = () => new HubError(404, 'NOT_FOUND', 'No such reference case');

  /** The change and its audit record together; a stale version answers 409 with the case as it is now. */
  async function changed(principal: StaffPrincipal, id: string, action: string, work: (trx: DbScope, at: string) => Promise<ChangeOutcome>) {
    const outcome = await inTransaction(scope, async (trx) => {
      const result = await work(trx, now().toISOString());
      if (result.kind === 'changed') await audit.record(trx.db, auditorOf(principal), { action, outcome: 'ok', recordKind: 'reference_case', recordId: `${id}@${result.referenceCase.version}` });
      return result;
    });
    if (outcome.kind === 'missing') throw notFound();
    if (outcome.kind === 'stale') throw new HubError(409, 'CONFLICT', 'Someone changed this reference case first; here it is as it is now', undefined, { case: outcome.current }); // the API's one field for "the record as it is now" on a 409
    return outcome.referenceCase;
  }

  serveCourtRoute(app, deps, 'listReferenceCases', async ({ query }) => ({
    referenceCases: await store.list(scope, { ...(query.disputeType ? { disputeType: query.disputeType } : {}), ...(query.published ? { published: query.published === 'true' } : {}) }),
  }));

  serveCourtRoute(app, deps, 'getReferenceCase', async ({ params }) => (await store.read(scope, params.referenceCaseId)) ?? Promise.reject(notFound()));

  serveCourtRoute(app, deps, 'createReferenceCase', async ({ body }, principal) =>
    inTransaction(scope, async (trx) => {
      const created = await store.create(trx, body, principal.account.username, now().toISOString());
      await audit.record(trx.db, auditorOf(principal), { action: 'reference_case.created', outcome: 'ok', recordKind: 'reference_case', recordId: `${created.referenceCaseId}@1` });
      return created;
    }),
  );

  serveCourtRoute(app, deps, 'updateReferenceCase', async ({ params, body }, principal) =>
    changed(principal, params.referenceCaseId, 'reference_case.updated', (trx, at) => store.update(trx, params.referenceCaseId, body, principal.account.username, at)),
  );

  serveCourtRoute(app, deps, 'publishReferenceCase', async ({ params, body }, principal) =>
    changed(principal, params.referenceCaseId, body.published ? 'reference_case.published' : 'reference_case.withdrawn', (trx, at) =>
      store.publish(trx, params.referenceCaseId, body.published, body.expectedVersion, principal.account.username, at),
    ),
  );

  // Terminals take the published library whole and keep it for when the hub cannot be reached.
  app.get(KIOSK_REFERENCE_CASES_PATH, async (request, reply) => {
    await authenticateTerminal(deps.terminals, request);
    const published = await store.list(scope, { published: true });
    const answer: PublishedReferenceCases = { referenceCases: published.slice(0, KIOSK_REFERENCE_CASES_MAX).map(publishedView) };
    reply.header('cache-control', 'no-cache');
    return answer;
  });
}
