import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import * as fs from 'node:fs';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { COURT_CODE, defaultCourt } from '../shared/cases/caseNumber.js';
import { hubPaths } from '../shared/hubProtocol.js';
import { CappedLogFile, DEFAULT_LOG_CAPS, type LogCaps } from '../shared/cappedLogFile.js';
import { adminPinStore } from './terminals/adminPin.js';
import { registerAdminPinRoutes } from './terminals/adminPinRoutes.js';
import { readTlsPair, tlsReloader, type TlsFiles } from './http/tlsCertificate.js';
import { installHsts, type ProxyTrust } from './http/transport.js';
import { DEFAULT_THRESHOLDS, type FleetThresholds } from '../shared/terminals/terminalHealth.js';
import type { CaseStore } from './cases/caseStore.js';
import { aggregateListener } from './dashboard/aggregates.js';
import { figureChanges } from './dashboard/figureChanges.js';
import { sharedFigureChanges } from './dashboard/sharedFigureChanges.js';
import { registerDashboardPages } from './dashboard/pageRoutes.js';
import { registerDashboardRoutes } from './dashboard/routes.js';
import { dashboardAccess } from './dashboard/dashboardAccess.js';
import { registerTrendRoutes } from './dashboard/trendRoutes.js';
import { registerHelpRequestFigures } from './dashboard/helpRequestRoutes.js';
import { scanWarnings } from './dashboard/warningScan.js';
import { courtDay } from '../shared/courtTime.js';
import { BACKUP_DIR, DEFAULT_BACKUP_POLICY, scheduleBackups, type BackupPolicy, type BackupSchedule } from './backup/sqliteBackup.js';
import { registerCaseStatusRoutes, type CaseStatusLimits } from './caseStatus/routes.js';
import { registerKioskSigningRoutes } from './agreements/kioskSigningRoutes.js';
import { registerConsoleAttachmentRoutes } from './console/attachmentRoutes.js';
import { registerConsoleDetailRoutes } from './console/detailRoutes.js';
import { registerConsoleRoutes } from './console/routes.js';
import { caseOfIntake } from './cases/intakeReceipt.js';
import { entryStands } from './counter/counterRules.js';
import { registerCounterRoutes } from './counter/counterRoutes.js';
import { counterSignInStore } from './counter/counterSignInStore.js';
import { registerCourtApi, type CourtApi } from './courtApi/register.js';
import { localBus, type HubBus } from './bus/hubBus.js';
import { postgresBus } from './bus/postgresBus.js';
import { postgresRelay } from './cluster/pgRelay.js';
import { openHubDatabase, type HubDb } from './db/database.js';
import { folderDocuments } from './documents/documentStore.js';
import { errorLogFields, installJsonErrors, sendJsonError } from './http/errors.js';
import { intakeReceiver } from './intake/ingest.js';
import { registerIntakeRoutes } from './intake/routes.js';
import { applicationSeal, openIntakeStore, type IntakeStore } from './intake/store.js';
import { registerUploadRoutes } from './intake/uploadRoutes.js';
import { createUploadServer } from './intake/uploadServer.js';
import { notificationOutbox } from './notifications/outbox.js';
import { smsGateway, type SmsGatewayConfig } from './notifications/smsGateway.js';
import { loadDataKey } from './personalData/dataKey.js';
import { verifyDataKey } from './personalData/keyCheck.js';
import { openVault } from './personalData/vault.js';
import { registerPlaylist, type Playlist, type PlaylistOptions } from './playlist/register.js';
import { openCallRecords } from './signalling/callRecords.js';
import { deskDirectory } from './signalling/directory.js';
import { hearingRecords } from './hearing/hearingRecords.js';
import { hearingRecordStore } from './hearing/recordStore.js';
import { recordSigning } from './hearing/recordSigning.js';
import { signingStore } from './hearing/signingStore.js';
import { findDocumentFont } from './documents/documentPdf.js';
import { sendErrorPage } from './web/page.js';
import { registerSignalling, type Signalling, type SignallingOptions } from './signalling/register.js';
import { roomLog, type RoomScene } from './rooms/roomLog.js';
import { callSessions } from './rooms/callSessions.js';
import { callTickets, callTicketKey } from './caseStatus/callTickets.js';
import { DEFAULT_RECORDING_RETENTION_DAYS, ffmpegRuns, Recordings } from './sfu/recordings.js';
import { registerRecordingRoutes } from './sfu/recordingRoutes.js';
import { recordingKey } from './sfu/recordingSeal.js';
import { recordingStore } from './sfu/recordingStore.js';
import type { Sfu } from './sfu/sfu.js';
import { guestPasses } from './rooms/guestPasses.js';
import { clearDeadRunWork } from './files/deadRunWork.js';
import { hubFiles, type HubFiles } from './files/hubFiles.js';
import { checkSharedFolder } from './files/sharedFolder.js';
import { deskCalls, recordedCalls } from './rooms/openCalls.js';
import { invitationStore } from './rooms/invitationStore.js';
import { registerRoomRoutes } from './rooms/roomRoutes.js';
import { joinLimits, terminalJoin } from './rooms/terminalJoin.js';
import { HALL_SITE_ID, seedCourtStructure } from './sites/courtDefaults.js';
import { applyAdminPassword, ensureAdmin } from './staff/accounts.js';
import { seedDefaultAccounts } from './staff/defaultAccounts.js';
import { staffAuthenticator } from './staff/principal.js';
import { staffSessions } from './staff/sessions.js';
import { openStaffStore, type StaffStore } from './staff/store.js';
import { fleetStore, type FleetStore } from './terminals/fleetStore.js';
import { registerFleetRoutes, watchFleet } from './terminals/fleetRoutes.js';
import { registerFleetAdminRoutes } from './terminals/fleetAdminRoutes.js';
import { registerCrashReportRoutes } from './terminals/crashReportRoutes.js';
import { crashReportStore } from './terminals/crashReportStore.js';
import { registerTerminalListRoutes } from './terminals/terminalListRoutes.js';
import { registerCaseDeskRoutes } from './cases/caseDeskRoutes.js';
import { registerHelpRequestRoutes } from './terminals/helpRequestRoutes.js';
import { helpRequestStore } from './terminals/helpRequestStore.js';
import { registerTerminalRoutes } from './terminals/routes.js';
import { attemptStore } from './rateLimit/attemptStore.js';
import { registerEnrollmentRoutes } from './terminals/enrollmentRoutes.js';
import { enrollmentStore } from './terminals/enrollmentStore.js';
import { openTerminalStore, type TerminalStore } from './terminals/store.js';
import { registerKioskUpdates, type KioskUpdates } from './updates/register.js';
import { registerReleasePages } from './console/releasePageRoutes.js';
import { registerHelpRequestPage } from './console/helpRequestPage.js';
import { registerTerminalListPage } from './console/terminalListPage.js';
import { registerReferenceCases } from './referenceCases/register.js';
import { registerGuidanceRoutes } from './guidance/guidanceRoutes.js';
import { publishedReferenceCase } from './guidance/publishedReferenceCase.js';

