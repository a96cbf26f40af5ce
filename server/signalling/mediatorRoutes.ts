import { deskRoomRole } from '../../shared/rooms/deskRoles.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { courtPath } from '../../shared/courtApi/routes.js';
import { mediatorPaths } from '../../shared/signalling.js';
import { roomPaths } from '../../shared/rooms/joining.js';
import { guidancePaths, mayGuide } from '../../shared/rooms/guidance.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';
import { clearedSessionCookie, cookieValue, SESSION_COOKIE, sessionCookie, type StaffSessions } from '../staff/sessions.js';
import type { StaffProfile } from '../staff/store.js';
import { passwordChangeRequired } from '../staff/passwordChange.js';
import { passwordFormReturningTo } from '../console/returnPaths.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import type { CallRecords } from './callRecords.js';
import { reachedOverHttps } from '../http/transport.js';

// The mediator console over HTTP: its single-page app under /mediator (built by Vite into
// dist/console) and a small JSON API to sign in and out and to read recent call records. The live
// part (queue, presence, calls) runs over the signalling WebSocket.

const MEDIATOR_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'", // 'self' covers the same host's ws:/wss: in CSP 3
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

/** Records a refusal of the desk to an account whose role does not work there (the audit log's 'denied'). */
export type DeskRefused = (profile: StaffProfile, source: string, action: string) => Promise<void>;

export interface MediatorRoutesOptions {
  sessions: StaffSessions;
  profiles: (username: string) => Promise<StaffProfile | null>;
  records: CallRecords;
  consoleDir?: string | undefined;
  refused?: DeskRefused | undefined;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** dist/console next to the running hub (dist/server/signalling → dist/console), else ./dist/console. */
function defaultConsoleDir(): string {
  const beside = fileURLToPath(new URL('../../console', import.meta.url));
  return existsSync(join(beside, 'index.html')) ? beside : resolve('dist/console');
}

export function registerMediatorRoutes(app: FastifyInstance, opts: MediatorRoutesOptions): void {
  const dir = opts.consoleDir ?? defaultConsoleDir();
  let files: Map<string, { body: Buffer; type: string }> | null = null;
  // Read once, then served from memory: a handful of small files, and no path ever reaches the disk.
  const load = () => {
    if (files || !existsSync(join(dir, 'index.html'))) return files;
    files = new Map();
    const walk = (sub: string) => {
      for (const name of readdirSync(join(dir, sub))) {
        const rel = sub ? `${sub}/${name}` : name;
        if (statSync(join(dir, rel)).isDirectory()) walk(rel);
        else files!.set(rel, { body: readFileSync(join(dir, rel)), type: types[extname(name)] ?? 'application/octet-stream' });
      }
    };
    walk('');
    return files;
  };

  const mediatorOf = async (request: FastifyRequest): Promise<StaffProfile> => {
    const username = await opts.sessions.user(request.headers.cookie);
    const profile = username ? await opts.profiles(username) : null;
    if (!profile) throw new HubError(401, hubErrorCodes.unauthorized, 'Mediator sign-in required');
    // the role first (audited), then the password, as every staff route (server/staff/staffGate.ts)
    if (deskRoomRole(profile.role) === null) {
      await opts.refused?.(profile, request.ip, 'desk.open');
      throw new HubError(403, hubErrorCodes.forbidden, 'This account does not take calls');
    }
    if (profile.mustChangePassword) throw passwordChangeRequired();
    return profile;
  };
  /**
   * A desk's page (the mediator's, the judges' guidance): a signed-in account whose password must
   * still be changed is sent to that form, as every console page does, but only when its role works
   * at that desk (role before password): another role gets the page, whose first request is refused
   * (audited) in its words, rather than a password change that would not let it in.
   */
  const desk = (page: string, worksHere: (role: StaffProfile['role']) => boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    const username = await opts.sessions.user(request.headers.cookie);
    const profile = username ? await opts.profiles(username) : null;
    if (profile?.mustChangePassword && worksHere(profile.role)) return reply.redirect(passwordFormReturningTo(request.url.split('?')[0]), 303);
    return serve(reply, page);
  };
  const takesCalls = (role: StaffProfile['role']) => deskRoomRole(role) !== null;
  // A browser always sends Origin on these requests (JSON posts from the desk).
  const checkOrigin = (request: FastifyRequest) => refuseCrossSite(request, { required: true });
  const serve = (reply: FastifyReply, path: string) => {
    const file = load()?.get(path);
    if (!file) throw new HubError(404, hubErrorCodes.notFound, files ? 'No such file' : 'Mediator console is not built (npm run build)');
    reply.header('content-security-policy', MEDIATOR_CSP).header('x-frame-options', 'DENY').header('referrer-policy', 'same-origin');
    // Pages are asked for fresh; only the hashed assets are cached for good.
    if (path.startsWith('assets/')) reply.header('cache-control', 'public, max-age=31536000, immutable');
    return reply.type(file.type).send(file.body);
  };

  app.get(mediatorPaths.app, desk('index.html', takesCalls));
  app.get(`${mediatorPaths.app}/`, desk('index.html', takesCalls));
  app.get(roomPaths.joinPage, async (_request, reply) => serve(reply, 'join.html'));
  app.get(guidancePaths.page, desk('guide.html', mayGuide));
  app.get(`${mediatorPaths.app}/assets/:file`, async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!/^[A-Za-z0-9._-]{1,100}$/.test(file)) throw new HubError(404, hubErrorCodes.notFound, 'No such file');
    return serve(reply, `assets/${file}`);
  });

  app.post(mediatorPaths.login, async (request, reply) => {
    checkOrigin(request);
    const body = parseOrThrow(LoginBody, request.body, 'Sign-in');
    // one sign-in for every door: the court API's, with its limits, lockout and audit
    const signedIn = await app.inject({ method: 'POST', url: courtPath('signIn'), headers: { host: request.host }, remoteAddress: request.ip, payload: body });
    if (signedIn.statusCode !== 200) {
      const retryAfter = signedIn.headers['retry-after'];
      if (retryAfter !== undefined) reply.header('retry-after', retryAfter);
      return reply.code(signedIn.statusCode).type('application/json; charset=utf-8').send(signedIn.body);
    }
    const cookies = ([] as string[]).concat(signedIn.headers['set-cookie'] ?? []);
    const token = cookies.map((c) => cookieValue(c.split(';')[0], SESSION_COOKIE)).find((t) => !!t) ?? null;
    const profile = token ? await opts.profiles(body.username) : null;
    if (!token || !profile) throw new HubError(401, hubErrorCodes.unauthorized, 'Wrong username or password');
    if (deskRoomRole(profile.role) === null) {
      await opts.sessions.logout(`${SESSION_COOKIE}=${token}`);
      throw new HubError(403, hubErrorCodes.forbidden, 'This account does not take calls');
    }
    reply.header('set-cookie', sessionCookie(token, reachedOverHttps(request)));
    return { username: profile.username, displayName: profile.displayName };
  });

  app.post(mediatorPaths.logout, async (request, reply) => {
    checkOrigin(request);
    await opts.sessions.logout(request.headers.cookie);
    reply.header('set-cookie', clearedSessionCookie(reachedOverHttps(request)));
    return { ok: true };
  });

  app.get(mediatorPaths.session, async (request) => {
    const profile = await mediatorOf(request);
    return { username: profile.username, displayName: profile.displayName };
  });

  app.get(mediatorPaths.calls, async (request) => {
    const profile = await mediatorOf(request);
    return { calls: await opts.records.recent(50, profile.username) };
  });
}
