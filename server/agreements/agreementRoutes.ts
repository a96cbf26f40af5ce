import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { missingSigners, type CaseFile } from '../../shared/cases/caseFile.js';
import type { CaseActionRequest } from '../../shared/cases/caseCommands.js';
import { can, inScope, mayAppend } from '../../shared/staff/roles.js';
import { InvalidActionDetails, type Acting, type ActionOutcome } from '../cases/caseActions.js';
import { invalidDetailsError, refusalError } from '../cases/caseRefusalErrors.js';
import { CaseNotFound, CaseRefusal, type CaseStore } from '../cases/caseStore.js';
import { eventView, PARTIES_OPENED } from '../cases/caseViews.js';
import { serveCourtRoute, type CourtRouteDeps } from '../http/courtRoute.js';
import { afterAnswer } from '../http/afterAnswer.js';
import { errorLogFields, HubError } from '../http/errors.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { languageOf, speaker } from '../console/consoleWords.js';
import { revealAsked } from '../console/partiesOpening.js';
import { auditorOf, type StaffPrincipal } from '../staff/principal.js';
import { bi, escapeHtml } from '../web/html.js';
import { page, pageScope, sendHtml, serveStylesheet } from '../web/page.js';
import { agreementDeskScript } from './agreementDeskScript.js';
import { agreementCss, agreementPage, agreementPagePaths, agreementRefusedPage, deskActions, deskDrafting, deskFieldLabels } from './agreementPage.js';
import { refusalNotice } from '../console/notice.js';
import { signInReturningTo } from '../console/returnPaths.js';
import { agreementPagePath, consolePaths } from '../console/paths.js';
import { z } from 'zod';
import { awaitingCompletion, NoDocumentFont, type AgreementDocuments, type SignOutcome } from './agreementDocuments.js';

