import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { courtPath, courtRoutes, type CourtRouteName } from '../../shared/courtApi/routes.js';
import type { SessionInfo } from '../../shared/courtApi/staff.js';
import { HubError, type HubErrorCode } from '../http/errors.js';
import type { Speaker } from './consoleWords.js';
import { secureCookieFor } from '../http/transport.js';

// The console is a client of the court API (shared/courtApi/routes.ts), in-process: each page asks
// the API as the signed-in staff member (their cookie, their address), so who may see and do what,
// the audit of every view and the life-cycle rules are decided in one place, the API's, and the
// console cannot drift from what court systems get. Answers are parsed with the route's schema.

type RouteOf<N extends CourtRouteName> = (typeof courtRoutes)[N];
export type Answer<N extends CourtRouteName> = RouteOf<N> extends { response: infer R extends z.ZodType } ? z.output<R> : undefined;

export interface ApiRefusal {
  status: number;
  code: string;
  message: string;
  issues: { path: string; message: string }[];
  /** The case as it is now (409 on an action). */
  current?: unknown;
  /** The court time the refusal turns on (SESSION_NOT_YET: the session's start). */
  date?: string;
  /** Whether the refused request would have saved something (not a GET): a refusal says "nothing was saved" only then. */
  write: boolean;
  retryAfterS?: number;
}
export type ApiResult<T> = { ok: true; value: T; setCookie: string[] } | ({ ok: false } & ApiRefusal);

export interface CallOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
}

export function courtClient(app: FastifyInstance, request: FastifyRequest) {
  return async function call<N extends CourtRouteName>(name: N, opts: CallOptions = {}): Promise<ApiResult<Answer<N>>> {
    const route = courtRoutes[name];
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined && v !== '') query.set(k, String(v));
    const qs = query.toString();
    const headers: Record<string, string> = { host: request.host };
    if (request.headers.cookie) headers.cookie = request.headers.cookie;
    // the page's own form post was checked as same-site; the API checks it again on its writes
    if (route.method !== 'GET') headers.origin = `${request.protocol}://${request.host}`;
    const res = await app.inject({
      method: route.method,
      url: `${courtPath(name, opts.params)}${qs ? `?${qs}` : ''}`,
      headers,
      remoteAddress: request.ip,
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
    // the inner request is never HTTPS; the client's own request decides whether its cookies are Secure
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => secureCookieFor(request, c));
    if (res.statusCode < 300) {
      const schema = 'response' in route && route.response && !('media' in route.response) ? (route.response as z.ZodType) : null;
      return { ok: true, value: (schema ? schema.parse(res.json()) : undefined) as Answer<N>, setCookie };
    }
    const body = safeJson(res.body) as { error?: { code?: string; message?: string; issues?: ApiRefusal['issues']; case?: unknown; date?: unknown } } | null;
    const retry = Number(res.headers['retry-after']);
    return {
      ok: false,
      write: route.method !== 'GET',
      status: res.statusCode,
      code: body?.error?.code ?? 'UNKNOWN',
      message: body?.error?.message ?? '',
      issues: body?.error?.issues ?? [],
      ...(body?.error?.case !== undefined ? { current: body.error.case } : {}),
      ...(typeof body?.error?.date === 'string' ? { date: body.error.date } : {}),
      ...(Number.isFinite(retry) ? { retryAfterS: retry } : {}),
    };
  };
}
export type CourtClient = ReturnType<typeof courtClient>;

/** A signed-in console request: the staff member's language, their API client, who they are. */
export interface ConsoleRequest {
  s: Speaker;
  call: CourtClient;
  who: SessionInfo;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A refusal passed on as the hub's own error (its code came from the API, so it is one of the hub's). */
export const refusalAsError = (r: ApiRefusal): HubError => new HubError(r.status, r.code as HubErrorCode, r.message);
