import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Sha256Hex } from '../../shared/attachment.js';
import { HUB_API } from '../../shared/hubProtocol.js';
import { ItemSchedule, LocalDate, PlaylistSettings, MAX_ITEM_MS, MIN_ITEM_MS } from '../../shared/playlist.js';
import { courtDay } from '../../shared/courtTime.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import { admitStaff, holdToAbility, type StaffGateDeps } from '../staff/staffGate.js';
import { pageScope, sendHtml, sendRefusalPage, serveStylesheet } from '../web/page.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { itemEditPage, playlistAdminPaths as paths, playlistPage, type PlaylistViewer } from './adminPages.js';
import { PLAYLIST_CSP, PLAYLIST_CSS_PATH, playlistCss } from './adminStyle.js';
import { fieldsFromSearchParams, FormError, parseItemFields, parseSettingsFields, type FormFields } from './itemForm.js';
import type { MediaLibrary } from './mediaLibrary.js';
import type { PlaylistStore } from './playlistStore.js';
import { playsPage } from './playsReport.js';
import { sendMediaFile } from './sendMedia.js';
import { createItem, multipartOptions, receiveUpload } from './uploadReceiver.js';
import { passwordFormReturningTo } from '../console/returnPaths.js';
import { languageOf, speaker } from '../console/consoleWords.js';
import { toSignIn } from '../console/pageSession.js';
import { sessionInfo } from '../staff/staffRoutes.js';

// Playlist admin for the court admin (`managePlaylist`), behind the console's staff session:
// server-rendered pages under /console/playlist (forms, no script) and the same operations as JSON
// under /api/v1/console/playlist. Other roles are refused (403, audited as denied); an account that
// must still change its password is sent to the form. Mutations require our own Origin (the cookie
// is SameSite=Strict too).

/** What a refusal of the playlist admin is audited as. */
const PLAYLIST_ACTION = 'playlist.manage';

const playlistApiPaths = {
  playlist: `${HUB_API}/console/playlist`,
  items: `${HUB_API}/console/playlist/items`,
  settings: `${HUB_API}/console/playlist/settings`,
  plays: `${HUB_API}/console/plays`,
} as const;

export interface PlaylistAdminOptions {
  playlist: PlaylistStore;
  library: MediaLibrary;
  gate: StaffGateDeps;
  now: () => Date;
}

const ItemPatch = z.strictObject({
  title: z.string().trim().min(1).max(80),
  titleEn: z.string().trim().max(120).default(''),
  durationMs: z.number().int().min(MIN_ITEM_MS).max(MAX_ITEM_MS).nullable(),
  order: z.number().int().min(-1_000_000).max(1_000_000),
  muted: z.boolean(),
  schedule: ItemSchedule,
});
const DayRange = z.object({ from: LocalDate.optional(), to: LocalDate.optional() });

