import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DbScope } from '../db/engine.js';
import type { SiteStore } from '../sites/siteStore.js';
import type { StaffPrincipal } from '../staff/principal.js';
import type { ReleasePublishing } from '../updates/releasePublishing.js';
import { rolloutFromFields } from '../updates/releasePublishing.js';
import type { ReleaseStore } from '../updates/releaseStore.js';
import { releaseMultipartOptions, UploadRefused } from '../updates/releaseUpload.js';
import { pageScope, sendHtml } from '../web/page.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { refusalAsError, courtClient, type ConsoleRequest } from './courtClient.js';
import { languageOf, speaker } from './consoleWords.js';
import { toSignIn } from './pageSession.js';
import { releaseNotices, releasePagePaths, releasesPage, type ReleaseNotice } from './releasePages.js';
import { CONSOLE_CSP } from './routes.js';

// The releases screen's routes (court admins): the list, an upload, a release's rollout. A
// refusal (a file that does not match its yml, an unknown site) is said on the page again.

export interface ReleasePageDeps {
  scope: DbScope;
  releases: ReleaseStore;
  publishing: ReleasePublishing;
  sites: SiteStore;
}

export function registerReleasePages(app: FastifyInstance, deps: ReleasePageDeps): void {
  const { publishing } = deps;
  app.register(async (pages) => {
    pageScope(pages, { csp: CONSOLE_CSP, referrerPolicy: 'same-origin', forms: { parse: (fields) => fields } });
    await pages.register(multipart, releaseMultipartOptions);

    /** The signed-in court admin (the page's frame needs their session too), or null after redirecting to sign-in. */
    async function admin(request: FastifyRequest, reply: FastifyReply, action: string): Promise<{ ctx: ConsoleRequest; principal: StaffPrincipal } | null> {
      const call = courtClient(app, request);
      const session = await call('session');
      if (!session.ok) {
        if (session.status >= 500) throw refusalAsError(session);
        void toSignIn(request, reply);
        return null;
      }
      const principal = await publishing.admin(request, action);
      return { ctx: { s: speaker(languageOf(request)), call, who: session.value }, principal };
    }

    async function show(ctx: ConsoleRequest, reply: FastifyReply, status: number, notice: ReleaseNotice, problems: string[] = []) {
      const [releases, sites] = await Promise.all([deps.releases.views(deps.scope), deps.sites.sites(deps.scope)]);
      return sendHtml(reply, status, releasesPage(ctx.s, ctx.who, { releases, sites, notice, problems }));
    }

    pages.get<{ Querystring: { done?: string } }>(releasePagePaths.page, async (request, reply) => {
      const signed = await admin(request, reply, 'release.listed');
      if (!signed) return reply;
      const done = request.query.done === 'uploaded' || request.query.done === 'saved' ? releaseNotices[request.query.done] : null;
      return show(signed.ctx, reply, 200, done ? { kind: 'ok', text: signed.ctx.s.text(done) } : null);
    });

    pages.post(releasePagePaths.page, async (request, reply) => {
      refuseCrossSite(request);
      const signed = await admin(request, reply, 'release.uploaded');
      if (!signed) return reply;
      try {
        await publishing.upload(request, signed.principal);
      } catch (error) {
        if (!(error instanceof UploadRefused)) throw error;
        return show(signed.ctx, reply, error.status, null, error.problems);
      }
      return reply.redirect(`${releasePagePaths.page}?done=uploaded`, 303);
    });

    pages.post<{ Params: { version: string } }>(releasePagePaths.rollout, async (request, reply) => {
      refuseCrossSite(request);
      const signed = await admin(request, reply, 'release.rollout_changed');
      if (!signed) return reply;
      const fields = request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
      try {
        await publishing.setRollout(
          request.params.version,
          rolloutFromFields((name) => fields.getAll(name)),
          signed.principal,
        );
      } catch (error) {
        if (!(error instanceof UploadRefused)) throw error;
        return show(signed.ctx, reply, error.status, null, error.problems);
      }
      return reply.redirect(`${releasePagePaths.page}?done=saved`, 303);
    });
  });
}
