import type { FastifyInstance, FastifyRequest } from 'fastify';

// How a client reached the hub: over HTTPS directly, or through a reverse proxy the hub was told
// to trust (HUB_TRUST_PROXY). Fastify answers `request.protocol` and `request.ip` from the proxy's
// X-Forwarded-Proto / X-Forwarded-For only when the proxy is trusted; everything here reads those.

/** Whom the hub believes about X-Forwarded-*: nobody (false), every peer (true), or these addresses/CIDRs. */
export type ProxyTrust = boolean | string[];

/** HUB_TRUST_PROXY: unset/`false`/`0` → false; `true` → every peer; else a comma list of the proxies' addresses or CIDRs. */
export function parseProxyTrust(value: string | undefined): ProxyTrust {
  const v = (value ?? '').trim();
  if (v === '' || v === 'false' || v === '0') return false;
  if (v === 'true') return true;
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (list.some((s) => !/^[0-9A-Fa-f.:]+(\/\d{1,3})?$/.test(s))) throw new Error('HUB_TRUST_PROXY must be true, false, or a comma list of addresses/CIDRs');
  return list;
}

export function reachedOverHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** A Set-Cookie value marked Secure when the client came over HTTPS (cookies made by an inner request). */
export function secureCookieFor(request: FastifyRequest, cookie: string): string {
  return reachedOverHttps(request) && !/;\s*Secure(;|$)/i.test(cookie) ? `${cookie}; Secure` : cookie;
}

/** One year, subdomains excluded: a court's other hosts on the same domain may still be plain HTTP. */
export const HSTS = 'max-age=31536000';

/** Strict-Transport-Security on every answer to a client that came over HTTPS. */
export function installHsts(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reachedOverHttps(request)) reply.header('strict-transport-security', HSTS);
    return payload;
  });
}

/**
 * Says once, in the hub's log, that requests arrive with X-Forwarded-For the hub does not believe:
 * a reverse proxy HUB_TRUST_PROXY does not name makes every phone behind it one client, so one
 * resident's wrong guesses lock out all the others and the audit names the proxy. No address is
 * logged (the peer may be a resident's phone).
 */
export function warnOnUnbelievedProxy(app: FastifyInstance): void {
  let said = false;
  app.addHook('onRequest', async (request) => {
    if (said || request.headers['x-forwarded-for'] === undefined || request.ip !== request.socket.remoteAddress) return;
    said = true;
    request.log.warn('requests carry X-Forwarded-For from a peer HUB_TRUST_PROXY does not name: every client behind that proxy counts as one (rate limits, audit); name the proxy in HUB_TRUST_PROXY');
  });
}
