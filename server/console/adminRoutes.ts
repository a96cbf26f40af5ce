import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HubError } from '../http/errors.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { sendHtml } from '../web/page.js';
import { registerAdminPinPage } from './adminPinPage.js';
import { accountsPage, placeFieldLabels, sitesPage, staffFieldLabels, type Secret } from './adminPages.js';
import { refusalNotice, type ActionWords, type CaseNotice } from './notice.js';
import { refusalAsError, type ApiRefusal, type ConsoleRequest } from './courtClient.js';
import { consolePaths } from './paths.js';
import { words as w } from './consoleWords.js';

// The admin screens' routes: each a form over one court API call, answered with the page again
// (a refusal said in words, a generated password shown once).

type Form = Record<string, string | undefined>;
/** What each admin form asks, as a refusal names it ("未能创建账号：…"). */
const adminActions = {
  create: w('创建账号', 'create the account'),
  reset: w('重置密码', 'reset the password'),
  unlock: w('解除锁定', 'unlock the account'),
  activate: w('启用账号', 'reactivate the account'),
  deactivate: w('停用账号', 'deactivate the account'),
  site: w('新增站点', 'add the site'),
  organisation: w('新增调解组织', 'add the organisation'),
  retireSite: w('停用站点', 'retire the site'),
  retireOrganisation: w('停用调解组织', 'retire the organisation'),
} satisfies Record<string, ActionWords>;

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
    if (!created.ok) return accounts(ctx, reply, created.status, refusalNotice(ctx.s, created, consolePaths.admin, { labels: staffFieldLabels, action: adminActions.create }), null);
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
      if (!reset.ok) return accounts(ctx, reply, reset.status, refusalNotice(ctx.s, reset, consolePaths.admin, { action: adminActions.reset }), null);
      return accounts(ctx, reply, 200, done(ctx), { label: 'temporaryPassword', username, value: reset.value.temporaryPassword });
    }
    const result =
      action === 'unlock'
        ? await ctx.call('unlockStaff', { params })
        : action === 'deactivate' || action === 'activate'
          ? await ctx.call('updateStaff', { params, body: { active: action === 'activate' } })
          : null;
    if (!result) throw new HubError(404, 'NOT_FOUND', 'No such action');
    return accounts(
      ctx,
      reply,
      result.ok ? 200 : result.status,
      result.ok ? done(ctx) : refusalNotice(ctx.s, result, consolePaths.admin, { action: adminActions[action as 'unlock' | 'activate' | 'deactivate'] }),
      null,
    );
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
      return sites(
        ctx,
        reply,
        result.ok ? 201 : result.status,
        result.ok ? done(ctx) : refusalNotice(ctx.s, result, consolePaths.adminSites, { labels: placeFieldLabels, action: adminActions[what] }),
      );
    });
  }

  pages.post<{ Params: { siteId: string } }>(consolePaths.adminSiteRetire, async (request, reply) =>
    retire(request, reply, adminActions.retireSite, (ctx) => ctx.call('updateSite', { params: { siteId: request.params.siteId }, body: { active: false } })),
  );
  pages.post<{ Params: { organisationId: string } }>(consolePaths.adminOrganisationRetire, async (request, reply) =>
    retire(request, reply, adminActions.retireOrganisation, (ctx) => ctx.call('updateOrganisation', { params: { organisationId: request.params.organisationId }, body: { active: false } })),
  );

  /** Retires a site or an organisation (never deleted: cases name them), and shows the list again. */
  async function retire(request: FastifyRequest, reply: FastifyReply, action: ActionWords, update: (ctx: ConsoleRequest) => Promise<{ ok: true } | ({ ok: false } & ApiRefusal)>) {
    refuseCrossSite(request);
    const ctx = await signedIn(request, reply);
    if (!ctx) return reply;
    const result = await update(ctx);
    return sites(ctx, reply, result.ok ? 200 : result.status, result.ok ? done(ctx) : refusalNotice(ctx.s, result, consolePaths.adminSites, { action }));
  }
}
