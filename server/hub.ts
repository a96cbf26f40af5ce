import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { hubPaths } from '../shared/hubProtocol.js';
import { registerCaseStatusRoutes, type CaseStatusLimits } from './caseStatus/routes.js';
import { registerConsoleAttachmentRoutes } from './console/attachmentRoutes.js';
import { registerConsoleDetailRoutes } from './console/detailRoutes.js';
import { registerConsoleRoutes } from './console/routes.js';
import { openHubDatabase, type HubDatabase } from './db/database.js';
import { errorLogFields, installJsonErrors, sendJsonError } from './http/errors.js';
import { COURT_CODE_PATTERN } from './intake/caseNumber.js';
import { intakeReceiver } from './intake/ingest.js';
import { registerIntakeRoutes } from './intake/routes.js';
import { openIntakeStore, type IntakeStore } from './intake/store.js';
import { registerUploadRoutes } from './intake/uploadRoutes.js';
import { createUploadServer } from './intake/uploadServer.js';
import { registerPlaylist, type Playlist, type PlaylistOptions } from './playlist/register.js';
import { openCallRecords } from './signalling/callRecords.js';
import { deskDirectory } from './signalling/directory.js';
import { registerSignalling, type Signalling, type SignallingOptions } from './signalling/register.js';
import { ensureAdmin } from './staff/accounts.js';
import { staffSessions } from './staff/sessions.js';
import { openStaffStore, type StaffStore } from './staff/store.js';
import { registerTerminalRoutes } from './terminals/routes.js';
import { openTerminalStore, type TerminalStore } from './terminals/store.js';

// The court hub's composition root: it opens the database, each feature's store, and plugs each
// feature (server/<feature>/) into one Fastify app. Kiosks enroll, upload attachments (tus) and
// deliver intakes; court staff read them in the console, answer calls at the mediator desk and
// manage the playlist. Malformed requests of any kind get a 4xx, never a 5xx: a JSON
// `HubErrorBody` everywhere except the tus endpoint, which answers in the tus protocol's own terms,
// and the staff and status pages, which answer in HTML.

const BODY_LIMIT_BYTES = 256 * 1024;

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
  /** The hub's SQLite connection (tests read it directly). */
  db: HubDatabase;
  intakes: IntakeStore;
  terminals: TerminalStore;
  staff: StaffStore;
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

  const db = openHubDatabase(options.dataDir);
  const closeDb = () => {
    if (db.open) db.close();
  };
  const terminals = openTerminalStore(db);
  const intakes = openIntakeStore(db);
  const staff = openStaffStore(db);
  const calls = openCallRecords(db);
  let initialAdminPassword: string | null;
  try {
    initialAdminPassword = ensureAdmin(staff, options.adminPassword, now());
  } catch (err) {
    closeDb();
    throw err;
  }

  const app = Fastify({
    logger: options.logger ? requestLogger : false,
    bodyLimit: BODY_LIMIT_BYTES,
    requestTimeout: 30_000, // a client trickling a body cannot hold a connection forever
    // close() must not wait on clients that keep a connection open (a console tab that has not
    // finished reading an attachment): kiosks retry, and intakes are idempotent.
    forceCloseConnections: true,
    frameworkErrors: (err, request, reply) => {
      sendJsonError(err, request, reply);
    },
  });
  app.removeContentTypeParser(['text/plain']); // only JSON on the API; the console adds forms
  installJsonErrors(app);
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.get(hubPaths.health, async () => ({ ok: true, time: now().toISOString() }));
  registerTerminalRoutes(app, { terminals, enrollmentCode: options.enrollmentCode, now });
  const receiver = intakeReceiver({
    store: intakes,
    courtCode,
    now,
    beforeCommit: options.beforeIngestCommit,
    onListenerError: (err) => app.log.error({ errName: errorLogFields(err).errName }, 'intake listener failed'),
  });
  registerIntakeRoutes(app, { terminals, receiver });
  const uploadsDir = join(options.dataDir, 'uploads');
  const tus = createUploadServer({
    store: intakes,
    terminals,
    directory: uploadsDir,
    now,
    onFault: (err) => app.log.error(errorLogFields(err), 'upload failed'),
  });
  registerUploadRoutes(app, { tus });
  const sessions = staffSessions(staff, now);
  registerConsoleRoutes(app, { intakes, sessions, courtCode });
  registerConsoleAttachmentRoutes(app, { intakes, sessions, uploadsDir });
  registerConsoleDetailRoutes(app, { intakes, calls, sessions });
  registerCaseStatusRoutes(app, { terminals, intakes, calls, now, ...(options.caseStatusLimits ? { limits: options.caseStatusLimits } : {}) });
  const directory = deskDirectory(terminals, intakes);
  const signalling = registerSignalling(app, { terminals, staff, sessions, records: calls, directory, now }, options.signalling);
  // An intake the resident filed just before calling may reach the hub after the call was queued.
  receiver.onRecorded(({ submissionId }) => signalling.desk.intakeArrived(submissionId));
  const playlist = registerPlaylist(app, { db, terminals, sessions, dataDir: options.dataDir, now }, options.playlist);

  let closed = false;
  return {
    app,
    db,
    intakes,
    terminals,
    staff,
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
        closeDb();
      }
    },
  };
}
