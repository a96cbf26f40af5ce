import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { refusalAsError, type ApiRefusal, type ConsoleRequest } from '../console/courtClient.js';
import { signedInStaff } from '../console/pageSession.js';
import { refusalNotice } from '../console/notice.js';
import { CONSOLE_CSP } from '../console/routes.js';
import { sendHtml, pageScope } from '../web/page.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { L, libraryPage, referenceCasePage, referenceCasePath, referenceCasePaths, type PageNotice } from './referenceCasePages.js';

// The library's console routes: each a form over one court API call (shared/courtApi/routes.ts), so
// who may do what, validation and the audit are the API's. A refusal is said on the page again,
// with what the staff member typed kept in the form.

type Form = Record<string, string | undefined>;

const FIELDS = ['title', 'titleEn', 'disputeType', 'facts', 'factsEn', 'outcome', 'outcomeEn', 'legalBasis', 'legalBasisEn'] as const;

/** The form's fields as the API takes them: an empty optional English text clears it. */
function fieldsOf(f: Form, partial: boolean): Record<string, string | null> {
  const body: Record<string, string | null> = {};
  for (const name of FIELDS) {
    const v = f[name];
    if (v === undefined) {
      if (!partial && !name.endsWith('En')) body[name] = '';
      continue;
    }
    body[name] = name.endsWith('En') && v.trim() === '' ? null : v;
  }
  return body;
}

const problem = (ctx: ConsoleRequest, r: ApiRefusal): PageNotice => refusalNotice(ctx.s, r, referenceCasePaths.list);
const versionOf = (v: string | undefined) => Number.parseInt(v ?? '', 10);

export function registerReferenceCasePages(app: FastifyInstance): void {
  app.register(async (pages) => {
    pageScope(pages, { csp: CONSOLE_CSP, referrerPolicy: 'same-origin', forms: { parse: (fields) => Object.fromEntries(fields) } });

    const signedIn = (request: FastifyRequest, reply: FastifyReply) => signedInStaff(app, request, reply);

    async function list(ctx: ConsoleRequest, reply: FastifyReply, status: number, notice: PageNotice | null, draft: Form = {}) {
      const found = await ctx.call('listReferenceCases');
      if (!found.ok) throw refusalAsError(found);
      return sendHtml(reply, status, libraryPage(ctx.s, ctx.who, { cases: found.value.referenceCases, notice, draft }));
    }

    async function one(ctx: ConsoleRequest, reply: FastifyReply, id: string, status: number, notice: PageNotice | null, draft?: Form) {
      const found = await ctx.call('getReferenceCase', { params: { referenceCaseId: id } });
      if (!found.ok) throw refusalAsError(found.status === 400 ? { ...found, status: 404, code: 'NOT_FOUND' } : found);
      return sendHtml(reply, status, referenceCasePage(ctx.s, ctx.who, { referenceCase: found.value, notice, ...(draft ? { draft } : {}) }));
    }

    pages.get<{ Querystring: { done?: string } }>(referenceCasePaths.list, async (request, reply) => {
      const ctx = await signedIn(request, reply);
      return ctx ? list(ctx, reply, 200, request.query.done === '1' ? { kind: 'ok', text: ctx.s.text(L.saved) } : null) : reply;
    });

    pages.post(referenceCasePaths.create, async (request, reply) => {
      refuseCrossSite(request);
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      const form = (request.body ?? {}) as Form;
      const created = await ctx.call('createReferenceCase', { body: fieldsOf(form, false) });
      if (!created.ok) return list(ctx, reply, created.status, problem(ctx, created), form);
      return reply.redirect(`${referenceCasePath(created.value.referenceCaseId)}?done=1`, 303);
    });

    pages.get<{ Params: { referenceCaseId: string }; Querystring: { done?: string } }>(referenceCasePaths.one, async (request, reply) => {
      const ctx = await signedIn(request, reply);
      return ctx ? one(ctx, reply, request.params.referenceCaseId, 200, request.query.done === '1' ? { kind: 'ok', text: ctx.s.text(L.saved) } : null) : reply;
    });

    pages.post<{ Params: { referenceCaseId: string } }>(referenceCasePaths.one, async (request, reply) => {
      refuseCrossSite(request);
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      const id = request.params.referenceCaseId;
      const form = (request.body ?? {}) as Form;
      const saved = await ctx.call('updateReferenceCase', { params: { referenceCaseId: id }, body: { ...fieldsOf(form, true), expectedVersion: versionOf(form.expectedVersion) } });
      if (!saved.ok) return one(ctx, reply, id, saved.status, problem(ctx, saved), saved.status === 409 ? undefined : form);
      return reply.redirect(`${referenceCasePath(id)}?done=1`, 303);
    });

    pages.post<{ Params: { referenceCaseId: string } }>(referenceCasePaths.publication, async (request, reply) => {
      refuseCrossSite(request);
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      const id = request.params.referenceCaseId;
      const form = (request.body ?? {}) as Form;
      const done = await ctx.call('publishReferenceCase', { params: { referenceCaseId: id }, body: { published: form.published === 'true', expectedVersion: versionOf(form.expectedVersion) } });
      if (!done.ok) return one(ctx, reply, id, done.status, problem(ctx, done));
      return reply.redirect(`${referenceCasePaths.list}?done=1`, 303);
    });
  });
}
