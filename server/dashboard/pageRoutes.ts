import type { FastifyInstance } from 'fastify';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { dashboardPaths } from '../../shared/dashboard/api.js';
import { HubError, hubErrorCodes, parseOrThrow } from '../http/errors.js';

// The dashboard's pages: one app built by Vite into dist/dashboard (server/dashboard-app), served
// at /dashboard (the managers' working view), /dashboard/wall (the command centre's big screen)
// /dashboard/site/<id> (a township centre's page) and /dashboard/fleet (the terminals). Scripts and styles from the hub only, no
// inline code (the CSP below); the data comes from the JSON API, which checks who is asking.

const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const mediaTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/** dist/dashboard beside the running hub (dist/server/dashboard → dist/dashboard), else ./dist/dashboard. */
function builtApp(): string {
  const beside = fileURLToPath(new URL('../../dashboard', import.meta.url));
  return existsSync(join(beside, 'index.html')) ? beside : resolve('dist/dashboard');
}

export function registerDashboardPages(app: FastifyInstance, appDir = builtApp()): void {
  // Read on first request, then held in memory: a few files, and no request path touches the disk.
  let assets: Map<string, Buffer> | null = null;
  const load = (): Map<string, Buffer> => {
    if (assets) return assets;
    if (!existsSync(join(appDir, 'index.html'))) throw new HubError(503, hubErrorCodes.unavailable, 'The dashboard is not built (npm run build)');
    assets = new Map([['index.html', readFileSync(join(appDir, 'index.html'))]]);
    const dir = join(appDir, 'assets');
    if (existsSync(dir)) for (const name of readdirSync(dir)) assets.set(`assets/${name}`, readFileSync(join(dir, name)));
    return assets;
  };

  app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', DASHBOARD_CSP);
      reply.header('referrer-policy', 'same-origin');
      reply.header('x-frame-options', 'DENY');
    });
    const index = async (_req: unknown, reply: import('fastify').FastifyReply) => reply.type(mediaTypes['.html']!).send(load().get('index.html'));
    scope.get(dashboardPaths.page, index);
    scope.get(dashboardPaths.wall, index);
    scope.get(dashboardPaths.fleet, index);
    scope.get(`${dashboardPaths.sitePage}:siteId`, index);
    const Asset = z.strictObject({ name: z.string().regex(/^[A-Za-z0-9_.-]{1,120}$/) });
    scope.get(`${dashboardPaths.page}/assets/:name`, async (request, reply) => {
      const { name } = parseOrThrow(Asset, request.params, 'Path');
      const body = load().get(`assets/${name}`);
      if (!body) throw new HubError(404, hubErrorCodes.notFound, 'No such file');
      return reply
        .type(mediaTypes[extname(name)] ?? 'application/octet-stream')
        .header('cache-control', 'public, max-age=31536000, immutable') // names carry a content hash
        .send(body);
    });
  });
}