/** What the desk's script says of a refused post (its JSON error as the API gave it). */
const RefusalQuery = z.object({
  action: z.enum(['draft', 'sign']),
  status: z.coerce.number().int().min(400).max(599),
  code: z
    .string()
    .max(40)
    .regex(/^[A-Z_]*$/),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  issues: z
    .string()
    .max(4000)
    .transform((t, ctx) => {
      try {
        return JSON.parse(t) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(z.array(z.object({ path: z.string().max(200), message: z.string().max(200) })).max(20)),
});

// Agreements and rulings through the court API: the mediator drafts the agreement from the
// template, anyone at the desk signs it by hand (each party, then the mediator), a judge rules on
// the 民特 case. Scope, roles and every refusal as for any case action (server/cases/caseRoutes.ts):
// a case outside the caller's part is a 404, each refusal audited, each view of the text audited
// (once per page load: a desk waiting for the signed agreement polls its state, which shows nothing).

export interface AgreementRouteDeps extends CourtRouteDeps {
  store: CaseStore;
  agreements: AgreementDocuments;
}

/** The desk page runs its own script and signature_pad (both from this origin), and talks to the API. */
const AGREEMENT_PAGE_CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function registerAgreementRoutes(app: FastifyInstance, deps: AgreementRouteDeps): void {
  const { scope, store, agreements, audit } = deps;
  const acting = (p: StaffPrincipal): Acting => ({ actor: { kind: 'staff', username: p.account.username, role: p.account.role }, scope: p.scope, siteId: p.account.siteId });
  const denied = (p: StaffPrincipal, action: string, caseId: string | null, reason: string) =>
    audit.record(scope.db, auditorOf(p), { action, outcome: 'denied', caseId, recordKind: 'reason', recordId: reason });

  async function caseFor(p: StaffPrincipal, caseId: string, action: string): Promise<CaseFile> {
    const c = await store.load(scope, caseId);
    if (c && inScope(p.scope, c)) return c;
    if (c) await denied(p, action, caseId, 'OUT_OF_SCOPE');
    throw new HubError(404, 'NOT_FOUND', 'No such case');
  }

  /** Runs one action; answers the case and the events appended, or the refusal (audited). */
  async function acted(p: StaffPrincipal, caseId: string, action: CaseActionRequest['type'], run: () => Promise<ActionOutcome>) {
    try {
      const outcome = await run();
      await audit.record(scope.db, auditorOf(p), { action, outcome: 'ok', caseId, recordKind: 'seq', recordId: String(outcome.case.seq) });
      const ids = new Set(outcome.appended.map((a) => a.event.eventId));
      const appended = [];
      for (const id of [...new Set(outcome.appended.map((a) => a.after.caseId))]) appended.push(...(await store.events(scope, id)).filter((e) => ids.has(e.event.eventId)).map(eventView));
      return { case: outcome.case, appended };
    } catch (err) {
      if (err instanceof CaseRefusal) {
        await denied(p, action, caseId, err.refusal.code);
        throw refusalError(err.refusal, err.current);
      }
      if (err instanceof InvalidActionDetails) {
        await denied(p, action, caseId, err.code);
        throw invalidDetailsError(err);
      }
      if (err instanceof NoDocumentFont) throw new HubError(503, 'DOCUMENTS_UNAVAILABLE', 'This hub has no Chinese font to draw documents with; upload the document instead');
      if (err instanceof CaseNotFound) throw new HubError(404, 'NOT_FOUND', 'No such case');
      throw err;
    }
  }

  serveCourtRoute(app, deps, 'draftAgreement', async ({ params, body }, principal) => {
    await caseFor(principal, params.caseId, 'agreement.drafted');
    const { expectedSeq, ...terms } = body;
    return acted(principal, params.caseId, 'agreement.drafted', () => agreements.draft(scope, params.caseId, terms, expectedSeq, acting(principal)));
  });

  serveCourtRoute(app, deps, 'getAgreement', async ({ params }, principal) => {
    const c = await caseFor(principal, params.caseId, 'agreement.viewed');
    const current = await agreements.current(scope, c.caseId, 'full');
    if (!current || !c.agreement) throw new HubError(404, 'NOT_FOUND', 'No agreement is being signed on this case');
    await audit.record(scope.db, auditorOf(principal), { action: 'agreement.viewed', outcome: 'ok', caseId: c.caseId, recordKind: 'document', recordId: current.documentId });
    return { ...current, signedBy: c.agreement.signedBy, missing: missingSigners(c) };
  });

  // What the desk polls while the signed agreement is drawn: a yes/no, no text, so not a view (the
  // page it loads once the answer changes is one, audited there).
  serveCourtRoute(app, deps, 'getAgreementState', async ({ params }, principal) => {
    const c = await caseFor(principal, params.caseId, 'agreement.viewed');
    return { preparing: awaitingCompletion(c) };
  });

  serveCourtRoute(app, deps, 'signAgreement', async ({ params, body, request, reply }, principal) => {
    await caseFor(principal, params.caseId, 'agreement.signed');
    const image = Buffer.from(body.imagePngBase64, 'base64');
    let finish: SignOutcome['finish'] = null;
    const answer = await acted(principal, params.caseId, 'agreement.signed', async () => {
      const signed = await agreements.sign(scope, params.caseId, { signer: body.signer, method: body.method, image, expectedSeq: body.expectedSeq }, acting(principal));
      finish = signed.finish;
      return signed;
    });
    // The last signature is answered once kept; the signed agreement is drawn after (the desk page waits for it).
    if (finish) afterAnswer(reply, finish, (failure) => request.log.error(errorLogFields(failure), 'agreement: the signed agreement could not be stored'));
    return answer;
  });

  serveCourtRoute(app, deps, 'ruleOnConfirmation', async ({ params, body }, principal) => {
    await caseFor(principal, params.caseId, 'confirmation.ruled');
    const type = body.outcome === 'confirmed' ? 'confirmation.confirmed' : 'confirmation.refused';
    return acted(principal, params.caseId, type, () => agreements.rule(scope, params.caseId, body, { ...acting(principal), judgeName: principal.account.displayName }));
  });

  registerAgreementPage(app, deps, caseFor);
}

/** GET /console/cases/:caseId/agreement and what it loads. */
function registerAgreementPage(app: FastifyInstance, deps: AgreementRouteDeps, caseFor: (p: StaffPrincipal, caseId: string, action: string) => Promise<CaseFile>): void {
  const { scope, agreements, audit } = deps;
  const signaturePad = readFileSync(createRequire(import.meta.url).resolve('signature_pad'), 'utf8');
  app.register(async (pages) => {
    pageScope(pages, { csp: AGREEMENT_PAGE_CSP, referrerPolicy: 'same-origin' });
    serveStylesheet(pages, agreementPagePaths.css, agreementCss);
    const script = (path: string, source: string) => pages.get(path, async (_request, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'no-cache').send(source));
    script(agreementPagePaths.script, agreementDeskScript);
    script(agreementPagePaths.signaturePad, signaturePad);

    // a refused post's words (the desk's script asks): what was refused, what failed, which fields, what to do
    pages.get<{ Querystring: Record<string, unknown> }>(agreementPagePaths.refusal, async (request, reply) => {
      if (!(await deps.authenticate(scope, request))) throw new HubError(401, 'UNAUTHORIZED', 'Sign in first');
      const q = RefusalQuery.safeParse(request.query);
      if (!q.success) throw new HubError(400, 'INVALID_INPUT', 'Not a refusal');
      const s = speaker(languageOf(request));
      const notice = refusalNotice(s, { status: q.data.status, code: q.data.code, issues: q.data.issues, date: q.data.date, write: true }, consolePaths.page, {
        labels: deskFieldLabels,
        action: deskActions[q.data.action],
      });
      // with a notice's link only when it leads on (a password to change), never a sign-in here: the script offers that itself
      const link = notice.refusal === 'password' ? notice.link : undefined;
      return reply.header('cache-control', 'no-store').send({ text: notice.text, ...(link ? { link } : {}) });
    });

    pages.get<{ Params: { caseId: string }; Querystring: Record<string, unknown> }>(agreementPagePaths.page, async (request, reply) => {
      const principal = await deps.authenticate(scope, request);
      // the sign-in comes back to this desk, as every console page does
      const back = signInReturningTo(agreementPagePath(request.params.caseId));
      if (!principal)
        return sendHtml(reply, 401, page('401', `<main class="login"><h1>${bi('请先登录', 'Sign in first')}</h1><p><a href="${escapeHtml(back)}">${bi('登录', 'Sign in')}</a></p></main>`));
      // as every console page: an initial or reset password is changed before any case is read
      if (principal.account.mustChangePassword) return reply.redirect(consolePaths.password, 303);
      const s = speaker(languageOf(request));
      const a = principal.account;
      const who: SessionInfo = { username: a.username, displayName: a.displayName, role: a.role, organisationId: a.organisationId, siteId: a.siteId, mustChangePassword: false, abilities: [] };
      // As the court API's case: masked for whoever may read cases, opened in full (?reveal=parties)
      // only for a role that may open personal data; each refusal and each opening audited.
      const reveal = revealAsked(request.query);
      const lacking = reveal && !can(a.role, 'openPersonalData') ? 'openPersonalData' : !can(a.role, 'readCases') ? 'readCases' : null;
      if (lacking) {
        await audit.record(scope.db, auditorOf(principal), { action: reveal ? PARTIES_OPENED : 'agreement.viewed', outcome: 'denied', recordKind: 'ability', recordId: lacking });
        return sendHtml(reply, 403, agreementRefusedPage(s, who, lacking === 'openPersonalData' ? 'mayNotOpenParties' : 'mayNotReadCases'));
      }
      const c = await caseFor(principal, request.params.caseId, reveal ? PARTIES_OPENED : 'agreement.viewed').catch((err: unknown) => {
        if (err instanceof HubError && err.statusCode === 404) return null;
        throw err;
      });
      if (!c) return sendHtml(reply, 404, agreementRefusedPage(s, who, 'notFound'));
      const completed = c.agreementEffectiveOn !== null && c.agreement !== null;
      const current = completed ? null : await agreements.current(scope, c.caseId, reveal ? 'full' : 'masked');
      const places = current?.document.blocks.flatMap((b) => (b.kind === 'signatures' ? b.places : [])) ?? [];
      const missing = missingSigners(c).map((signer) => places.find((p) => p.signer === signer) ?? { signer, label: signer });
      await audit.record(scope.db, auditorOf(principal), { action: 'agreement.viewed', outcome: 'ok', caseId: c.caseId, recordKind: 'page', recordId: 'desk' });
      if (reveal) await audit.record(scope.db, auditorOf(principal), { action: PARTIES_OPENED, outcome: 'ok', caseId: c.caseId, recordKind: 'page', recordId: 'agreement' });
      const model = {
        case: c,
        current,
        revealed: reveal,
        missing,
        signedDocumentId: completed ? c.agreement!.documentId : null,
        preparing: awaitingCompletion(c),
        ...deskDrafting(c, a.role),
        maySign: mayAppend(a.role, 'agreement.signed'),
      };
      // not kept by the browser (it may hold the parties in full): going back to it asks again
      return sendHtml(reply.header('cache-control', 'private, no-store'), 200, agreementPage(model, s, who));
    });
  });
}
