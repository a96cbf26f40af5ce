import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HUB_API } from '../../shared/hubProtocol.js';
import {
  CONSOLE_CSP,
  CONSOLE_CSS_PATH,
  consoleCss,
  errorPage,
  intakeListPage,
  loginPage,
  toConsoleIntake,
} from '../consolePage.js';
import { HubError, hubErrorCodes, toHubError } from '../errors.js';
import { clearedSessionCookie, sessionCookie, type StaffSessions } from '../staffAuth.js';
import type { HubStore } from '../store.js';

// The court staff's console: sign in with a form, see received intakes newest first, sign out.
// Pages live in their own Fastify scope that only parses form posts and answers errors in HTML;
// the JSON listing sits with the API and answers errors in JSON like every API route.

export const consolePaths = {
  page: '/console',
  login: '/console/login',
  logout: '/console/logout',
  css: CONSOLE_CSS_PATH,
  intakesApi: `${HUB_API}/console/intakes`,
} as const;

/** How many intakes a page or the API lists (newest first). */
export const CONSOLE_LIST_LIMIT = 200;

export interface ConsoleRoutesOptions {
  store: HubStore;
  sessions: StaffSessions;
  courtCode: string;
}

const LoginForm = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

function listIntakes(store: HubStore) {
  return { total: store.intakeCount(), intakes: store.recentIntakes(CONSOLE_LIST_LIMIT).map(toConsoleIntake) };
}

const isHttps = (request: FastifyRequest): boolean => request.protocol === 'https';

function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** Refuses cross-site form posts (defence in depth next to the SameSite=Strict cookie). */
function checkSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (origin !== `${request.protocol}://${request.host}`) {
    throw new HubError(403, hubErrorCodes.forbidden, 'Cross-site request refused');
  }
}

export function registerConsoleRoutes(app: FastifyInstance, opts: ConsoleRoutesOptions): void {
  const { store, sessions } = opts;

  app.get(consolePaths.intakesApi, async (request) => {
    if (!sessions.user(request.headers.cookie)) {
      throw new HubError(401, hubErrorCodes.unauthorized, 'Staff sign-in required');
    }
    return listIntakes(store);
  });

  app.register(async (pages) => {
    pages.removeAllContentTypeParsers();
    pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    });
    pages.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', CONSOLE_CSP);
      reply.header('referrer-policy', 'same-origin'); // no-referrer would make browsers send `Origin: null` on our own form posts
      reply.header('x-frame-options', 'DENY');
    });
    pages.setErrorHandler((err, request, reply) => {
      const hubErr = toHubError(err);
      if (hubErr.statusCode >= 500) request.log.error({ errCode: hubErr.code }, 'console request failed');
      return sendHtml(reply, hubErr.statusCode, errorPage(hubErr.statusCode, hubErr.message));
    });

    pages.get(consolePaths.css, async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(consoleCss),
    );

    pages.get(consolePaths.page, async (request, reply) => {
      const staff = sessions.user(request.headers.cookie);
      if (!staff) return sendHtml(reply, 200, loginPage());
      return sendHtml(reply, 200, intakeListPage({ staff, courtCode: opts.courtCode, ...listIntakes(store) }));
    });

    pages.post(consolePaths.login, async (request, reply) => {
      checkSameOrigin(request);
      const form = LoginForm.safeParse(request.body);
      if (!form.success) return sendHtml(reply, 400, loginPage({ failed: true }));
      const token = await sessions.login(form.data.username, form.data.password);
      if (!token) return sendHtml(reply, 401, loginPage({ failed: true, username: form.data.username }));
      reply.header('set-cookie', sessionCookie(token, isHttps(request)));
      return reply.redirect(consolePaths.page, 303);
    });

    pages.post(consolePaths.logout, async (request, reply) => {
      checkSameOrigin(request);
      sessions.logout(request.headers.cookie);
      reply.header('set-cookie', clearedSessionCookie(isHttps(request)));
      return reply.redirect(consolePaths.page, 303);
    });
  });
}
