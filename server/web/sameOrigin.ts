import type { FastifyRequest } from 'fastify';
import { HubError, hubErrorCodes } from '../http/errors.js';

// Cross-site requests carrying a staff member's cookie are refused (defence in depth next to the
// SameSite=Strict cookie): an `Origin` must name this hub's own host.

/** True when `origin` is an http(s) origin on `host` (a browser sends Origin on these requests). */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === host;
  } catch {
    return false;
  }
}

/** Throws 403 for a request from another site. Without `required`, a request with no Origin passes (forms in older browsers). */
export function refuseCrossSite(request: FastifyRequest, opts: { required?: boolean } = {}): void {
  const origin = request.headers.origin;
  if (origin === undefined && !opts.required) return;
  if (!sameOrigin(origin, request.host)) throw new HubError(403, hubErrorCodes.crossSite, 'Cross-site request refused');
}