// The court hub's composition root: it opens the database (SQLite or PostgreSQL, server/db/), each
// feature's store on it, and plugs each feature (server/<feature>/) into one Fastify app. Kiosks enroll, upload attachments (tus) and
// deliver intakes; court staff read them in the console, answer calls at the mediator desk and
// manage the playlist. Malformed requests of any kind get a 4xx, never a 5xx: a JSON
// `HubErrorBody` everywhere except the tus endpoint, which answers in the tus protocol's own terms,
// and the staff and status pages, which answer in HTML.

const BODY_LIMIT_BYTES = 256 * 1024;
/** The court API's version in its OpenAPI document. */
const HUB_API_VERSION = '1.0.0';

export interface HubOptions {
  /** Directory of this instance's own data: the SQLite file (`hub.sqlite`), its backups, logs, `data.key`; created if missing. */
  dataDir: string;
  /** The files folder (HUB_FILES_DIR; default `dataDir`): uploads, documents, playlist media, releases, recordings (server/files/). Instances on one PostgreSQL database must share it. */
  filesDir?: string | undefined;
  /** `postgres://…` keeps the hub's data in PostgreSQL instead of `hub.sqlite` (HUB_DATABASE_URL). */
  databaseUrl?: string | undefined;
  /**
   * A site-wide code (8–200 characters) of older installs and tests: it enrolls only terminal ids the
   * hub has never seen. Unset, only the one-time tokens staff issue enroll (shared/terminals/enrollment.ts).
   */
  enrollmentCode?: string | undefined;
  /** Enrollment attempts per source address per minute (default ENROLLMENT_ATTEMPTS_PER_MINUTE). */
  enrollmentAttemptsPerMinute?: number;
  /** The court this hub serves: its name, and its code in case numbers (HUB_COURT_NAME, HUB_COURT_CODE; default 兰州市七里河区人民法院, 甘0103). */
  court?: { name: string; code: string };
  /** The data key sealing personal data (HUB_DATA_KEY: 32 bytes as hex or base64); unset: generated once into `dataDir/data.key` (0600). */
  dataKey?: string | undefined;
  /** Seed the default sites and organisations when there is no site, and one account per role on a new hub's first start (default true). */
  seedDefaults?: boolean;
  /** Send residents' notices by SMS through this gateway (HUB_SMS_URL, HUB_SMS_TOKEN); unset: they stay in notification_outbox. */
  sms?: SmsGatewayConfig | null;
  /** How often pending notices are sent (default 30 s). */
  notificationIntervalMs?: number;
  /** Password (8–200 chars) of the `admin` console account, used only when that account is first created. */
  adminPassword?: string;
  now?: () => Date;
  /** Log method, URL and status of each request (never bodies). Off by default. */
  logger?: boolean;
  /** With `logger`: the log goes to this capped, rotated file (HUB_LOG_FILE; shared/cappedLogFile.ts) instead of stdout. */
  logFile?: { path: string; caps?: LogCaps } | undefined;
  /** Serve HTTPS with this certificate and key (HUB_TLS_CERT, HUB_TLS_KEY); reloaded when the files change or on `reloadTls()`. */
  tls?: TlsFiles | undefined;
  /** Whom to believe about X-Forwarded-For/-Proto (HUB_TRUST_PROXY; default nobody): a reverse proxy in front of the hub. */
  trustProxy?: ProxyTrust;
  /** Video calls: ICE/TURN servers, grace periods, where the mediator console is built. */
  signalling?: SignallingOptions;
  /** Legal-education playlist: where its default content is (assets/playlist by default). */
  playlist?: PlaylistOptions;
  /** "Check my case" rate limits (tests lower them). */
  caseStatusLimits?: Partial<CaseStatusLimits>;
  /** How long room recordings are kept (HUB_RECORDING_RETENTION_DAYS, default 365). */
  recordingRetentionDays?: number;
  /** Terminals' health: when a silent terminal counts as offline, and how often that is checked. */
  fleet?: Partial<FleetThresholds> & { sweepMs?: number };
  /** Least time between two early-warning scans (they run after the figures move). */
  warningScanMs?: number;
  /** SQLite only: online backups into `dataDir/backups` (server/backup/); false turns them off. */
  backup?: Partial<BackupPolicy> | false;
  /** Test seam: awaited while an intake's key is in progress, just before its transaction. */
  beforeIngestCommit?: (submissionId: string) => void | Promise<void>;
}

