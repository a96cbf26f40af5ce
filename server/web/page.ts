import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_S, logFailure, toHubError, type HubError } from '../http/errors.js';
import { changePasswordLink, refusalSaid } from '../../shared/courtApi/refusalWords.js';
import { passwordFormReturningTo } from '../console/returnPaths.js';
import { bi, escapeHtml } from './html.js';
import { STAFF_CSS_PATH } from './staffStyle.js';

// The page shell every server-rendered hub page shares, the error page, and the Fastify scope
// around a feature's pages: its security headers, form posts, and errors answered in HTML.

export interface PageOptions {
  /** Stylesheets in order (default: the staff pages' base sheet). */
  stylesheets?: readonly string[];
  refreshSeconds?: number;
  /** Also said in the document: some browsers follow the meta before the header. */
  referrer?: 'same-origin' | 'no-referrer';
  /** The document's language (default zh-CN: the hub's pages speak Chinese first). */
  lang?: string;
}

export function page(title: string, body: string, opts: PageOptions = {}): string {
  const refresh = opts.refreshSeconds ? `\n<meta http-equiv="refresh" content="${opts.refreshSeconds}">` : '';
  const referrer = opts.referrer ? `\n<meta name="referrer" content="${opts.referrer}">` : '';
  const sheets = (opts.stylesheets ?? [STAFF_CSS_PATH]).map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}">`).join('\n');
  return `<!doctype html>
<html lang="${escapeHtml(opts.lang ?? 'zh-CN')}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${refresh}${referrer}
<title>${escapeHtml(title)}</title>
${sheets}
</head>
<body>
${body}
</body>
</html>
`;
}

function errorPage(status: number, message: string): string {
  return page(
    `${status}`,
    `<main class="login">
<h1>${bi('请求未能处理', 'Request not handled')} (${status})</h1>
<p>${escapeHtml(message)}</p>
<p><a href="/console">${bi('返回工作台', 'Back to the console')}</a></p>
</main>`,
  );
}

/** The error and refusal pages' own policy: the staff sheet and nothing else (a page scope's policy replaces it with its own). */
const ERROR_PAGE_CSP = "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const isRead = (request: FastifyRequest) => request.method === 'GET' || request.method === 'HEAD';

/**
 * A staff page refused (a role that may not, a password still to change, a case outside the
 * caller's part of the court, another site's page): the words for the refusal
 * (shared/courtApi/refusalWords.ts), in both languages, and the way on — the password form coming
 * back to the page asked for, and the console. Whether "nothing was saved" is said follows the
 * request (a read saves nothing). Its own strict policy, so that it is styled wherever it is sent.
 */
export function sendRefusalPage(request: FastifyRequest, reply: FastifyReply, err: HubError): FastifyReply {
  const said = refusalSaid(err.statusCode, err.code, { write: !isRead(request) });
  const passwordForm = passwordFormReturningTo(isRead(request) ? request.url.split('?')[0] : undefined);
  const next = said.kind === 'password' ? `<p><a href="${escapeHtml(passwordForm)}">${bi(changePasswordLink.zh, changePasswordLink.en)}</a></p>\n` : '';
  const body = `<main class="login">
<h1>${bi(said.failed.zh, said.failed.en)}</h1>
<p>${bi(said.advice.zh, said.advice.en)}</p>
${next}<p><a href="/console">${bi('返回工作台', 'Back to the console')}</a></p>
</main>`;
  reply.header('content-security-policy', ERROR_PAGE_CSP);
  return sendHtml(reply, err.statusCode, page(`${err.statusCode}`, body));
}

/** An error as the error page, outside a page scope (an API link a browser opened): its own strict CSP. */
export function sendErrorPage(reply: FastifyReply, err: HubError): FastifyReply {
  reply.header('content-security-policy', ERROR_PAGE_CSP);
  return sendHtml(reply, err.statusCode, errorPage(err.statusCode, err.message));
}

export function sendHtml(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').send(html);
}

/** A stylesheet held in memory, cached for an hour (pages are not cached; their looks may be). */
export function serveStylesheet(scope: FastifyInstance, path: string, css: string): void {
  scope.get(path, async (_request, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));
}

export interface PageScopeOptions {
  csp: string;
  referrerPolicy: 'same-origin' | 'no-referrer';
  /** Accept `application/x-www-form-urlencoded` posts (and nothing else), parsed by `parse`. */
  forms?: { parse: (fields: URLSearchParams) => unknown; bodyLimit?: number };
}

/** Makes `scope` a scope of HTML pages: headers on every answer, errors as an HTML page, form bodies. */
export function pageScope(scope: FastifyInstance, opts: PageScopeOptions): void {
  if (opts.forms) {
    const { parse, bodyLimit } = opts.forms;
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', ...(bodyLimit ? { bodyLimit } : {}) }, (_req, body, done) => {
      done(null, parse(new URLSearchParams(body as string)));
    });
  }
  scope.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', opts.csp);
    // no-referrer would make browsers send `Origin: null` on a page's own form posts
    reply.header('referrer-policy', opts.referrerPolicy);
    reply.header('x-frame-options', 'DENY');
  });
  scope.setErrorHandler((err, request, reply) => {
    const hubErr = toHubError(err, request.headers['accept-language']);
    logFailure(request, err, hubErr);
    if (hubErr.statusCode === 503) reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
    // a refusal (the role, a password still to change, another site's page: each said as what it is) in the staff member's words, with the way on
    if (hubErr.statusCode === 403) return sendRefusalPage(request, reply, hubErr);
    return sendHtml(reply, hubErr.statusCode, errorPage(hubErr.statusCode, hubErr.message));
  });
}
