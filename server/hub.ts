import { join } from 'node:path';
import { COURT_CODE, defaultCourt } from '../shared/cases/caseNumber.js';
import { BACKUP_DIR, DEFAULT_BACKUP_POLICY, scheduleBackups } from './backup/sqliteBackup.js';
import { localBus, type HubBus } from './bus/hubBus.js';
import { postgresBus } from './bus/postgresBus.js';
import { registerKioskSigningRoutes } from './agreements/kioskSigningRoutes.js';
import { callTickets, callTicketKey } from './caseStatus/callTickets.js';
import { registerCaseStatusRoutes } from './caseStatus/routes.js';
import { caseOfIntake } from './cases/intakeReceipt.js';
import { registerConsoleAttachmentRoutes } from './console/attachmentRoutes.js';
import { registerConsoleDetailRoutes } from './console/detailRoutes.js';
import { registerHelpRequestPage } from './console/helpRequestPage.js';
import { registerReleasePages } from './console/releasePageRoutes.js';
import { registerConsoleRoutes } from './console/routes.js';
import { registerIntakeListRoute } from './console/intakeListRoute.js';
import { registerTerminalListPage } from './console/terminalListPage.js';
import { registerCounterRoutes } from './counter/counterRoutes.js';
import { counterSignInStore } from './counter/counterSignInStore.js';
import { registerCourtApi } from './courtApi/register.js';
import { registerCourtWords } from './courtWords/register.js';
import { registerDashboard } from './dashboard/register.js';
import { aggregatesOfBatch } from './dashboard/aggregates.js';
import { openHubDatabase, type HubDb } from './db/database.js';
import { folderDocuments } from './documents/documentStore.js';
import { hubFiles } from './files/hubFiles.js';
import { checkSharedFolder } from './files/sharedFolder.js';
import { errorLogFields } from './http/errors.js';
import { createHubApp } from './http/hubApp.js';
import type { Hub, HubOptions } from './hubOptions.js';
import { registerIntake } from './intake/register.js';
import { applicationSeal, openIntakeStore } from './intake/store.js';
import { registerNotifications } from './notifications/register.js';
import { loadDataKey } from './personalData/dataKey.js';
import { verifyDataKey } from './personalData/keyCheck.js';
import { openVault } from './personalData/vault.js';
import { registerPlaylist } from './playlist/register.js';
import { attemptStore } from './rateLimit/attemptStore.js';
import { guessStore } from './rateLimit/guessStore.js';
import { registerReferenceCases } from './referenceCases/register.js';
import { openCallRecords } from './signalling/callRecords.js';
import { registerCalls } from './signalling/calls.js';
import { registerCaseDeskRoutes } from './cases/caseDeskRoutes.js';
import { HALL_SITE_ID, seedCourtStructure } from './sites/courtDefaults.js';
import { applyAdminPassword, ensureAdmin } from './staff/accounts.js';
import { seedDefaultAccounts } from './staff/defaultAccounts.js';
import { staffAuthenticator } from './staff/principal.js';
import { staffSessions } from './staff/sessions.js';
import { openStaffStore } from './staff/store.js';
import { registerTerminals } from './terminals/register.js';
import { registerFleet } from './terminals/registerFleet.js';
import { openTerminalStore } from './terminals/store.js';
import { registerKioskUpdates } from './updates/register.js';

export type { Hub, HubOptions } from './hubOptions.js';

// The court hub's composition root: it opens the database (SQLite or PostgreSQL, server/db/), each
// feature's store on it, and plugs each feature (server/<feature>/) into one Fastify app. Kiosks enroll, upload attachments (tus) and
// deliver intakes; court staff read them in the console, answer calls at the mediator desk and
// manage the playlist. Malformed requests of any kind get a 4xx, never a 5xx: a JSON
// `HubErrorBody` everywhere except the tus endpoint, which answers in the tus protocol's own terms,
// and the staff and status pages, which answer in HTML.
// Each feature plugs in through its own register…() (server/<feature>/register.ts); this file only
// composes them, in an order that matters: stores before the routes that read them, and close()
// undoes the start in the order its comments give.