export interface Hub {
  app: FastifyInstance;
  /** The hub's database (tests read it directly). */
  database: HubDb;
  intakes: IntakeStore;
  terminals: TerminalStore;
  staff: StaffStore;
  /** The generated admin password if this start created the admin account without one; else null. */
  initialAdminPassword: string | null;
  /** True when this start set the existing `admin` account's password to `adminPassword` (it differed). */
  adminPasswordReset: boolean;
  /** The generated passwords of the default accounts this start created (username → password). */
  initialPasswords: Map<string, string>;
  /** The court API's stores (/api/v1): cases, parties, accounts, sites, audit. */
  court: CourtApi;
  /** Residents' notices: send the pending ones now (0 without an SMS gateway: the outbox keeps them). */
  notifications: { deliverPending(): Promise<number> };
  /** The video link: call desk and call records (server/signalling). */
  signalling: Signalling;
  /** The legal-education playlist (server/playlist). */
  playlist: Playlist;
  /** The case life cycle's store, the only writer of cases and case_events (server/cases). */
  cases: CaseStore;
  /** Terminals' heartbeats, alerts, pushed settings and requests (server/terminals/fleetStore.ts). */
  fleet: FleetStore;
  /** The SQLite engine's scheduled backups (null on PostgreSQL or when turned off). */
  backups: BackupSchedule | null;
  /** Kiosk releases and their rollout (server/updates). */
  updates: KioskUpdates;
  /** Where the hub's files are (server/files/). */
  files: HubFiles;
  listen(port?: number, host?: string): Promise<string>;
  /** Take the TLS certificate and key from their files again (SIGHUP); throws, keeping the old pair, if they do not load. */
  reloadTls(): void;
  close(): Promise<void>;
}

