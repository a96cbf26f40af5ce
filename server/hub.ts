import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { hubPaths } from '../shared/hubProtocol.js';
import { COURT_CODE_PATTERN } from './caseNumber.js';
import { installJsonErrors, sendJsonError } from './errors.js';
import { intakeReceiver } from './intakeIngest.js';
import { registerConsoleRoutes } from './routes/console.js';
import { registerConsoleAttachmentRoutes } from './routes/consoleAttachments.js';
import { registerCaseStatusRoutes, type CaseStatusLimits } from './routes/caseStatus.js';
import { registerConsoleDetailRoutes } from './routes/consoleDetail.js';
import { registerIntakeRoutes } from './routes/intakes.js';
import { registerTerminalRoutes } from './routes/terminals.js';
import { registerUploadRoutes } from './routes/uploads.js';
import { ensureAdmin, staffSessions } from './staffAuth.js';
import { openHubStore, type HubStore } from './store.js';
import { registerSignalling, type Signalling, type SignallingOptions } from './signalling/register.js';
import { registerPlaylist, type Playlist, type PlaylistOptions } from './playlist/register.js';
import { createUploadServer } from './uploads.js';

// The court hub: kiosks enroll, upload attachments (tus) and deliver intakes here; court staff
// read them in the console. Malformed requests of any kind get a 4xx, never a 5xx: a JSON
// `HubErrorBody` everywhere except the tus endpoint, which answers in the tus protocol's own terms.

export const BODY_LIMIT_BYTES = 256 * 1024;

export interface HubOptions {
  /** Directory of the hub's SQLite file (`hub.sqlite`) and of `uploads/` (attachment files); created if missing. */
  dataDir: string;
  /** Shared secret a kiosk presents once to enroll (8–200 characters). */
  enrollmentCode: string;
  /** Court code in case numbers, e.g. GS0102 (default). Upper-case letters and digits. */
  courtCode?: string;
  /** Password (8–200 chars) of the `admin` console account, used only when that account is first created. */
  adminPassword?: string;
  now?: () => Date;
  /** Log method, URL and status of each request (never bodies). Off by default. */
  logger?: boolean;
  /** Video calls: ICE/TURN servers, grace periods, where the mediator console is built. */
  signalling?: SignallingOptions;
  /** Legal-education playlist: where its default content is (assets/playlist by default). */
  playlist?: PlaylistOptions;
  /** "Check my case" rate limits (tests lower them). */
  caseStatusLimits?: Partial<CaseStatusLimits>;
  /** Test seam: awaited while an intake's key is in progress, just before its transaction. */
  beforeIngestCommit?: (submissionId: string) => void | Promise<void>;
}

export interface Hub {
  app: FastifyInstance;
  store: HubStore;
  /** The generated admin password if this start created the admin account without one; else null. */
  initialAdminPassword: string | null;
  /** The video link: call desk and call records (server/signalling). */
  signalling: Signalling;
  /** The legal-education playlist (server/playlist). */
  playlist: Playlist;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

const requestLogger = {
  level: 'info',
  serializers: {
    req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
};

export function createHub(options: HubOptions): Hub {
  const courtCode = options.courtCode ?? 'GS0102';
  const now = options.now ?? (() => new Date());
  if (!COURT_CODE_PATTERN.test(courtCode)) throw new Error('courtCode must be 2–16 upper-case letters or digits');
  if (options.enrollmentCode.length < 8 || options.enrollmentCode.length > 200) {
    throw new Error('enrollmentCode must be 8–200 characters');
  }
  if (options.adminPassword !== undefined && (options.adminPassword.length < 8 || options.adminPassword.length > 200)) {
    throw new Error('adminPassword must be 8–200 characters');
  }

  const store = openHubStore(options.dataDir);
  let initialAdminPassword: string | null;
  try {
    initialAdminPassword = ensureAdmin(store, options.adminPassword, now());
  } catch (err) {
    store.close();
    throw err;
  }

  const app = Fastify({
    logger: options.logger ? requestLogger : false,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: 30_000, // a client trickling a body cannot hold a connection forever
    // close() must not wait on clients that keep a connection open (a console tab that has not
    // finished reading an attachment): kiosks retry, and intakes are idempotent.
    forceCloseConnections: true,
    frameworkErrors: (err, request, reply) => sendJsonError(err, request, reply),
  });
  app.removeContentTypeParser(['text/plain']); // only JSON on the API; the console adds forms
  installJsonErrors(app);
  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });

  app.get(hubPaths.health, async () => ({ ok: true, time: now().toISOString() }));
  registerTerminalRoutes(app, { store, enrollmentCode: options.enrollmentCode, now });
  const receiver = intakeReceiver({ store, courtCode, now, beforeCommit: options.beforeIngestCommit });
  registerIntakeRoutes(app, { store, receiver });
  const uploadsDir = join(options.dataDir, 'uploads');
  const tus = createUploadServer({
    store,
    directory: uploadsDir,
    now,
    onFault: (err) => {
      const e = err as { name?: unknown; code?: unknown; status_code?: unknown };
      app.log.error({ errName: String(e?.name), errCode: String(e?.code ?? e?.status_code ?? '') }, 'upload failed');
    },
  });
  registerUploadRoutes(app, { tus });
  const sessions = staffSessions(store, now);
  registerConsoleRoutes(app, { store, sessions, courtCode });
  registerConsoleAttachmentRoutes(app, { store, sessions, uploadsDir });
  registerConsoleDetailRoutes(app, { store, sessions });
  registerCaseStatusRoutes(app, { store, now, ...(options.caseStatusLimits ? { limits: options.caseStatusLimits } : {}) });
  const signalling = registerSignalling(app, store, now, options.signalling);
  const playlist = registerPlaylist(app, { store, sessions, dataDir: options.dataDir, now }, options.playlist);

  let closed = false;
  return {
    app,
    store,
    initialAdminPassword,
    signalling,
    playlist,
    async listen(port = 0, host = '127.0.0.1') {
      return app.listen({ port, host });
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await app.close();
      } finally {
        store.close();
      }
    },
  };
}
