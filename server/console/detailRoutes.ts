import type { FastifyInstance } from 'fastify';
import { SubmissionId } from '../../shared/intake.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import type { CallRecords } from '../signalling/callRecords.js';
import type { StaffSessions } from '../staff/sessions.js';
import { pageScope, sendHtml, serveStylesheet } from '../web/page.js';
import { detailCss, intakeDetailPage } from './detailPage.js';
import { consolePaths } from './paths.js';
import { CONSOLE_CSP } from './routes.js';

// GET /console/intakes/:submissionId — one intake as filed, for signed-in court staff. Its own
// scope: the page's CSP differs from the list's (the signature is a data: image).

const DETAIL_CSP = CONSOLE_CSP.replace("img-src 'self'", "img-src 'self' data:");

export interface ConsoleDetailRoutesOptions {
  intakes: IntakeStore;
  calls: CallRecords;
  sessions: StaffSessions;
}

export function registerConsoleDetailRoutes(app: FastifyInstance, opts: ConsoleDetailRoutesOptions): void {
  app.register(async (pages) => {
    pageScope(pages, { csp: DETAIL_CSP, referrerPolicy: 'same-origin' });
    serveStylesheet(pages, consolePaths.applicationCss, detailCss);

    pages.get<{ Params: { submissionId: string } }>(consolePaths.intake, async (request, reply) => {
      const staff = await opts.sessions.user(request.headers.cookie);
      if (!staff) return reply.redirect(consolePaths.page, 303);
      const id = request.params.submissionId;
      const found = SubmissionId.safeParse(id).success ? await opts.intakes.get(id) : null;
      if (!found) throw new HubError(404, hubErrorCodes.notFound, 'No such intake');
      return sendHtml(reply.header('cache-control', 'private, no-store'), 200, intakeDetailPage({ ...found, calls: await opts.calls.forSubmission(id) }, staff));
    });
  });
}
