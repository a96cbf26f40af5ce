import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { courtDateOf } from '../../shared/cases/deadlines.js';
import { eventLabels } from '../../shared/cases/caseLabels.js';
import type { CaseEventType } from '../../shared/cases/lifecycle.js';
import { CaseFileView, type CaseDetail } from '../../shared/courtApi/cases.js';
import { clearedSessionCookie } from '../staff/sessions.js';
import { pageScope, sendHtml, serveStylesheet } from '../web/page.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { STAFF_CSS_PATH, staffCss } from '../web/staffStyle.js';
import { actionRequest, DRAW_RULING, fieldLabelsOf, type ActionChoices, type TypedForm } from './actionForms.js';
import { registerAdminPages } from './adminRoutes.js';
import type { CaseInvitation } from '../../shared/courtApi/caseDesk.js';
import { inviteNeedsCall } from './caseCallDesk.js';
import { casePage, type CaseNotice, type MediatedDispute } from './casePage.js';
import { caseActionWords, formPage, noticeHtml, refusalNotice } from './notice.js';
import { afterPasswordChange, returnPath, signInReturningTo } from './returnPaths.js';
import { consolePage, passwordFieldLabels, passwordPage, signInPage } from './consoleShell.js';
import { CONSOLE_CSS_PATH, consoleCss } from './consoleStyle.js';
import { languageOf, LANG_COOKIE, speaker, words } from './consoleWords.js';
import { courtClient, refusalAsError, type ConsoleRequest, type CourtClient } from './courtClient.js';
import { casePagePath, consolePaths } from './paths.js';
import { revealAsked } from './partiesOpening.js';
import { mediatorNames, mediatorRoster, placeNames, type CaseNames } from './placeNames.js';
import { orderWorkList, workListFor } from './workLists.js';
import { searchPage, workListPage } from './workListPage.js';
import { reachedOverHttps } from '../http/transport.js';

// The court staff's console, around work to do: sign in (through the court API's sign-in, with its
// limits and lockout), land on one's work list, search, open a case and act on it, and for admins
// manage accounts, sites and organisations. Every page is a client of the court API (./courtClient.ts),
// so the API decides who sees and does what; pages load no script and post plain forms.

