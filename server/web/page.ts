import type { FastifyInstance, FastifyReply } from 'fastify';
import { DATABASE_RETRY_AFTER_S, logFailure, toHubError, hubErrorCodes, type HubError } from '../http/errors.js';
import { changePasswordLink, refusalSaid } from '../../shared/courtApi/refusalWords.js';
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

/** A form posted from another site's page (or through a proxy that rewrites Host or Origin): nothing done, and why. */
function crossSitePage(): string {
  return page(
    '403',
    `<main class="login">
<h1>${bi('这个请求不是从本系统的页面发出的，已拒绝。', 'This request did not come from this hub’s own pages, so it was refused.')}</h1>
<p>${bi('没有保存任何内容。请从本系统的地址打开工作台后再试；如果一直如此，请联系信息技术人员。', 'Nothing was saved. Open the console at this hub’s own address and try again; if it keeps happening, call IT.')}</p>
<p><a href="/console">${bi('返回工作台', 'Back to the console')}</a></p>
</main>`,
  );
}

/**
 * A staff page refused (a role that may not, a case outside the caller's part of the court): the
 * court API's words for the refusal (shared/courtApi/refusalWords.ts), in both languages, and the
 * way back to the console. `write`: whether the refused request would have saved something.
 */
export function sendRefusalPage(reply: FastifyReply, err: HubError, write: boolean): FastifyReply {
  const said = refusalSaid(err.statusCode, err.code, { write });
  const next = said.kind === 'password' ? `<p><a href="/console/password">${bi(changePasswordLink.zh, changePasswordLink.en)}</a></p>\n` : '';
  const body = `<main class="login">
<h1>${bi(said.failed.zh, said.failed.en)}</h1>
<p>${bi(said.advice.zh, said.advice.en)}</p>
${next}<p><a href="/console">${bi('返回工作台', 'Back to the console')}</a></p>
</main>`;
  return sendHtml(reply, err.statusCode, page(`${err.statusCode}`, body));
}

/** An error as the error page, outside a page scope (an API link a browser opened): its own strict CSP. */
export function sendErrorPage(reply: FastifyReply, err: HubError): FastifyReply {
  reply.header('content-security-policy', "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
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
    // a request from another site's page is no refusal of the role: said as what it is
    if (hubErr.code === hubErrorCodes.crossSite) return sendHtml(reply, 403, crossSitePage());
    // a refusal (the role, a password still to change) in the staff member's words, with the way on
    if (hubErr.statusCode === 403) return sendRefusalPage(reply, hubErr, request.method !== 'GET' && request.method !== 'HEAD');
    return sendHtml(reply, hubErr.statusCode, errorPage(hubErr.statusCode, hubErr.message));
  });
}
