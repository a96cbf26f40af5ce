import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import * as fs from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import { hubPaths } from '../../shared/hubProtocol.js';
import { CappedLogFile, DEFAULT_LOG_CAPS } from '../../shared/cappedLogFile.js';
import type { HubOptions, HubRoute } from '../hubOptions.js';
import { sendErrorPage } from '../web/page.js';
import { errorLogFields, installJsonErrors, sendJsonError } from './errors.js';
import { readTlsPair, tlsReloader } from './tlsCertificate.js';
import { installHsts, warnOnUnbelievedProxy } from './transport.js';

// The hub's one Fastify app before any feature plugs in: HTTP or HTTPS, the request log, JSON
// errors, the headers every answer carries, and the health check.

const BODY_LIMIT_BYTES = 256 * 1024;

const requestLogger = {
  level: 'info',
  serializers: {
    req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
};

export interface HubApp {
  app: FastifyInstance;
  /** Every route registered on `app`, as it is registered. */
  routes: HubRoute[];
  /** Reloads the certificate on the HTTPS server (null on plain HTTP). */
  tls: ReturnType<typeof tlsReloader> | null;
  /** The capped request log file (null: none, or stdout). */
  logFile: CappedLogFile | null;
}

export function createHubApp(options: Pick<HubOptions, 'logger' | 'logFile' | 'tls' | 'trustProxy'>, now: () => Date, busFaults: { report: (err: unknown) => void }): HubApp {
  const tlsFiles = options.tls;
  let httpsServer: HttpsServer | null = null;
  const logFile = options.logger && options.logFile ? new CappedLogFile(options.logFile.path, options.logFile.caps ?? DEFAULT_LOG_CAPS, fs) : null;
  const app = Fastify({
    logger: options.logger ? { ...requestLogger, ...(logFile ? { stream: { write: (line: string) => logFile.write(line) } } : {}) } : false,
    trustProxy: options.trustProxy ?? false,
    // HTTPS through a factory keeps one app type for both schemes; the certificate can then be reloaded on this server
    ...(tlsFiles
      ? {
          serverFactory: (handler: Parameters<typeof createHttpsServer>[1]) => {
            httpsServer = createHttpsServer(readTlsPair(tlsFiles), handler);
            return httpsServer;
          },
        }
      : {}),
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: 30_000, // a client trickling a body cannot hold a connection forever
    // close() must not wait on clients that keep a connection open (a console tab that has not
    // finished reading an attachment): kiosks retry, and intakes are idempotent.
    forceCloseConnections: true,
    frameworkErrors: (err, request, reply) => {
      sendJsonError(err, request, reply);
    },
  });
  const routes: HubRoute[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  busFaults.report = (err) => app.log.error(errorLogFields(err), 'notices between instances failed');
  app.removeContentTypeParser(['text/plain']); // only JSON on the API; the console adds forms
  installJsonErrors(app, sendErrorPage);
  installHsts(app);
  warnOnUnbelievedProxy(app);
  const tls = tlsFiles && httpsServer ? tlsReloader(httpsServer, tlsFiles, (err) => app.log.error(errorLogFields(err), 'TLS certificate reload failed')) : null;
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.get(hubPaths.health, async () => ({ ok: true, time: now().toISOString() }));
  return { app, routes, tls, logFile };
}
