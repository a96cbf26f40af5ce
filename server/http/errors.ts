import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CourtErrorCode } from '../../shared/courtApi/errors.js';
import { ATTACHMENTS_INCOMPLETE, type HubErrorBody } from '../../shared/hubProtocol.js';
import type { FieldIssue } from '../../shared/result.js';
import { isDatabaseUnavailable } from '../db/failures.js';

// Every refusal the hub gives is a 4xx with a JSON `HubErrorBody`. A 5xx means a bug in the hub,
// never a bad request: Fastify's own errors (bad JSON, wrong media type, oversized body, bad URL)
// are mapped to 4xx here, and nothing about the request body is ever logged. The one expected 5xx
// is 503 UNAVAILABLE with Retry-After while the database cannot answer (server/db/failures.ts):
// the client retries, and the hub recovers by itself when the database returns.

/** How long a client should wait before retrying when the database is unavailable. */
export const DATABASE_RETRY_AFTER_S = 5;

/** Error codes the hub answers with (`HubErrorBody.error.code`). */
export const hubErrorCodes = {
  invalidInput: 'INVALID_INPUT', // body or header failed its schema; `issues` says where
  tooLarge: 'TOO_LARGE',
  unsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  unauthorized: 'UNAUTHORIZED', // missing or unknown credential / session
  forbidden: 'FORBIDDEN', // credential understood but refused (e.g. wrong enrollment code)
  crossSite: 'CROSS_SITE', // a staff request from another site's page (403): not the role's refusal
  notFound: 'NOT_FOUND',
  idempotencyKeyMissing: 'IDEMPOTENCY_KEY_MISSING',
  idempotencyKeyMismatch: 'IDEMPOTENCY_KEY_MISMATCH', // header ≠ body.submissionId
  idempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED', // same key, different request (422)
  inProgress: 'IN_PROGRESS', // same key still being processed (409)
  attachmentsIncomplete: ATTACHMENTS_INCOMPLETE, // listed attachments not (yet) verified (409, `missing`)
  methodNotAllowed: 'METHOD_NOT_ALLOWED',
  wrongPassword: 'WRONG_PASSWORD', // a counter sign-in's username or password is wrong (401; UNAUTHORIZED is the terminal's credential)
  notCounterStaff: 'NOT_COUNTER_STAFF', // a counter sign-in by someone who is not counter staff of the terminal's site (403)
  terminalWithoutSite: 'TERMINAL_WITHOUT_SITE', // a counter sign-in at a terminal the court has not placed (403)
  counterEntryUnknown: 'COUNTER_ENTRY_UNKNOWN', // an intake names a counter sign-in this terminal never made (422)
  agreementChanged: 'AGREEMENT_CHANGED', // a kiosk signature for a draft that is no longer the one being signed (422)
  codeLocked: 'CODE_LOCKED', // a meeting code locked by wrong names or ID endings: only a new code helps (410)
  unavailable: 'UNAVAILABLE',
  internal: 'INTERNAL',
} as const;
/** The kiosk protocol's codes and the court API's (shared/courtApi/errors.ts). */
export type HubErrorCode = (typeof hubErrorCodes)[keyof typeof hubErrorCodes] | CourtErrorCode;

export class HubError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: HubErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    /** Extra machine-readable fields of `error`, e.g. `missing` for ATTACHMENTS_INCOMPLETE. */
    readonly details?: { missing?: string[]; case?: unknown; date?: string },
    /** Seconds to wait (429): sent as Retry-After. */
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = 'HubError';
  }
}

export type HubErrorPayload = HubErrorBody & { error: { issues?: FieldIssue[]; missing?: string[]; case?: unknown; date?: string } };

export function errorBody(err: HubError): HubErrorPayload {
  const error: HubErrorPayload['error'] = { code: err.code, message: err.message, ...err.details };
  if (err.issues && err.issues.length > 0) error.issues = err.issues;
  return { error };
}

/** Parses `value` with `schema` or throws a 400 listing field paths and i18n keys (never values). */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 20).map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  throw new HubError(400, hubErrorCodes.invalidInput, `${what} is not valid`, issues);
}

const fastifyCodes: Record<string, [number, HubErrorCode, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, hubErrorCodes.unsupportedMediaType, 'Unsupported Content-Type'],
  FST_ERR_CTP_INVALID_CONTENT_TYPE: [415, hubErrorCodes.unsupportedMediaType, 'Unsupported Content-Type'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, hubErrorCodes.tooLarge, 'Request body is too large'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, hubErrorCodes.invalidInput, 'Body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, hubErrorCodes.invalidInput, 'Body is empty'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, hubErrorCodes.invalidInput, 'Content-Length does not match the body'],
  FST_ERR_BAD_URL: [400, hubErrorCodes.invalidInput, 'Malformed URL'],
  FST_ERR_MAX_PARAM_LENGTH: [414, hubErrorCodes.invalidInput, 'URL is too long'],
  FST_ERR_ASYNC_CONSTRAINT: [400, hubErrorCodes.invalidInput, 'Request could not be routed'],
};

// A database outage is the one 5xx a person may read (a console, a status page, a counter's
// screen), and a file missing from the files folder the one 404 a clerk cannot fix by typing
// again, so their messages are said in the language the request asks for (Accept-Language),
// Chinese unless English is preferred; clients still act on the code and Retry-After alone.
type Said = { readonly 'zh-CN': string; readonly en: string };
const DATABASE_UNAVAILABLE: Said = {
  'zh-CN': '法院服务暂时无法连接数据库，请稍后重试',
  en: 'The court hub cannot reach its database; retry later',
};
const FILE_MISSING: Said = {
  'zh-CN': '这份文件在法院服务的文件夹中找不到。已记入日志，请联系信息技术人员从备份中恢复。',
  en: 'This file is missing from the court hub’s files folder. It has been logged: ask IT to restore it from the backup.',
};

