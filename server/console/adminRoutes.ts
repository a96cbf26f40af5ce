import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HubError } from '../http/errors.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { sendHtml } from '../web/page.js';
import { registerAdminPinPage } from './adminPinPage.js';
import { accountsPage, sitesPage, type Secret } from './adminPages.js';
import { refusalNotice, type CaseNotice } from './notice.js';
import { refusalAsError, type ApiRefusal, type ConsoleRequest } from './courtClient.js';
import { consolePaths } from './paths.js';

// The admin screens' routes: each a form over one court API call, answered with the page again
// (a refusal said in words, a generated password shown once).

type Form = Record<string, string | undefined>;
const opt = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

export interface AdminPagesDeps {
  app: FastifyInstance;
  signedIn: (request: FastifyRequest, reply: FastifyReply) => Promise<ConsoleRequest | null>;
}

export function registerAdminPages(pages: FastifyInstance, deps: AdminPagesDeps): void {
  const { signedIn } = deps;
  registerAdminPinPage(pages, deps);

  async function accounts(ctx: ConsoleRequest, reply: FastifyReply, status: number, notice: CaseNotice | null, secret: Secret | null) {
    const [staff, organisations, sites] = await Promise.all([ctx.call('listStaff'), ctx.call('listOrganisations'), ctx.call('listSites')]);
    if (!staff.ok) throw refusalAsError(staff);
    return sendHtml(
      reply,
      status,
      accountsPage(ctx.s, ctx.who, {
        staff: staff.value.staff,
        organisations: organisations.ok ? organisations.value.organisations : [],
        sites: sites.ok ? sites.value.sites : [],
        notice,
        secret,
      }),
    );
  }

  async function sites(ctx: ConsoleRequest, reply: FastifyReply, status: number, notice: CaseNotice | null) {
    const [list, organisations] = await Promise.all([ctx.call('listSites'), ctx.call('listOrganisations')]);
    if (!list.ok) throw refusalAsError(list);
    return sendHtml(reply, status, sitesPage(ctx.s, ctx.who, { sites: list.value.sites, organisations: organisations.ok ? organisations.value.organisations : [], notice }));
  }

  const done = (ctx: ConsoleRequest): CaseNotice => ({ kind: 'ok', text: ctx.s.text('done') });

  pages.get(consolePaths.admin, async (request, reply) => {
    const ctx = await signedIn(request, reply);
    return ctx ? accounts(ctx, reply, 200, null, null) : reply;
  });

  pages.post(consolePaths.adminStaff, async (request, reply) => {
    refuseCrossSite(request);
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    const f = (request.body ?? {}) as Form;
    const body = { username: f.username ?? '', displayName: f.displayName ?? '', role: f.role ?? '', organisationId: opt(f.organisationId) ?? null, siteId: opt(f.siteId) ?? null };
    const created = await ctx.call('createStaff', { body });
    if (!created.ok) return accounts(ctx, reply, created.status, refusalNotice(ctx.s, created, consolePaths.admin), null);
    const secret = created.value.initialPassword ? { label: 'firstPassword' as const, username: created.value.account.username, value: created.value.initialPassword } : null;
    return accounts(ctx, reply, 201, done(ctx), secret);
  });

  pages.post<{ Params: { username: string; action: string } }>(consolePaths.adminStaffAction, async (request, reply) => {
    refuseCrossSite(request);
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    const { username, action } = request.params;
    const params = { username };
    if (action === 'reset') {
      const reset = await ctx.call('resetPassword', { params });
      if (!reset.ok) return accounts(ctx, reply, reset.status, refusalNotice(ctx.s, reset, consolePaths.admin), null);
      return accounts(ctx, reply, 200, done(ctx), { label: 'temporaryPassword', username, value: reset.value.temporaryPassword });
    }
    const result =
      action === 'unlock'
        ? await ctx.call('unlockStaff', { params })
        : action === 'deactivate' || action === 'activate'
          ? await ctx.call('updateStaff', { params, body: { active: action === 'activate' } })
          : null;
    if (!result) throw new HubError(404, 'NOT_FOUND', 'No such action');
    return accounts(ctx, reply, result.ok ? 200 : result.status, result.ok ? done(ctx) : refusalNotice(ctx.s, result, consolePaths.admin), null);
  });

  pages.get(consolePaths.adminSites, async (request, reply) => {
    const ctx = await signedIn(request, reply);
    return ctx ? sites(ctx, reply, 200, null) : reply;
  });

  for (const what of ['site', 'organisation'] as const) {
    pages.post(what === 'site' ? consolePaths.adminSiteCreate : consolePaths.adminOrganisationCreate, async (request, reply) => {
      refuseCrossSite(request);
      const ctx = await signedIn(request, reply);
      if (!ctx) return reply;
      const f = (request.body ?? {}) as Form;
      const result =
        what === 'site'
          ? await ctx.call('createSite', { body: { siteId: f.id ?? '', name: f.name ?? '', kind: f.kind ?? '' } })
          : await ctx.call('createOrganisation', { body: { organisationId: f.id ?? '', name: f.name ?? '', kind: f.kind ?? '' } });
      return sites(ctx, reply, result.ok ? 201 : result.status, result.ok ? done(ctx) : refusalNotice(ctx.s, result, consolePaths.adminSites));
    });
  }

  pages.post<{ Params: { siteId: string } }>(consolePaths.adminSiteRetire, async (request, reply) =>
    retire(request, reply, (ctx) => ctx.call('updateSite', { params: { siteId: request.params.siteId }, body: { active: false } })),
  );
  pages.post<{ Params: { organisationId: string } }>(consolePaths.adminOrganisationRetire, async (request, reply) =>
    retire(request, reply, (ctx) => ctx.call('updateOrganisation', { params: { organisationId: request.params.organisationId }, body: { active: false } })),
  );

  /** Retires a site or an organisation (never deleted: cases name them), and shows the list again. */
  async function retire(request: FastifyRequest, reply: FastifyReply, update: (ctx: ConsoleRequest) => Promise<{ ok: true } | ({ ok: false } & ApiRefusal)>) {
    refuseCrossSite(request);
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    const result = await update(ctx);
    return sites(ctx, reply, result.ok ? 200 : result.status, result.ok ? done(ctx) : refusalNotice(ctx.s, result, consolePaths.adminSites));
  }
}
