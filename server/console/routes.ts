import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { IntakeStore } from '../intake/store.js';
import { clearedSessionCookie, sessionCookie, type StaffSessions } from '../staff/sessions.js';
import { pageScope, sendHtml, serveStylesheet } from '../web/page.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { STAFF_CSS_PATH, staffCss } from '../web/staffStyle.js';
import { intakeListPage, loginPage, toConsoleIntake } from './listPage.js';
import { consolePaths } from './paths.js';

// The court staff's console: sign in with a form, see received intakes newest first, sign out.
// Pages live in their own Fastify scope that only parses form posts and answers errors in HTML;
// the JSON listing sits with the API and answers errors in JSON like every API route.

export const CONSOLE_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/** How many intakes a page or the API lists (newest first). */
const CONSOLE_LIST_LIMIT = 200;

export interface ConsoleRoutesOptions {
  intakes: IntakeStore;
  sessions: StaffSessions;
  courtCode: string;
}

const LoginForm = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

const isHttps = (request: FastifyRequest): boolean => request.protocol === 'https';

export function registerConsoleRoutes(app: FastifyInstance, opts: ConsoleRoutesOptions): void {
  const { intakes, sessions } = opts;
  const listIntakes = async () => ({ total: await intakes.count(), intakes: (await intakes.recent(CONSOLE_LIST_LIMIT)).map(toConsoleIntake) });

  app.get(consolePaths.intakesApi, async (request) => {
    if (!(await sessions.user(request.headers.cookie))) {
      throw new HubError(401, hubErrorCodes.unauthorized, 'Staff sign-in required');
    }
    return listIntakes();
  });

  app.register(async (pages) => {
    pageScope(pages, { csp: CONSOLE_CSP, referrerPolicy: 'same-origin', forms: { parse: (fields) => Object.fromEntries(fields) } });
    serveStylesheet(pages, STAFF_CSS_PATH, staffCss);

    pages.get(consolePaths.page, async (request, reply) => {
      const staff = await sessions.user(request.headers.cookie);
      if (!staff) return sendHtml(reply, 200, loginPage());
      return sendHtml(reply, 200, intakeListPage({ staff, courtCode: opts.courtCode, ...(await listIntakes()) }));
    });

    pages.post(consolePaths.login, async (request, reply) => {
      refuseCrossSite(request);
      const form = LoginForm.safeParse(request.body);
      if (!form.success) return sendHtml(reply, 400, loginPage({ failed: true }));
      const token = await sessions.login(form.data.username, form.data.password);
      if (!token) return sendHtml(reply, 401, loginPage({ failed: true, username: form.data.username }));
      reply.header('set-cookie', sessionCookie(token, isHttps(request)));
      return reply.redirect(consolePaths.page, 303);
    });

    pages.post(consolePaths.logout, async (request, reply) => {
      refuseCrossSite(request);
      await sessions.logout(request.headers.cookie);
      reply.header('set-cookie', clearedSessionCookie(isHttps(request)));
      return reply.redirect(consolePaths.page, 303);
    });
  });
}