const requestLogger = {
  level: 'info',
  serializers: {
    req: (req: { method: string; url: string }) => ({ method: req.method, url: req.url.split('?')[0] }),
    res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
  },
};

export async function createHub(options: HubOptions): Promise<Hub> {
  const now = options.now ?? (() => new Date());
  const court = options.court ?? { name: defaultCourt.name, code: defaultCourt.code };
  if (!COURT_CODE.test(court.code)) throw new Error('the court code must be a province character and 4 digits, e.g. 甘0103');
  if (court.name.trim() === '' || court.name.length > 100) throw new Error('the court name must be 1–100 characters');
  if (options.enrollmentCode !== undefined && (options.enrollmentCode.length < 8 || options.enrollmentCode.length > 200)) {
    throw new Error('enrollmentCode must be 8–200 characters');
  }
  if (options.adminPassword !== undefined && (options.adminPassword.length < 8 || options.adminPassword.length > 200)) {
    throw new Error('adminPassword must be 8–200 characters');
  }

  const database = await openHubDatabase({ dataDir: options.dataDir, databaseUrl: options.databaseUrl });
  let bus: HubBus | null = null;
  // The app's logger reports the bus's faults once the app exists.
  const busFaults = { report: (_err: unknown): void => undefined };
  try {
    // Notices between instances (server/bus/): through PostgreSQL when instances share it.
    bus = database.engine === 'postgres' ? await postgresBus(options.databaseUrl!.trim(), (err) => busFaults.report(err)) : localBus();
    return await assemble(database, bus, busFaults, options, court, now);
  } catch (err) {
    await bus?.close();
    await database.close();
    throw err;
  }
}