/** The court API's version in its OpenAPI document. */
const HUB_API_VERSION = '1.0.0';

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
  // the value set for admin is applied when it changed (on a new hub: only remembered)
  const adminPasswordReset = await applyAdminPassword(database, staff, options.adminPassword, now());

  const { app, routes, tls, logFile } = createHubApp(options, now, busFaults);
  const counterSignIns = counterSignInStore(database);
  const receiver = registerIntake(app, { database, intakes, terminals, counterSignIns, uploadsDir: files.uploads, now, beforeCommit: options.beforeIngestCommit });
  const sessions = staffSessions(staff, now);
  registerConsoleRoutes(app, { now });
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
  // the staff routes outside the court API's table hold to its door check (server/staff/staffGate.ts)
  const authenticate = staffAuthenticator(courtApi.accounts, now);
  const staffGate = { scope: database, authenticate, audit: courtApi.audit };
  registerConsoleAttachmentRoutes(app, { intakes, gate: staffGate, cases: courtApi.cases, uploadsDir: files.uploads });
  registerIntakeListRoute(app, { intakes, gate: staffGate, cases: courtApi.cases });
  intakes.onRecord(caseOfIntake(courtApi.actions));
  intakes.onBatch(aggregatesOfBatch);
  registerConsoleDetailRoutes(app, { intakes, calls, caseOfSubmission: async (id) => (await courtApi.cases.bySubmission(database, id))?.caseId ?? null });
  const attempts = attemptStore(database, () => now().getTime());
  // Wrong guesses of who someone is (a link's name + ID ending, a join code, a status page's phone number), per key and client address.
  const guesses = guessStore(database, () => now().getTime());
  registerTerminals(app, {
    database,
    terminals,
    attempts,
    courtApi,
    enrollmentCode: options.enrollmentCode,
    attemptsPerMinute: options.enrollmentAttemptsPerMinute,
    now,
  });
  registerCounterRoutes(app, { scope: database, terminals, signIns: counterSignIns, gate: courtApi.gate, accounts: courtApi.accounts, audit: courtApi.audit, now });
  const notices = registerNotifications({ database, courtApi, vault, sms: options.sms, intervalMs: options.notificationIntervalMs, log: app.log, now });
  let initialPasswords = new Map<string, string>();
  if (options.seedDefaults ?? true) {
    await seedCourtStructure(database, courtApi.sites, now().toISOString());
    if (newHub) initialPasswords = await seedDefaultAccounts(database, courtApi.accounts, now().toISOString());
  }
  const tickets = callTickets(callTicketKey(dataKey), now);
  registerCaseStatusRoutes(app, {
    tickets,
    attempts,
    guesses,
    terminals,
    intakes,
    calls,
    caseOf: (submissionId) => courtApi.cases.bySubmission(database, submissionId),
    numberOf: async (caseId) => (await courtApi.cases.load(database, caseId))?.caseNumber ?? null,
    now,
    ...(options.caseStatusLimits ? { limits: options.caseStatusLimits } : {}),
  });
  registerKioskSigningRoutes(app, { scope: database, attempts, terminals, intakes, cases: courtApi.cases, parties: courtApi.parties, agreements: courtApi.agreements, audit: courtApi.audit, now });
  const { signalling, invitations, stopRecordingSweep } = await registerCalls(
    app,
    {
      database,
      databaseUrl: options.databaseUrl,
      bus,
      terminals,
      staff,
      sessions,
      calls,
      intakes,
      receiver,
      courtApi,
      attempts,
      guesses,
      tickets,
      vault,
      dataKey,
      files,
      documents,
      court,
      recordingRetentionDays: options.recordingRetentionDays,
      now,
    },
    options.signalling,
  );
  // The dashboard's aggregates are kept in each append's transaction of the court API's case store.
  const cases = courtApi.cases;
  const audit = courtApi.audit;
  const dashboard = registerDashboard(app, { database, bus, cases, authenticate, audit, warningScanMs: options.warningScanMs, now });
  const {
    fleet,
    thresholds,
    stop: stopFleetWatch,
  } = registerFleet(app, { database, terminals, access: dashboard.access, authenticate, audit, sites: courtApi.sites, moved: () => dashboard.changes.moved(), now }, options.fleet);
  // The case page's filing terminal, answered calls and invitations (server/cases/caseDeskRoutes.ts).
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
  const playlist = await registerPlaylist(app, { db: database, bus, terminals, gate: staffGate, mediaDir: files.playlistMedia, now }, options.playlist);
  const updates = registerKioskUpdates(app, { scope: database, terminals, authenticate, audit, sites: courtApi.sites, releasesDir: files.releases, now });
  registerHelpRequestPage(app);
  registerTerminalListPage(app);
  registerReleasePages(app, { scope: database, releases: updates.releases, publishing: updates.publishing, sites: courtApi.sites });
  registerReferenceCases(app, { scope: database, terminals, authenticate, audit, now });
  const courtWords = registerCourtWords(app, { scope: database, terminals, intakes, audit, now }, options.courtWords);

  const backups =
    database.sqlite && options.backup !== false
      ? scheduleBackups(database.sqlite, join(options.dataDir, BACKUP_DIR), { ...DEFAULT_BACKUP_POLICY, ...options.backup }, now, (err) => app.log.error(errorLogFields(err), 'backup failed'))
      : null;

  let closed = false;
  return {
    app,
    routes,
    database,
    intakes,
    terminals,
    staff,
    initialAdminPassword,
    adminPasswordReset,
    initialPasswords,
    court: courtApi,
    notifications: { deliverPending: notices.deliverPending },
    signalling,
    playlist,
    courtWords,
    cases,
    fleet,
    backups,
    updates,
    files,
    async listen(port = 0, host = '127.0.0.1') {
      const address = await app.listen({ port, host });
      // The first recount begins once the hub answers (it reads every filing: never before /health),
      // if one is due (only the last one's end is read here).
      await courtWords.start();
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
      dashboard.stopWarningScan();
      stopRecordingSweep();
      await courtWords.stop();
      await backups?.stop();
      dashboard.changes.close();
      await bus.close();
      notices.stop();
      try {
        await notices.settled();
        await app.close();
      } finally {
        logFile?.close();
        await database.close();
      }
    },
  };
}