export function registerPlaylistAdmin(app: FastifyInstance, opts: PlaylistAdminOptions): void {
  const { playlist, library, gate } = opts;
  const dayRange = async (query: unknown) => {
    const q = parseOrThrow(DayRange, query, 'Query');
    const { utcOffsetMinutes } = await playlist.settings();
    const today = courtDay(opts.now().getTime(), utcOffsetMinutes);
    const monthAgo = courtDay(opts.now().getTime() - 30 * 86_400_000, utcOffsetMinutes);
    return { from: q.from ?? monthAgo, to: q.to ?? today };
  };

  // --- JSON API -------------------------------------------------------------------------------
  app.register(async (api) => {
    await api.register(multipart, multipartOptions);
    api.addHook('preHandler', async (request) => {
      // another site's request first, as the court API does: it is nobody's attempt to audit
      if (request.method !== 'GET' && request.method !== 'HEAD') refuseCrossSite(request);
      await admitStaff(gate, request, 'managePlaylist', PLAYLIST_ACTION);
    });
    api.setErrorHandler((err, request, reply) => {
      if (err instanceof FormError) {
        const issues = err.problems.map((p) => ({ path: p.field, message: `${p.zh} / ${p.en}` }));
        return reply
          .code(err.status)
          .send({ error: { code: err.status === 413 ? hubErrorCodes.tooLarge : err.status === 415 ? hubErrorCodes.unsupportedMediaType : hubErrorCodes.invalidInput, message: err.message, issues } });
      }
      throw err; // the app's JSON error handler
    });
    api.get(playlistApiPaths.playlist, async () => playlist.manifest());
    api.post(playlistApiPaths.items, async (request, reply) => {
      const { fields, upload } = await receiveUpload(request, library);
      return reply.code(201).send(await createItem(playlist, library, fields, upload));
    });
    api.patch<{ Params: { id: string } }>(`${playlistApiPaths.items}/:id`, async (request) => {
      const patch = parseOrThrow(ItemPatch, request.body, 'Item');
      const item = await playlist.updateItem(request.params.id, patch);
      if (!item) throw new HubError(404, hubErrorCodes.notFound, 'No such item');
      return item;
    });
    api.delete<{ Params: { id: string } }>(`${playlistApiPaths.items}/:id`, async (request, reply) => {
      if (!(await playlist.removeItem(request.params.id))) throw new HubError(404, hubErrorCodes.notFound, 'No such item');
      await library.collectGarbage();
      return reply.code(204).send();
    });
    api.put(playlistApiPaths.settings, async (request) => {
      const settings = parseOrThrow(PlaylistSettings, request.body, 'Settings');
      await playlist.saveSettings(settings);
      return settings;
    });
    api.get(playlistApiPaths.plays, async (request) => {
      const { from, to } = await dayRange(request.query);
      return { from, to, rows: await playlist.playsByDay(from, to) };
    });
  });

  // --- pages ----------------------------------------------------------------------------------
  app.register(async (pages) => {
    pageScope(pages, { csp: PLAYLIST_CSP, referrerPolicy: 'same-origin', forms: { parse: fieldsFromSearchParams, bodyLimit: 16 * 1024 } });
    await pages.register(multipart, multipartOptions);

    /**
     * The signed-in court admin in the console's language, or null after sending the answer: the
     * sign-in form, the password form (coming back here), or the refusal of the role in both
     * languages (audited). The role first, then the password (server/staff/staffGate.ts). One
     * authentication: the console's header is drawn from the account it found.
     */
    const staffOr = async (request: FastifyRequest, reply: FastifyReply): Promise<PlaylistViewer | null> => {
      const principal = await gate.authenticate(gate.scope, request);
      if (!principal) {
        void toSignIn(request, reply);
        return null;
      }
      try {
        await holdToAbility(gate, principal, 'managePlaylist', PLAYLIST_ACTION);
      } catch (err) {
        if (!(err instanceof HubError)) throw err;
        if (err.code === 'PASSWORD_CHANGE_REQUIRED') void reply.redirect(passwordFormReturningTo(request.method === 'GET' ? request.url.split('?')[0] : paths.page), 303);
        else void sendRefusalPage(request, reply, err);
        return null;
      }
      return { s: speaker(languageOf(request)), who: sessionInfo(principal.account) };
    };
    const listPage = async (viewer: PlaylistViewer, extra: Partial<Parameters<typeof playlistPage>[0]> = {}) =>
      playlistPage({ viewer, items: await playlist.items(), settings: await playlist.settings(), version: (await playlist.manifest()).version, ...extra });

    serveStylesheet(pages, PLAYLIST_CSS_PATH, playlistCss);

    pages.get<{ Querystring: { done?: string } }>(paths.page, async (request, reply) => {
      const staff = await staffOr(request, reply);
      if (!staff) return reply;
      return sendHtml(reply, 200, await listPage(staff, request.query.done ? { done: request.query.done } : {}));
    });

    pages.post(paths.items, async (request, reply) => {
      refuseCrossSite(request);
      const staff = await staffOr(request, reply);
      if (!staff) return reply;
      let fields: FormFields = new Map();
      try {
        const received = await receiveUpload(request, library);
        fields = received.fields;
        await createItem(playlist, library, fields, received.upload);
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        return sendHtml(reply, error.status, await listPage(staff, { uploadProblems: error.problems, uploadValues: fields }));
      }
      return reply.redirect(`${paths.page}?done=uploaded`, 303);
    });

    pages.get<{ Params: { id: string } }>(`${paths.items}/:id`, async (request, reply) => {
      const staff = await staffOr(request, reply);
      if (!staff) return reply;
      const item = await playlist.item(request.params.id);
      if (!item) throw new HubError(404, hubErrorCodes.notFound, 'No such item');
      return sendHtml(reply, 200, itemEditPage(staff, item, [], null));
    });

    pages.post<{ Params: { id: string } }>(`${paths.items}/:id`, async (request, reply) => {
      refuseCrossSite(request);
      const staff = await staffOr(request, reply);
      if (!staff) return reply;
      const item = await playlist.item(request.params.id);
      if (!item) throw new HubError(404, hubErrorCodes.notFound, 'No such item');
      const fields = formBody(request);
      try {
        await playlist.updateItem(item.id, parseItemFields(fields, item.mimeType, item.order));
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        return sendHtml(reply, error.status, itemEditPage(staff, item, error.problems, fields));
      }
      return reply.redirect(`${paths.page}?done=saved`, 303);
    });

    pages.post<{ Params: { id: string } }>(`${paths.items}/:id/delete`, async (request, reply) => {
      refuseCrossSite(request);
      const staff = await staffOr(request, reply);
      if (!staff) return reply;
      if (!(await playlist.removeItem(request.params.id))) throw new HubError(404, hubErrorCodes.notFound, 'No such item');
      await library.collectGarbage();
      return reply.redirect(`${paths.page}?done=removed`, 303);
    });

    pages.post(paths.settings, async (request, reply) => {
      refuseCrossSite(request);
      const staff = await staffOr(request, reply);
      if (!staff) return reply;
      try {
        await playlist.saveSettings(parseSettingsFields(formBody(request), (await playlist.settings()).utcOffsetMinutes));
      } catch (error) {
        if (!(error instanceof FormError)) throw error;
        return sendHtml(reply, error.status, await listPage(staff, { settingsProblems: error.problems }));
      }
      return reply.redirect(`${paths.page}?done=saved`, 303);
    });

    pages.get(paths.plays, async (request, reply) => {
      const staff = await staffOr(request, reply);
      if (!staff) return reply;
      const { from, to } = await dayRange(request.query);
      return sendHtml(reply, 200, playsPage(staff, await playlist.playsByDay(from, to), from, to));
    });

    pages.get<{ Params: { sha256: string } }>(`${paths.media}/:sha256`, async (request, reply) => {
      // the preview in the admin's pages (an <img>/<video> source): in the page scope, so a refusal is its HTML page
      await admitStaff(gate, request, 'managePlaylist', PLAYLIST_ACTION);
      const sha = request.params.sha256;
      return sendMediaFile(request, reply, Sha256Hex.safeParse(sha).success ? await playlist.media(sha) : null, (s) => library.filePath(s), 'private, no-cache');
    });
  });
}

function formBody(request: FastifyRequest): FormFields {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- the form parser registered with this route puts FormFields here
  return request.body instanceof Map ? (request.body as FormFields) : new Map();
}