/** The outage message in the first of zh / en that `acceptLanguage` prefers (zh-CN by default). */
export const databaseUnavailableMessage = (acceptLanguage?: string | string[]): string => inPreferredLanguage(DATABASE_UNAVAILABLE, acceptLanguage);

/** The missing-file message, the same way. */
export const fileMissingMessage = (acceptLanguage?: string | string[]): string => inPreferredLanguage(FILE_MISSING, acceptLanguage);

function inPreferredLanguage(said: Said, acceptLanguage?: string | string[]): string {
  const ranked = [acceptLanguage ?? '']
    .flat()
    .join(',')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? '1',
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((l) => l.q > 0 && (l.tag.startsWith('zh') || l.tag.startsWith('en')))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag.startsWith('en') ? said.en : said['zh-CN'];
}

/**
 * A file the database names is not in the files folder (lost, or not restored with the database):
 * the file system's ENOENT. Not a socket's (PostgreSQL's unix socket absent is an outage) nor a
 * program's (`spawn ffmpeg ENOENT` is the hub's own fault).
 */
export function isMissingFile(err: unknown): err is Error & { code: 'ENOENT'; path: string } {
  const e: { code?: unknown; syscall?: unknown; path?: unknown } = typeof err === 'object' && err !== null ? err : {};
  return e.code === 'ENOENT' && typeof e.path === 'string' && e.syscall !== 'connect' && !String(e.syscall).startsWith('spawn');
}

/** Maps anything thrown while handling a request to a HubError. Unknown failures stay 500. */
export function toHubError(err: unknown, acceptLanguage?: string | string[]): HubError {
  if (err instanceof HubError) return err;
  const fe = err as Partial<FastifyError> | null;
  const known = fe?.code ? fastifyCodes[fe.code] : undefined;
  if (known) return new HubError(known[0], known[1], known[2]);
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status === 413) return new HubError(413, hubErrorCodes.tooLarge, 'Request body is too large');
  if (status === 415) return new HubError(415, hubErrorCodes.unsupportedMediaType, 'Unsupported Content-Type');
  if (status >= 400 && status < 500) {
    // Fastify's own 4xx (e.g. a JSON parse error from secure-json-parse). Its message is about
    // syntax, not data; still, keep the text generic so no fragment of a body is echoed back.
    return new HubError(status, hubErrorCodes.invalidInput, 'Request was not understood');
  }
  if (isMissingFile(err)) return new HubError(404, hubErrorCodes.notFound, fileMissingMessage(acceptLanguage));
  if (isDatabaseUnavailable(err)) return new HubError(503, hubErrorCodes.unavailable, databaseUnavailableMessage(acceptLanguage));
  if (status === 503) return new HubError(503, hubErrorCodes.unavailable, 'Hub is shutting down');
  return new HubError(500, hubErrorCodes.internal, 'Internal error');
}

/** What a log may say about an error: its name and code, never its message (it can quote personal data). */
export function errorLogFields(err: unknown): { errName: string; errCode: string } {
  const e: { name?: unknown; code?: unknown; status_code?: unknown } = typeof err === 'object' && err !== null ? err : {};
  const scalar = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  return { errName: scalar(e.name) ?? typeof err, errCode: scalar(e.code ?? e.status_code) ?? '' };
}

/**
 * Logs what the IT clerk must know of a failed request: a 5xx by its error's name and code, a
 * file missing from the files folder with its path (ids, never personal data) to restore it.
 */
export function logFailure(request: FastifyRequest, err: unknown, hubErr: HubError): void {
  if (isMissingFile(err)) request.log.error({ ...errorLogFields(err), file: err.path }, 'a file the database names is missing from the files folder: restore it from the backup');
  else if (hubErr.statusCode >= 500) request.log.error(errorLogFields(err), 'request failed');
}

/** Sends `err` as JSON, logging only its code for 5xx (never the request body). */
export function sendJsonError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const hubErr = toHubError(err, request.headers['accept-language']);
  logFailure(request, err, hubErr);
  if (hubErr.statusCode === 401) reply.header('www-authenticate', 'Bearer');
  if (hubErr.retryAfterS !== undefined) reply.header('retry-after', String(hubErr.retryAfterS));
  if (hubErr.code === hubErrorCodes.inProgress || hubErr.code === hubErrorCodes.attachmentsIncomplete) reply.header('retry-after', '1');
  if (hubErr.statusCode === 503) reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
  return reply.code(hubErr.statusCode).type('application/json; charset=utf-8').send(errorBody(hubErr));
}

/** Draws an error as an HTML page (server/web/page.ts), for a person who opened an API link in a browser. */
export type ErrorPage = (reply: FastifyReply, err: HubError) => FastifyReply;

/**
 * JSON errors for every route and every unknown route. A browser that opened an API link (the
 * console's link to a case document) to a file missing from the files folder gets `page` instead
 * of JSON text, so the clerk reads what happened in their language.
 */
export function installJsonErrors(app: FastifyInstance, page?: ErrorPage): void {
  app.setErrorHandler((err, request, reply) => {
    if (!page || !isMissingFile(err) || !(request.headers.accept ?? '').includes('text/html')) return sendJsonError(err, request, reply);
    const hubErr = toHubError(err, request.headers['accept-language']);
    logFailure(request, err, hubErr);
    return page(reply, hubErr);
  });
  app.setNotFoundHandler((request, reply) => sendJsonError(new HubError(404, hubErrorCodes.notFound, 'No such endpoint'), request, reply));
}
