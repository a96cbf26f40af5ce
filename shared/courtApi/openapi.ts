import { z } from 'zod';
import { CourtErrorBody } from './errors.js';
import { dashboardOpenApiRoutes, type DescribedRoute } from '../dashboard/openapiRoutes.js';
import { courtRoutes, type CourtRoute } from './routes.js';

// The OpenAPI 3.1 document of the court API, generated from the route table (./routes.ts) and the
// same zod schemas the hub validates with (zod 4's own JSON Schema conversion: OpenAPI 3.1 uses
// JSON Schema 2020-12). Requests are described as the hub accepts them (`io: 'input'`), answers as
// it sends them. A schema whose checks JSON Schema cannot say (transforms, refinements) is
// described by its shape; the hub still enforces it.

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', reused: 'inline' }) as Json;
  return rest;
}

/** Query and path parameters: one OpenAPI parameter per property of an object schema. */
function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const s = jsonSchema(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    schema: prop,
  }));
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function operation(name: string, route: CourtRoute): Json {
  const responses: Json = {};
  if (route.status === 204) responses['204'] = { description: 'Done' };
  else if (route.response && 'media' in route.response) {
    responses[String(route.status)] = { description: 'The bytes', content: { [route.response.media]: { schema: { type: 'string', format: 'binary' } } } };
  } else if (route.response) {
    responses[String(route.status)] = { description: 'OK', content: { 'application/json': { schema: jsonSchema(route.response, 'output') } } };
  }
  responses['400'] = errorResponse('Invalid input (error.issues names each field with an i18n key)');
  if (route.auth !== 'public') {
    responses['401'] = errorResponse('Not signed in, or the token is not accepted');
    responses['403'] = errorResponse('The role or scope does not allow it (audited as denied)');
  }
  if (route.params) responses['404'] = errorResponse('No such record (or not in the caller’s scope)');
  if (route.method !== 'GET') responses['409'] = errorResponse('Refused by the case rules, stale, or already exists; case actions carry the case as it is now');
  if (name === 'signIn') responses['429'] = errorResponse('Too many failed sign-ins: locked for Retry-After seconds');
  const op: Json = {
    operationId: name,
    summary: route.summary,
    tags: [route.tag],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    responses,
  };
  if (route.auth === 'public') op.security = [];
  else if (route.auth.ability) op['x-ability'] = route.auth.ability;
  if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
  return op;
}

/** A dashboard or fleet route (served outside the route table, described by the same schemas). */
function describedOperation(name: string, route: DescribedRoute): Json {
  const op: Json = {
    operationId: name,
    summary: route.summary,
    tags: ['dashboard'],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    'x-ability': route.ability,
    responses: {
      '200': { description: 'OK', content: Object.fromEntries(route.media.map((m) => [m, { schema: m === 'application/json' ? { type: 'object' } : { type: 'string' } }])) },
      '400': errorResponse('Invalid input (error.issues names each field with an i18n key)'),
      '401': errorResponse('Not signed in, or the token is not accepted'),
      '403': errorResponse('The role does not allow it, or a site viewer asked for another site (audited as denied)'),
    },
  };
  if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
  return op;
}

export function courtOpenApi(opts: { version: string; courtName: string }): Json {
  const paths: Record<string, Json> = {};
  for (const [name, route] of Object.entries(courtRoutes) as Array<[string, CourtRoute]>) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    (paths[path] ??= {})[route.method.toLowerCase()] = operation(name, route);
  }
  for (const [name, route] of Object.entries(dashboardOpenApiRoutes)) (paths[route.path] ??= {})[route.method.toLowerCase()] = describedOperation(name, route);
  return {
    openapi: '3.1.0',
    info: {
      title: `Court hub API — ${opts.courtName}`,
      version: opts.version,
      description:
        'Cases (a dispute’s life as an append-only event log), staff, sites and organisations, the audit log. ' +
        'Staff sign in with POST /api/v1/session (a session cookie); court systems send an API token as `Authorization: Bearer <token>`. ' +
        'Errors are `{ error: { code, message } }` with stable, i18n-able codes.',
    },
    servers: [{ url: '/' }],
    security: [{ sessionCookie: [] }, { apiToken: [] }],
    paths,
    components: {
      schemas: { Error: jsonSchema(CourtErrorBody, 'output') },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'hub_session' },
        apiToken: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