/** Each feature's store on the database and its routes on one Fastify app. */
async function assemble(database: HubDb, bus: HubBus, busFaults: { report: (err: unknown) => void }, options: HubOptions, court: { name: string; code: string }, now: () => Date): Promise<Hub> {
  const dataKey = loadDataKey({ dataDir: options.dataDir, configured: options.dataKey });
  const vault = openVault(dataKey);
  await verifyDataKey(database, dataKey, vault, now().toISOString());
  const files = hubFiles(options.filesDir ?? options.dataDir, join(options.dataDir, 'work'));
  await checkSharedFolder(database, files.root, now);
  const terminals = openTerminalStore(database);
  const intakes = openIntakeStore(database, applicationSeal(vault));
  const staff = openStaffStore(database);
  const calls = openCallRecords(database);
  // a hub with no account yet is new: it gets the default accounts too (an upgraded one keeps its own)
  const newHub = (await staff.count()) === 0;
  const initialAdminPassword = await ensureAdmin(staff, options.adminPassword, now());
  // a hub that had its admin already: the password set for it is the one that signs in
  const adminPasswordReset = !newHub && (await applyAdminPassword(database, staff, options.adminPassword, now()));

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
  busFaults.report = (err) => app.log.error(errorLogFields(err), 'notices between instances failed');
  app.removeContentTypeParser(['text/plain']); // only JSON on the API; the console adds forms
  installJsonErrors(app, sendErrorPage);
  installHsts(app);
  const tls = tlsFiles && httpsServer ? tlsReloader(httpsServer, tlsFiles, (err) => app.log.error(errorLogFields(err), 'TLS certificate reload failed')) : null;
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  app.get(hubPaths.health, async () => ({ ok: true, time: now().toISOString() }));
  const counterSignIns = counterSignInStore(database);
  const receiver = intakeReceiver({
    store: intakes,
    now,
    counterEntrySite: async (terminalId, entry) => {
      const signIn = await counterSignIns.find(database, entry.signInId);
      return entryStands(entry, terminalId, signIn) ? signIn.siteId : null;
    },
    beforeCommit: options.beforeIngestCommit,
    onListenerError: (err) => app.log.error({ errName: errorLogFields(err).errName }, 'intake listener failed'),
  });
  registerIntakeRoutes(app, { terminals, receiver });
  const tus = createUploadServer({
    store: intakes,
    terminals,
    directory: files.uploads,
    now,
    onFault: (err) => app.log.error(errorLogFields(err), 'upload failed'),
  });
  registerUploadRoutes(app, { tus });
  const sessions = staffSessions(staff, now);
  registerConsoleRoutes(app, { intakes, sessions, now });
  registerConsoleAttachmentRoutes(app, { intakes, sessions, uploadsDir: files.uploads });
  const documents = folderDocuments(files.documents, vault, now);
  const courtApi = registerCourtApi(app, {
    scope: database,
    vault,
    documents,
    court,
    hallSiteId: HALL_SITE_ID,
    now,
    call: (callId) => calls.get(callId),
    version: HUB_API_VERSION,
  });
  intakes.onRecord(caseOfIntake(courtApi.actions, HALL_SITE_ID));
  registerConsoleDetailRoutes(app, { intakes, calls, caseOfSubmission: async (id) => (await courtApi.cases.bySubmission(database, id))?.caseId ?? null });
  const enrollment = enrollmentStore();
  const attempts = attemptStore(database, () => now().getTime());
  registerTerminalRoutes(app, {
    attempts,
    scope: database,
    enrollment,
    terminals,
    audit: courtApi.audit,
    enrollmentCode: options.enrollmentCode,
    attemptsPerMinute: options.enrollmentAttemptsPerMinute,
    now,
  });
  registerEnrollmentRoutes(app, { scope: database, authenticate: staffAuthenticator(courtApi.accounts, now), audit: courtApi.audit, enrollment, sites: courtApi.sites, now });
  registerCounterRoutes(app, { scope: database, terminals, signIns: counterSignIns, gate: courtApi.gate, accounts: courtApi.accounts, audit: courtApi.audit, now });
  const outbox = notificationOutbox({ scope: database, parties: courtApi.parties, vault, now });
  courtApi.cases.onAppend(outbox.listener);
  const courier = options.sms ? smsGateway(options.sms) : null;
  let delivering: Promise<number> | null = null;
  const deliverPending = async (): Promise<number> => {
    if (!courier) return 0;
    delivering ??= outbox.deliverPending(courier).finally(() => (delivering = null));
    return delivering;
  };
  const deliveryTimer = courier
    ? setInterval(() => void deliverPending().catch((err: unknown) => app.log.error(errorLogFields(err), 'notice delivery failed')), options.notificationIntervalMs ?? 30_000)
    : null;
  deliveryTimer?.unref();
  let initialPasswords = new Map<string, string>();
  if (options.seedDefaults ?? true) {
    await seedCourtStructure(database, courtApi.sites, now().toISOString());
    if (newHub) initialPasswords = await seedDefaultAccounts(database, courtApi.accounts, now().toISOString());
  }
  const tickets = callTickets(callTicketKey(dataKey), now);
  registerCaseStatusRoutes(app, {
    tickets,
    attempts,
    terminals,
    intakes,
    calls,
    caseOf: (submissionId) => courtApi.cases.bySubmission(database, submissionId),
    numberOf: async (caseId) => (await courtApi.cases.load(database, caseId))?.caseNumber ?? null,
    now,
    ...(options.caseStatusLimits ? { limits: options.caseStatusLimits } : {}),
  });
  registerKioskSigningRoutes(app, { scope: database, attempts, terminals, intakes, cases: courtApi.cases, parties: courtApi.parties, agreements: courtApi.agreements, audit: courtApi.audit, now });
  const directory = deskDirectory(terminals, intakes);
  const rooms = roomLog({ scope: database, cases: courtApi.cases, audit: courtApi.audit, now });
  const guests = guestPasses(database, vault);
  const invitations = invitationStore();
  const joining = joinLimits(attempts);
  // no recording is under way yet: plain files in the work folder are a dead run's (counted, never named)
  const deadRunFiles = await clearDeadRunWork(files.recordingWorkDir);
  if (deadRunFiles > 0) app.log.warn({ event: 'recordings.dead_run_cleared', files: deadRunFiles }, 'Removed plain recording files a stopped run left in the work folder');
  const recordingDeps = {
    scope: database,
    store: recordingStore,
    roomLog: rooms,
    caseOf: async (scene: RoomScene) => scene.caseId ?? (scene.submissionId ? ((await courtApi.cases.bySubmission(database, scene.submissionId))?.caseId ?? null) : null),
    sealedFile: files.recording,
    plainFile: files.recordingWork,
    key: recordingKey(dataKey),
    now,
    retentionDays: options.recordingRetentionDays ?? DEFAULT_RECORDING_RETENTION_DAYS,
    log: app.log,
  };
  const recorder = (sfu: Sfu | null) => new Recordings({ ...recordingDeps, sfu }, sfu !== null && ffmpegRuns());
  // Instances on one PostgreSQL database share one call desk, held by one of them (server/cluster/).
  const deskRelay = async () =>
    database.engine === 'postgres' ? await postgresRelay(options.databaseUrl!.trim(), (err) => app.log.error(errorLogFields(err), 'desk relay between instances failed')) : undefined;
  const signalling = await registerSignalling(
    app,
    {
      terminals,
      staff,
      sessions,
      records: calls,
      directory,
      now,
      roomLog: rooms,
      guests,
      relay: await deskRelay(),
      recordings: recorder,
      hearingRecords: hearingRecords({ scope: database, store: hearingRecordStore(vault), caseOf: recordingDeps.caseOf, now }),
      recordSigning: recordSigning({
        scope: database,
        store: hearingRecordStore(vault),
        rounds: signingStore(vault),
        documents,
        cases: courtApi.cases,
        court,
        font: findDocumentFont(),
        caseOf: recordingDeps.caseOf,
        now,
      }),
      referenceCases: publishedReferenceCase(database),
      terminalJoin: terminalJoin({ scope: database, invitations, limits: joining, audit: courtApi.audit, now }),
      tickets,
      callSessions: callSessions({ scope: database, cases: courtApi.cases, intakeTerminal: async (submissionId) => (await intakes.get(submissionId))?.terminalId ?? null, now }),
    },
    options.signalling,
  );
  registerRecordingRoutes(app, {
    scope: database,
    authenticate: staffAuthenticator(courtApi.accounts, now),
    audit: courtApi.audit,
    cases: courtApi.cases,
    store: recordingStore,
    key: recordingDeps.key,
    sealedFile: files.recording,
  });
  // Retention: expired recordings go at start and every six hours after.
  const sweepRecordings = () => void signalling.recordings?.sweep().catch((err: unknown) => app.log.error(errorLogFields(err), 'recording sweep failed'));
  sweepRecordings();
  const recordingSweep = setInterval(sweepRecordings, 6 * 3_600_000);
  recordingSweep.unref();
  registerRoomRoutes(app, {
    scope: database,
    // Several instances: the desk is on one of them, the call records on all (server/rooms/openCalls.ts).
    calls: database.engine === 'postgres' ? recordedCalls(calls) : deskCalls(signalling.desk),
    invitations,
    passes: guests,
    limits: joining,
    cases: courtApi.cases,
    parties: courtApi.parties,
    audit: courtApi.audit,
    sessions,
    profiles: (username) => staff.profile(username),
    now,
  });
  registerGuidanceRoutes(app, { scope: database, desk: signalling.desk, passes: guests, cases: courtApi.cases, audit: courtApi.audit, sessions, profiles: (username) => staff.profile(username) });
  // An intake the resident filed just before calling may reach the hub after the call was queued.
  receiver.onRecorded(({ submissionId }) => void signalling.door.intakeArrived(submissionId));
  // The dashboard's aggregates are kept in each append's transaction of the court API's case store.
  const cases = courtApi.cases;
  const changes = figureChanges();
  cases.onAppend(aggregateListener({ changed: async () => changes.moved() }));
  const authenticate = staffAuthenticator(courtApi.accounts, now);
  const audit = courtApi.audit;
  registerDashboardRoutes(app, { scope: database, authenticate, audit, changes: sharedFigureChanges(changes, bus), now });
  registerDashboardPages(app);
  const access = dashboardAccess(database, authenticate, audit);
  registerTrendRoutes(app, { scope: database, access, audit, now });
  // Early warnings are judged again after the figures move, at most once a minute.
  let lastScan = 0;
  const stopWarningScan = changes.subscribe(() => {
    if (Date.now() - lastScan < (options.warningScanMs ?? 60_000)) return;
    lastScan = Date.now();
    const at = now();
    scanWarnings(database, courtDay(at.getTime()), at.toISOString()).catch((err: unknown) => app.log.error(errorLogFields(err), 'warning scan failed'));
  });
  const thresholds: FleetThresholds = { ...DEFAULT_THRESHOLDS, ...options.fleet };
  const fleet = fleetStore(thresholds);
  const pins = adminPinStore();
  const fleetDeps = { scope: database, terminals, fleet, thresholds, access, pins, moved: () => changes.moved(), now };
  registerFleetRoutes(app, fleetDeps);
  registerCrashReportRoutes(app, { scope: database, authenticate, audit, terminals, fleet, reports: crashReportStore, moved: fleetDeps.moved, now });
  registerHelpRequestRoutes(app, { scope: database, authenticate, audit, terminals, requests: helpRequestStore, moved: fleetDeps.moved, now });
  registerHelpRequestFigures(app, { scope: database, access, fleet, requests: helpRequestStore });
  registerAdminPinRoutes(app, { scope: database, authenticate, audit, pins, sites: courtApi.sites, terminals, now });
  registerFleetAdminRoutes(app, { scope: database, authenticate, audit, fleet, sites: courtApi.sites, moved: fleetDeps.moved, now });
  registerTerminalListRoutes(app, { scope: database, authenticate, audit, fleet, helpRequests: helpRequestStore, sites: courtApi.sites, thresholds, now });
  // issue 10 session 8 (casepage): the case page's filing terminal, answered calls and invitations (server/cases/caseDeskRoutes.ts)
  registerCaseDeskRoutes(app, {
    scope: database,
    authenticate,
    audit,
    store: courtApi.cases,
    callsAbout: (id) => calls.forSubmission(id),
    fleet,
    thresholds,
    sites: courtApi.sites,
    accounts: courtApi.accounts,
    invitations,
    now,
  });
  const stopFleetWatch = watchFleet(fleetDeps, options.fleet?.sweepMs ?? 30_000, (err) => app.log.error(errorLogFields(err), 'fleet sweep failed'));
  const playlist = await registerPlaylist(app, { db: database, bus, terminals, sessions, mediaDir: files.playlistMedia, now }, options.playlist);
  const updates = registerKioskUpdates(app, { scope: database, terminals, authenticate, audit, sites: courtApi.sites, releasesDir: files.releases, now });
  registerHelpRequestPage(app);
  registerTerminalListPage(app);
  registerReleasePages(app, { scope: database, releases: updates.releases, publishing: updates.publishing, sites: courtApi.sites });
  registerReferenceCases(app, { scope: database, terminals, authenticate, audit, now });

  const backups =
    database.sqlite && options.backup !== false
      ? scheduleBackups(database.sqlite, join(options.dataDir, BACKUP_DIR), { ...DEFAULT_BACKUP_POLICY, ...options.backup }, now, (err) => app.log.error(errorLogFields(err), 'backup failed'))
      : null;

  let closed = false;
  return {
    app,
    database,
    intakes,
    terminals,
    staff,
    initialAdminPassword,
    adminPasswordReset,
    initialPasswords,
    court: courtApi,
    notifications: { deliverPending },
    signalling,
    playlist,
    cases,
    fleet,
    backups,
    updates,
    files,
    async listen(port = 0, host = '127.0.0.1') {
      const address = await app.listen({ port, host });
      return tls ? address.replace(/^http:/, 'https:') : address;
    },
    reloadTls() {
      if (!tls) throw new Error('this hub serves plain HTTP (no HUB_TLS_CERT / HUB_TLS_KEY)');
      tls.reload();
    },
    async close() {
      if (closed) return;
      closed = true;
      tls?.stop();
      stopFleetWatch();
      stopWarningScan();
      clearInterval(recordingSweep);
      await backups?.stop();
      changes.close();
      await bus.close();
      if (deliveryTimer) clearInterval(deliveryTimer);
      try {
        await delivering?.catch(() => undefined);
        await app.close();
      } finally {
        logFile?.close();
        await database.close();
      }
    },
  };
}