// media-src: a case's recordings play in its page from the hub itself (server/console/caseRecordings.ts).
export const CONSOLE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** How many cases a work list or a search shows (the API's largest page). */
const LIST_LIMIT = 500;

export interface ConsoleRoutesOptions {
  now: () => Date;
}

type Form = Record<string, string | undefined>;

/** The names a list of cases or a case page shows: places and mediators (every organisation's, in one call). */
async function listNames(call: CourtClient): Promise<CaseNames> {
  const [place, person] = await Promise.all([placeNames(call), mediatorNames(call)]);
  return { place, person };
}

const inviteAction = words('生成会议码', 'issue a meeting code');
const changePasswordAction = words('修改密码', 'change the password');

/** The page the sign-in form comes back to (`/console?next=…`). */
const signInNext = (request: FastifyRequest): string | undefined => {
  const next = (request.query as { next?: unknown } | undefined)?.next;
  return typeof next === 'string' ? next : undefined;
};

export function registerConsoleRoutes(app: FastifyInstance, opts: ConsoleRoutesOptions): void {
  app.register(async (pages) => {
    pageScope(pages, { csp: CONSOLE_CSP, referrerPolicy: 'same-origin', forms: { parse: (fields) => Object.fromEntries(fields) } });
    serveStylesheet(pages, STAFF_CSS_PATH, staffCss);
    serveStylesheet(pages, CONSOLE_CSS_PATH, consoleCss);

    /** The signed-in staff member, or an answer already sent (the sign-in page, the password change). */
    async function signedIn(request: FastifyRequest, reply: FastifyReply): Promise<ConsoleRequest | null> {
      const s = speaker(languageOf(request));
      const call = courtClient(app, request);
      const session = await call('session');
      if (!session.ok) {
        // the database is away (503) or worse: say so, never offer a sign-in form that cannot work
        if (session.status >= 500) throw refusalAsError(session);
        // the work list's own address answers with the sign-in form (any method: HEAD too), coming back
        // to the page asked for; a form posted signed out is not saved and says so; other pages go there
        const here = returnPath(request.url.split('?')[0]);
        if (request.routeOptions.url === consolePaths.page) sendHtml(reply, 200, signInPage(s, { next: returnPath(signInNext(request)) }));
        else if (request.method === 'POST') {
          const back = formPage(request.routeOptions.url, here);
          sendHtml(reply, 401, signInPage(s, { next: back, notice: { ...refusalNotice(s, { status: 401, code: 'UNAUTHORIZED', issues: [], write: true }, back), link: undefined } }));
        } else reply.redirect(here ? signInReturningTo(here) : consolePaths.page, 303);
        return null;
      }
      if (session.value.mustChangePassword) {
        // the form here, coming back to this page once the password is changed (the front page: to the one it was asked to go on to)
        const asked = request.routeOptions.url === consolePaths.page || request.routeOptions.url === consolePaths.password;
        const back = afterPasswordChange(asked ? signInNext(request) : request.url.split('?')[0]);
        sendHtml(reply, 200, passwordPage(s, session.value, null, request.method === 'GET' ? back : null));
        return null;
      }
      return { s, call, who: session.value };
    }

    pages.get<{ Querystring: { mine?: string } }>(consolePaths.page, async (request, reply) => {
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      const { s, call, who } = ctx;
      if (who.role === 'court_admin') return reply.redirect(consolePaths.admin, 303);
      const mine = request.query.mine === '1';
      const list = workListFor(who.role, { username: who.username, mine });
      if (!list) return reply.redirect('/dashboard', 303);
      const found = await call('listCases', { query: { ...list.query, limit: LIST_LIMIT } });
      if (!found.ok) throw refusalAsError(found);
      const today = courtDateOf(opts.now());
      return sendHtml(reply, 200, workListPage(s, who, list, orderWorkList(found.value.cases, list.order, today), today, mine, await listNames(call)));
    });

    pages.get<{ Querystring: { q?: string } }>(consolePaths.search, async (request, reply) => {
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      const q = (request.query.q ?? '').trim().slice(0, 100);
      const found = q ? await ctx.call('listCases', { query: { q, limit: LIST_LIMIT } }) : null;
      if (found && !found.ok) throw refusalAsError(found);
      return sendHtml(reply, 200, searchPage(ctx.s, ctx.who, q, found ? found.value.cases : null, courtDateOf(opts.now()), await listNames(ctx.call)));
    });

    /** The people and places the offered actions can name (asked only when a form needs them). */
    async function choicesFor(call: CourtClient, d: CaseDetail, calls: ActionChoices['calls']): Promise<ActionChoices> {
      const needs = d.allowedActions.some((a) => a === 'case.diverted' || a === 'mediator.assigned' || a === 'session.scheduled');
      if (!needs) return { organisations: [], sites: [], calls };
      const [orgs, sites] = await Promise.all([call('listOrganisations'), call('listSites')]);
      // deactivated accounts too: the divert form says when an organisation's mediators are all deactivated (none of them is offered)
      const roster = await mediatorRoster(call);
      const organisations = (orgs.ok ? orgs.value.organisations.filter((x) => x.active) : []).map((o) => ({
        id: o.organisationId,
        name: o.name,
        mediators: roster.filter((m) => m.organisationId === o.organisationId).map(({ username, displayName, active }) => ({ username, displayName, active })),
      }));
      return { organisations, sites: sites.ok ? sites.value.sites.filter((x) => x.active).map((x) => ({ id: x.siteId, name: x.name })) : [], calls };
    }

    /** A 民特 or 民初 case's dispute and its documents (the agreement the judge rules on), as far as the caller may see them. */
    async function mediatedDispute(call: CourtClient, d: CaseDetail): Promise<MediatedDispute | null> {
      const from = d.case.kind === 'dispute' ? null : d.case.disputeCaseId;
      if (!from) return null;
      const dispute = await call('getCase', { params: { caseId: from } });
      if (!dispute.ok) return null;
      const c = dispute.value.case;
      return { caseId: c.caseId, label: c.caseNumber ?? c.provisionalNumber ?? c.caseId, organisationId: c.organisationId, documents: dispute.value.documents };
    }

    async function showCase(
      ctx: ConsoleRequest,
      reply: FastifyReply,
      caseId: string,
      reveal: boolean,
      status: number,
      notice: CaseNotice | null,
      typed: TypedForm | null = null,
      invitation: CaseInvitation | null = null,
    ) {
      const { s, call, who } = ctx;
      const detail = await call('getCase', { params: { caseId }, query: { reveal: reveal ? 'parties' : undefined } });
      if (!detail.ok) {
        const notice = detail.status === 404 || detail.status === 400 ? { kind: 'problem' as const, text: s.text('notFound') } : refusalNotice(s, detail, casePagePath(caseId));
        return sendHtml(reply, detail.status === 400 ? 404 : detail.status, consolePage(s, who, s.text('notFound'), noticeHtml(notice)));
      }
      // The mediators of every organisation the case has been with: their names, not their accounts.
      const names = await listNames(call);
      // the filing terminal, the answered calls (the session-held pick list) and the caller's open call
      const desk = await call('caseCallDesk', { params: { caseId } });
      const deskValue = desk.ok ? desk.value : null;
      const choices = await choicesFor(call, detail.value, deskValue?.calls ?? []);
      // a case page names its parties (masked, or opened and recorded): never kept by a cache, as the desk's and the intake's
      return sendHtml(
        reply.header('cache-control', 'private, no-store'),
        status,
        casePage(s, who, detail.value, choices, opts.now(), notice, names, typed, await mediatedDispute(call, detail.value), deskValue, invitation),
      );
    }

    pages.get<{ Params: { caseId: string }; Querystring: Record<string, unknown> }>(consolePaths.case, async (request, reply) => {
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      const q = request.query;
      const done = q.done as CaseEventType | undefined;
      const notice: CaseNotice | null = typeof done === 'string' && done in eventLabels ? { kind: 'ok', text: `${ctx.s.text('done')} ${ctx.s.text(eventLabels[done])}` } : null;
      // a link to one action's form (?open=<type>, e.g. the agreement desk's "record the settlement") opens it
      const typed: TypedForm | null = typeof q.open === 'string' && q.open.length <= 40 ? { type: q.open, fields: {} } : null;
      return showCase(ctx, reply, request.params.caseId, revealAsked(q), 200, notice, typed);
    });

    pages.post<{ Params: { caseId: string } }>(consolePaths.act, async (request, reply) => {
      refuseCrossSite(request);
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      const caseId = request.params.caseId;
      const form = (request.body ?? {}) as Form;
      const current = await ctx.call('getCase', { params: { caseId } });
      const outcome = current.ok ? current.value.case.outcomeEventId : null;
      const asked = actionRequest(form, outcome);
      const ruling = (form.type === 'confirmation.confirmed' || form.type === 'confirmation.refused') && form.documentId === DRAW_RULING;
      const acted = ruling
        ? await ctx.call('ruleOnConfirmation', {
            params: { caseId },
            body: { outcome: form.type === 'confirmation.confirmed' ? 'confirmed' : 'refused', ...(asked.reason ? { reasons: asked.reason } : {}), expectedSeq: asked.expectedSeq },
          })
        : await ctx.call('actOnCase', { params: { caseId }, body: asked });
      if (acted.ok) return reply.redirect(`${casePagePath(caseId)}?done=${encodeURIComponent(form.type ?? '')}`, 303);
      // 409: the case as it is now, with a plain word of what happened; 400: the fields to fix
      const shown = acted.current !== undefined && CaseFileView.safeParse(acted.current).success ? acted.status : acted.status >= 500 ? 500 : acted.status;
      const event = form.type && Object.hasOwn(eventLabels, form.type) ? eventLabels[form.type as keyof typeof eventLabels] : null;
      const notice = refusalNotice(ctx.s, acted, casePagePath(caseId), { labels: fieldLabelsOf(form.type ?? ''), ...(event ? { action: caseActionWords(event) } : {}) });
      return showCase(ctx, reply, caseId, false, shown, notice, { type: form.type ?? '', fields: form });
    });

    // an invitation into the caller's open call about the case: the page again, the code and link shown once
    pages.post<{ Params: { caseId: string } }>(consolePaths.invite, async (request, reply) => {
      refuseCrossSite(request);
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      const caseId = request.params.caseId;
      const invited = await ctx.call('inviteToSession', { params: { caseId }, body: { role: ((request.body ?? {}) as Form).role ?? '' } });
      if (invited.ok) return showCase(ctx, reply, caseId, false, 201, null, null, invited.value);
      const notice =
        invited.status === 409 && invited.code === 'CONFLICT'
          ? { kind: 'problem' as const, text: ctx.s.text(inviteNeedsCall) }
          : refusalNotice(ctx.s, invited, casePagePath(caseId), { action: inviteAction });
      return showCase(ctx, reply, caseId, false, invited.status >= 500 ? 500 : invited.status, notice);
    });

    pages.post(consolePaths.login, async (request, reply) => {
      refuseCrossSite(request);
      const s = speaker(languageOf(request));
      const form = (request.body ?? {}) as Form;
      const username = (form.username ?? '').trim().slice(0, 100);
      const result = await courtClient(app, request)('signIn', { body: { username, password: form.password ?? '' } });
      if (!result.ok) {
        if (result.retryAfterS !== undefined) reply.header('retry-after', String(result.retryAfterS));
        const locked = result.status === 429;
        return sendHtml(reply, locked ? 429 : result.status === 400 ? 400 : 401, signInPage(s, { problem: locked ? 'locked' : 'wrong', username, next: returnPath(form.next) }));
      }
      reply.header('set-cookie', result.setCookie);
      return reply.redirect(returnPath(form.next) ?? consolePaths.page, 303);
    });

    // where every "change your password" link leads (notices, the desk, the dashboard): the form, for any signed-in account
    pages.get(consolePaths.password, async (request, reply) => {
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      return sendHtml(reply, 200, passwordPage(ctx.s, ctx.who, null, afterPasswordChange(signInNext(request))));
    });

    pages.post(consolePaths.password, async (request, reply) => {
      refuseCrossSite(request);
      const s = speaker(languageOf(request));
      const call = courtClient(app, request);
      const session = await call('session');
      if (!session.ok) return reply.redirect(consolePaths.page, 303);
      const form = (request.body ?? {}) as Form;
      // where the form was come to from (the mediator desk, the guidance desk, a console page): back there once changed
      const next = afterPasswordChange(form.next);
      // typed twice, so a slip does not lock the account out behind a password nobody knows
      if ((form.newPassword ?? '') !== (form.newPasswordAgain ?? '')) return sendHtml(reply, 400, passwordPage(s, session.value, s.text('newPasswordsDiffer'), next));
      const changed = await call('changePassword', { body: { currentPassword: form.currentPassword ?? '', newPassword: form.newPassword ?? '' } });
      if (!changed.ok)
        return sendHtml(
          reply,
          changed.status,
          passwordPage(s, session.value, refusalNotice(s, changed, consolePaths.password, { labels: passwordFieldLabels, action: changePasswordAction }).text, next),
        );
      return reply.redirect(next ?? consolePaths.page, 303);
    });

    pages.post(consolePaths.logout, async (request, reply) => {
      refuseCrossSite(request);
      await courtClient(app, request)('signOut');
      reply.header('set-cookie', clearedSessionCookie(reachedOverHttps(request)));
      return reply.redirect(consolePaths.page, 303);
    });

    pages.post(consolePaths.language, async (request, reply) => {
      refuseCrossSite(request);
      const lang = (request.body as Form | undefined)?.lang === 'en' ? 'en' : 'zh';
      reply.header('set-cookie', `${LANG_COOKIE}=${lang}; Path=/; SameSite=Strict; Max-Age=31536000${reachedOverHttps(request) ? '; Secure' : ''}`);
      // back where the switch was pressed, if that was a console page
      const back = request.headers.referer ? new URL(request.headers.referer, 'http://x').pathname : consolePaths.page;
      return reply.redirect(back.startsWith('/console') && !back.includes('/act') ? back : consolePaths.page, 303);
    });

    registerAdminPages(pages, { app, signedIn });
  });
}
