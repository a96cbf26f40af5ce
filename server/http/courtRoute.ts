import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { courtRoutes, type CourtRoute, type CourtRouteName } from '../../shared/courtApi/routes.js';
import type { AuditStore } from '../audit/auditStore.js';
import type { DbScope } from '../db/engine.js';
import type { StaffAuthenticator, StaffPrincipal } from '../staff/principal.js';
import { holdToAbility } from '../staff/staffGate.js';
import { refuseCrossSite } from '../web/sameOrigin.js';
import { HubError, parseOrThrow } from './errors.js';

// Serving a route of the court API's table (shared/courtApi/routes.ts): the caller is
// authenticated (401), checked for the route's ability (403, audited as denied), made to change a
// reset password first (403: server/staff/staffGate.ts); parameters, query and body are parsed with the route's own
// schemas (400 naming each field); the handler gets them typed. Cookie-borne writes must come from
// the hub's own origin.

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;
type RouteOf<N extends CourtRouteName> = (typeof courtRoutes)[N];

export interface CourtRequest<N extends CourtRouteName> {
  params: Parsed<RouteOf<N> extends { params: infer P } ? P : undefined>;
  query: Parsed<RouteOf<N> extends { query: infer Q } ? Q : undefined>;
  body: Parsed<RouteOf<N> extends { body: infer B } ? B : undefined>;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface CourtRouteDeps {
  scope: DbScope;
  authenticate: StaffAuthenticator;
  audit: AuditStore;
}

/** Routes a staff member who must change their password may still use. */
const whileMustChange = new Set<CourtRouteName>(['session', 'signOut', 'changePassword']);

export type CourtHandler<N extends CourtRouteName> = (input: CourtRequest<N>, principal: RouteOf<N>['auth'] extends 'public' ? null : StaffPrincipal) => Promise<unknown>;

export function serveCourtRoute<N extends CourtRouteName>(app: FastifyInstance, deps: CourtRouteDeps, name: N, handler: CourtHandler<N>): void {
  const route: CourtRoute = courtRoutes[name];
  app.route({
    method: route.method,
    url: route.path,
    ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
    handler: async (request, reply) => {
      let principal: StaffPrincipal | null = null;
      if (route.auth !== 'public') {
        principal = await deps.authenticate(deps.scope, request);
        if (!principal) throw new HubError(401, 'UNAUTHORIZED', 'Sign in, or send an API token');
        if (principal.via === 'session' && route.method !== 'GET') refuseCrossSite(request);
        await holdToAbility(deps, principal, route.auth.ability, `api.${name}`, whileMustChange.has(name));
      }
      const input = {
        params: route.params ? parseOrThrow(route.params, request.params, 'Path') : undefined,
        query: route.query ? parseOrThrow(route.query, request.query ?? {}, 'Query') : undefined,
        body: route.body ? parseOrThrow(route.body, request.body, 'Body') : undefined,
        request,
        reply,
      } as CourtRequest<N>;
      const result = await handler(input, principal as never);
      if (reply.sent) return reply;
      if (route.status === 204) return reply.code(204).send();
      // A media route answering part of a file (HTTP Range) sets 206 itself.
      return reply.code(reply.statusCode === 206 ? 206 : route.status).send(result);
    },
  });
}
