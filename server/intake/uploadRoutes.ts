import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { UploadServer } from './uploadServer.js';
import { hubPaths } from '../../shared/hubProtocol.js';
import { errorLogFields, HubError, hubErrorCodes } from '../http/errors.js';

// /api/v1/uploads — the tus endpoint inside Fastify. Its own scope accepts any body without
// reading it (tus streams the raw request to disk itself), and each request is handed over to
// @tus/server with the reply hijacked, once its terminal credential is accepted (401 before any of
// tus's own checks: a caller without one learns nothing of the protocol's state; the preflight,
// OPTIONS, needs none). Uploads cannot be read back here (no GET): court staff
// see attachments through the console, terminals never see anything they sent.

export interface UploadRoutesOptions {
  uploads: UploadServer;
}

export function registerUploadRoutes(app: FastifyInstance, opts: UploadRoutesOptions): void {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    const notHere = async (request: FastifyRequest) => {
      const what = request.method === 'GET' ? 'Uploads cannot be read back' : `${request.method} is not a tus request here`;
      throw new HubError(405, hubErrorCodes.methodNotAllowed, what);
    };
    const toTus = async (request: FastifyRequest, reply: FastifyReply) => {
      if (request.method !== 'OPTIONS' && !(await opts.uploads.admit(request.raw))) {
        throw new HubError(401, hubErrorCodes.unauthorized, 'Terminal credential missing or not accepted');
      }
      reply.hijack();
      const res = reply.raw;
      // The app's onSend hook does not run for hijacked replies; set its headers here.
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('cache-control', 'no-store');
      try {
        await opts.uploads.tus.handle(request.raw, res);
      } catch (error) {
        request.log.error(errorLogFields(error), 'upload request failed');
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Internal error\n');
        else res.destroy();
      }
    };

    // Creation happens on the collection only; an upload's own URL takes the other tus methods.
    const one = `${hubPaths.uploads}/*`;
    scope.route({ method: ['POST', 'OPTIONS'], url: hubPaths.uploads, handler: toTus });
    scope.route({ method: ['GET', 'HEAD', 'PATCH', 'DELETE'], url: hubPaths.uploads, handler: notHere, exposeHeadRoute: false });
    scope.route({ method: ['HEAD', 'PATCH', 'DELETE', 'OPTIONS'], url: one, handler: toTus, exposeHeadRoute: false });
    scope.route({ method: ['GET', 'POST'], url: one, handler: notHere, exposeHeadRoute: false });
  });
}
