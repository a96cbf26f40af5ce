import type { FastifyInstance } from 'fastify';
import { SubmissionId } from '../../shared/intake.js';
import { can } from '../../shared/staff/roles.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import type { CallRecords } from '../signalling/callRecords.js';
import { pageScope, sendHtml, serveStylesheet } from '../web/page.js';
import { refusalAsError } from './courtClient.js';
import { detailCss, intakeDetailPage } from './detailPage.js';
import { signedInStaff } from './pageSession.js';
import { consolePaths } from './paths.js';
import { revealAsked } from './partiesOpening.js';
import { CONSOLE_CSP } from './routes.js';

// GET /console/intakes/:submissionId — one intake as filed, for signed-in court staff. Its own
// scope: the page's CSP differs from the list's (the signature is a data: image). The intake is
// its case's, so the court API decides who sees it (the case's scope: a mediator of another
// organisation is told it does not exist), masks it, and audits the view and the opening
// (`?reveal=parties`, as on the case page) — the page never reads a party's data on its own say.

const DETAIL_CSP = CONSOLE_CSP.replace("img-src 'self'", "img-src 'self' data:");

export interface ConsoleDetailRoutesOptions {
  intakes: IntakeStore;
  calls: CallRecords;
  /** The case an intake became (in the transaction that recorded it), or null. */
  caseOfSubmission: (submissionId: string) => Promise<string | null>;
}

export function registerConsoleDetailRoutes(app: FastifyInstance, opts: ConsoleDetailRoutesOptions): void {
  app.register(async (pages) => {
    pageScope(pages, { csp: DETAIL_CSP, referrerPolicy: 'same-origin' });
    serveStylesheet(pages, consolePaths.applicationCss, detailCss);

    pages.get<{ Params: { submissionId: string }; Querystring: { reveal?: string } }>(consolePaths.intake, async (request, reply) => {
      const ctx = await signedInStaff(app, request, reply);
      if (!ctx) return reply;
      const id = request.params.submissionId;
      const found = SubmissionId.safeParse(id).success ? await opts.intakes.get(id) : null;
      const caseId = found ? await opts.caseOfSubmission(id) : null;
      if (!found || !caseId) throw new HubError(404, hubErrorCodes.notFound, 'No such intake');
      const reveal = revealAsked(request.query);
      const seen = await ctx.call('getCase', { params: { caseId }, query: { reveal: reveal ? 'parties' : undefined } });
      if (!seen.ok) {
        if (seen.status === 404 || seen.status === 400) throw new HubError(404, hubErrorCodes.notFound, 'No such intake');
        throw refusalAsError(seen);
      }
      const revealed = seen.value.parties.some((p) => p.revealed);
      const view = { staff: ctx.who.username, parties: seen.value.parties, revealed, mayReveal: !revealed && can(ctx.who.role, 'openPersonalData') };
      return sendHtml(reply.header('cache-control', 'private, no-store'), 200, intakeDetailPage({ ...found, calls: await opts.calls.forSubmission(id) }, view, caseId));
    });
  });
}
