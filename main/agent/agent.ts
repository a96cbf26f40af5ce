import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/contract.js';
import { createDispatch, type CallHandlers, type Dispatch } from '../bridge/dispatch.js';
import { startCheckpoints } from './checkpoints.js';
import { openDatabase, type Db } from './db.js';
import type { HostCapabilities } from './host.js';
import { AdminPanel, testReceiptDocument } from './admin/adminPanel.js';
import { HubClient } from './hubClient.js';
import { hubTransport, type HubTlsOptions } from './hubTransport.js';
import { agentLogPath, errorKind, createLog, fileLog, teeLog, type Log } from './log.js';
import type { LogCaps } from '../../shared/cappedLogFile.js';
import type { AdminAuditReport } from '../../shared/kioskAdmin.js';
import { createSealer } from './sealing.js';
import { HeartbeatLoop } from './heartbeat/heartbeatLoop.js';
import { ConfigValues } from './configValues.js';
import { openTerminalConfig, type TerminalConfigStore } from './terminalConfig.js';
import { callLinkHandlers } from './call/callHandlers.js';
import { CallLink } from './call/callLink.js';
import { CounterDesk } from './counter/counterDesk.js';
import { CounterHubClient } from './counter/counterHubClient.js';
import { idCardReaderFor } from './idCard/idCardReaders.js';
import { AgreementHubClient } from './agreements/agreementHubClient.js';
import { AgreementSignatures } from './agreements/agreementSignatures.js';
import { CaseStatusClient } from './caseStatus/caseStatusClient.js';
import { CaseStatusDesk } from './caseStatus/caseStatusDesk.js';
import { ReferenceCaseLibrary } from './referenceCases/referenceCaseLibrary.js';
import { AttachmentFiles } from './intake/attachmentFiles.js';
import { AttachmentStore } from './intake/attachmentStore.js';
import { IntakeDelivery } from './intake/intakeDelivery.js';
import { IntakeHubClient } from './intake/intakeHubClient.js';
import { IntakeStore } from './intake/intakeStore.js';
import { Receipts } from './intake/receipts.js';
import { AttachmentUploader } from './intake/uploads.js';
import { Outbox } from './outbox/outbox.js';
import { Sync } from './outbox/sync.js';
import { findBundledPlaylistDir, loadBundledPlaylist } from './playlist/bundledPlaylist.js';
import { DEFAULT_MEDIA_CACHE_BYTES, MediaCache } from './playlist/mediaCache.js';
import { PlaylistCache } from './playlist/playlistCache.js';
import { PlaylistHubClient } from './playlist/playlistHubClient.js';
import { PlayLog } from './playlist/plays.js';
import { TerminalReports } from './reports/terminalReports.js';
import { collectCrashReports, rendererCrashReport } from './reports/crashReports.js';
import type { HelpRequest, StaffHelpState } from '../../shared/terminals/helpRequest.js';
import { selfUpdate } from './selfUpdate.js';
import type { TrialVerdict } from '../update/startupTrial.js';
import { printerStateAfter, type PrinterState, type ScreenState } from '../../shared/terminals/heartbeat.js';
import { ScreenPresence } from './heartbeat/screenPresence.js';

// The kiosk agent: owns the store, the outbox and the link to the hub, and answers the
// contract's calls. Plain Node; each host (Electron utility process, browser host) wraps it.

export interface AgentOptions {
  dataDir: string;
  hubUrl: string;
  host: HostCapabilities;
  terminalId?: string | undefined;
  terminalName?: string | undefined;
  location?: string | undefined;
  enrollmentCode?: string | undefined;
  appVersion?: string;
  log?: Log;
  now?: () => Date;
  syncConcurrency?: number;
  /** Most queued intakes sent in one batch request (default 50; 1 sends each alone). */
  intakeBatchSize?: number;
  healthIntervalMs?: number;
  /** Bytes per tus PATCH (default 256 KiB). */
  uploadChunkBytes?: number;
  /** Legal-education loop: default content (assets/playlist, found by default; null for none). */
  bundledPlaylistDir?: string | null;
  /** Manifest poll interval (default 60 s) and the media cache's bound (default 2 GiB). */
  playlistPollMs?: number;
  /** Between two heartbeats to the hub (default: what the hub asks, 30 s). */
  heartbeatIntervalMs?: number;
  mediaCacheMaxBytes?: number;
  /** The hub's address as residents' phones reach it (the receipt's QR code); default `hubUrl`. */
  publicHubUrl?: string | undefined;
  /** A remote service counter: staff sign in and file for residents (KIOSK_COUNTER=1, or true); default off. */
  counter?: boolean | string | undefined;
  /**
   * Start syncing, signalling, the playlist and heartbeats only once the renderer's first call
   * arrives (it has painted home by then) or after BACKGROUND_START_MAX_MS, so they do not compete
   * with the page's start for the CPU (cold start, issue 16). Default: at once.
   */
  deferBackgroundWork?: boolean;
  /** The resident ID card reader at the counter by name (KIOSK_ID_CARD_READER: main/agent/idCard/idCardReaders.ts); none by default. */
  idCardReader?: string | undefined;
  /** The agent's own log file, <dataDir>/logs/agent.log: its caps (default shared/cappedLogFile.ts), or false for none. */
  logFile?: LogCaps | false;
  /** How the hub's certificate is checked and whether plain HTTP to a remote hub is allowed (main/agent/hubTransport.ts). */
  hubTls?: HubTlsOptions;
  /** What this start of the app is for an update's trial (the host counted it: main/update/startupTrial.ts). */
  updateTrial?: TrialVerdict | undefined;
}

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface Agent {
  readonly dispatch: Dispatch;
  readonly handlers: CallHandlers;
  readonly db: Db;
  readonly config: TerminalConfigStore;
  readonly sync: Sync;
  /** Signalling of the video link (WebSocket to the hub). */
  readonly callLink: CallLink;
  /** Legal-education loop: the playlist, its verified media cache, proof of play. */
  readonly playlist: PlaylistCache;
  readonly media: MediaCache;
  readonly plays: PlayLog;
  /** Health reports to the hub, and the settings it pushed. */
  readonly heartbeat: HeartbeatLoop;
  /** The kind of screen the renderer last reported (a crash report names it). */
  screen(): ScreenState;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

/** The latest the background work starts when deferred, renderer or not. */
export const BACKGROUND_START_MAX_MS = 3_000;

export async function createAgent(options: AgentOptions): Promise<Agent> {
  const file = options.logFile === false ? null : fileLog(agentLogPath(options.dataDir), options.logFile);
  const log = file ? teeLog(options.log ?? createLog(), file.log) : (options.log ?? createLog());
  const now = options.now ?? (() => new Date());
  // refused before anything opens: a kiosk must not start talking to a hub it cannot trust
  const transport = hubTransport(options.hubUrl, options.hubTls);
  const hubFetch = transport.fetch;
  const sealer = createSealer(await options.host.loadDataKey());
  const db = openDatabase(join(options.dataDir, 'kiosk.sqlite'));
  performance.mark('agent.database'); // opened and migrated (the cold-start trace reads these marks)
  const checkpoints = startCheckpoints(db);
  const values = new ConfigValues(db);
  const config = openTerminalConfig(values, sealer, {
    terminalId: options.terminalId,
    terminalName: options.terminalName,
    location: options.location,
    hubUrl: options.hubUrl,
  });
  const outbox = new Outbox(db);
  const attachments = new AttachmentStore(db, new AttachmentFiles(join(options.dataDir, 'attachments'), sealer), sealer, now);
  // Files whose rows a crash left behind (purged after the hub's ack, or half-written) go first.
  const swept = attachments.sweep();
  if (swept > 0) log.info('attachments.swept', { files: swept });
  const intakes = new IntakeStore(db, outbox, sealer, { terminalId: () => config.read().terminalId, now }, attachments);
  const receipts = new Receipts({ intakes, config, host: options.host, log, hubReachable: () => sync.status().hubReachable, publicHubUrl: options.publicHubUrl, now: () => now().getTime() });
  const cases = new CaseStatusDesk({ db, intakes, config, client: new CaseStatusClient({ hubUrl: config.read().hubUrl, fetch: hubFetch }), log, now: () => now().getTime() });
  const referenceCases = new ReferenceCaseLibrary({ db, hubUrl: config.read().hubUrl, credential: () => config.credential(), fetch: hubFetch, log, now });
  const signatures = new AgreementSignatures(
    db,
    outbox,
    sealer,
    new AgreementHubClient(config.read().hubUrl, { fetch: hubFetch }),
    () => config.credential(),
    () => now().getTime(),
  );
  const listeners = new Set<EventListener>();
  const emit: EventListener = (name, payload) => listeners.forEach((l) => l(name, payload));
  const plays = new PlayLog(
    db,
    outbox,
    () => now().getTime(),
    () => kickPlays(),
  );
  const playlistClient = new PlaylistHubClient({ hubUrl: config.read().hubUrl, fetch: hubFetch });
  const intakeDelivery = new IntakeDelivery({
    outbox,
    intakes,
    attachments,
    client: new IntakeHubClient({ hubUrl: config.read().hubUrl, fetch: hubFetch }),
    uploader: new AttachmentUploader({
      hubUrl: config.read().hubUrl,
      tlsOptions: transport.tlsOptions,
      ...(options.uploadChunkBytes ? { chunkBytes: options.uploadChunkBytes } : {}),
    }),
    ...(options.intakeBatchSize ? { batchSize: options.intakeBatchSize } : {}),
  });
  const reports = new TerminalReports(db, outbox, config.read().hubUrl, hubFetch, () => now().getTime());
  // A help request is 'told' once the hub has it; until then the kiosk says whether it is on its way or waits for the network.
  const helpDelivery = (requestId: string): StaffHelpState['delivery'] => (!reports.isPending(requestId) ? 'told' : sync.status().hubReachable ? 'sending' : 'waitingForNetwork');
  // Crash reports written by a process that failed (this agent before a restart, the shell for a renderer) go out now.
  collectCrashReports(options.dataDir, reports, log);
  const crashVersions = { app: options.appVersion ?? '0.0.0', electron: process.versions.electron ?? null };
  const sync = new Sync({
    runners: { intake: intakeDelivery, play: plays.runner(playlistClient), signature: signatures.runner(), report: reports.runner() },
    outbox,
    client: new HubClient({ hubUrl: config.read().hubUrl, fetch: hubFetch }),
    config,
    enrollmentCode: options.enrollmentCode,
    log,
    now: () => now().getTime(),
    ...(options.syncConcurrency ? { concurrency: options.syncConcurrency } : {}),
    ...(options.healthIntervalMs ? { healthIntervalMs: options.healthIntervalMs } : {}),
    onStatus: (s) => emit('sync.status', s),
  });

  const media = new MediaCache(db, join(options.dataDir, 'media'), options.mediaCacheMaxBytes ?? DEFAULT_MEDIA_CACHE_BYTES, () => now().getTime());
  const playlist = new PlaylistCache({
    db,
    cache: media,
    client: playlistClient,
    plays,
    bundled: loadBundledPlaylist(options.bundledPlaylistDir === undefined ? findBundledPlaylistDir() : options.bundledPlaylistDir),
    credential: () => config.credential(),
    onUnauthorized: () => config.setCredential(null),
    onChanged: (version) => emit('playlist.changed', { version }),
    log,
    now: () => now().getTime(),
    ...(options.playlistPollMs ? { pollMs: options.playlistPollMs } : {}),
  });
  // Plays are sent in small batches: a burst of reports within 2 s goes in one request.
  let playKick: NodeJS.Timeout | null = null;
  const kickPlays = () => {
    playKick ??= setTimeout(() => {
      playKick = null;
      sync.kick();
    }, 2_000).unref();
  };

  const callLink = new CallLink({
    hubUrl: config.read().hubUrl,
    tlsOptions: transport.tlsOptions,
    credential: () => config.credential(),
    log,
    events: {
      state: (s) => emit('call.state', s),
      room: (r) => emit('call.room', r),
      signal: (s) => emit('call.signal', s),
      sfu: (f) => emit('call.sfu', f),
      record: (r) => emit('call.record', r),
      pendingRecord: (r) => emit('call.pendingRecord', r),
    },
  });

  // Facts for the heartbeat: the screen's last report and what the last print found; nothing about a resident.
  const presence = new ScreenPresence(values);
  let printer: PrinterState = 'unknown';
  const counter = new CounterDesk({
    enabled: options.counter === true || options.counter === '1',
    reader: idCardReaderFor(options.idCardReader),
    client: new CounterHubClient(config.read().hubUrl, hubFetch),
    credential: () => config.credential(),
    submit: (submission, entry) => {
      const receipt = intakes.submit(submission, entry);
      receipts.remember(submission);
      sync.kick();
      return receipt;
    },
    wipe: () => intakes.discardDraft(),
    onTerminalUnknown: () => sync.kick(),
    log,
    now: () => now().getTime(),
  });

  const admin: AdminPanel = new AdminPanel({
    values,
    report: (event) => {
      const reportId = `admin-${randomUUID()}`;
      reports.queue('admin', reportId, { ...event, reportId } satisfies AdminAuditReport);
      sync.kick();
    },
    facts: () => {
      const c = config.read();
      return {
        terminalId: c.terminalId,
        terminalName: c.terminalName,
        siteId: admin.site(),
        hubUrl: c.hubUrl,
        enrolled: config.credential() !== null,
        appVersion: options.appVersion ?? '0.0.0',
        nodeVersion: process.versions.node,
        host: options.host.kind,
        playlist: { version: playlist.current().version, items: playlist.current().items.length },
        sync: sync.status(),
        settings: heartbeat.applied(),
        printer,
      };
    },
    resync: () => {
      sync.kick();
      void playlist.refresh().catch(() => undefined);
    },
    restart: () => options.host.relaunch(),
    exitKiosk: options.host.exitKiosk ? () => options.host.exitKiosk!() : undefined,
    print: options.host.printReceipt ? (doc) => options.host.printReceipt!(doc, { auto: false }) : undefined,
    testReceipt: () => testReceiptDocument(config.read().terminalId, config.read().hubUrl, now()),
    log,
    now: () => now().getTime(),
  });

  const handlers: CallHandlers = {
    'terminal.info': () => {
      const c = config.read();
      return {
        terminalId: c.terminalId,
        terminalName: c.terminalName,
        hubUrl: c.hubUrl,
        enrolled: config.credential() !== null,
        appVersion: options.appVersion ?? '0.0.0',
        host: options.host.kind,
      };
    },
    'draft.load': () => intakes.loadDraft(),
    'draft.save': (draft) => {
      intakes.saveDraft(draft);
      return null;
    },
    'draft.discard': () => {
      intakes.discardDraft();
      return null;
    },
    'attachment.add': (input) => attachments.add(input.submissionId, input.mimeType, Buffer.from(input.dataBase64, 'base64')),
    'attachment.remove': (input) => {
      attachments.remove(input.submissionId, input.sha256);
      return null;
    },
    'intake.submit': (submission) => {
      const receipt = intakes.submit(submission);
      receipts.remember(submission);
      log.info('intake.committed', { provisional: receipt.provisionalNumber, attachments: submission.attachments?.length ?? 0 });
      sync.kick();
      return receipt;
    },
    'sync.status': () => sync.status(),
    'admin.unlock': ({ pin }) => admin.unlock(pin),
    'admin.panel': () => admin.view(),
    'admin.act': ({ action }) => admin.act(action),
    ...callLinkHandlers(callLink, { beforeRequest: () => sync.kick() }),
    'playlist.current': () => playlist.current(),
    'receipt.view': (request) => receipts.view(request),
    'receipt.print': async (request) => {
      const outcome = await receipts.print(request);
      printer = printerStateAfter(printer, outcome);
      return outcome;
    },
    'case.status': (query) => cases.check(query),
    'referenceCases.forDispute': (query) => referenceCases.forDispute(query.disputeType),
    'agreement.read': (query) => signatures.read(query),
    'agreement.sign': (input) => {
      const receipt = signatures.queue(input);
      log.info('agreement.signature_committed', { signature: receipt.signatureId });
      sync.kick();
      return receipt;
    },
    'terminal.settings': () => heartbeat.applied(),
    'terminal.crash': (crash) => {
      const report = rendererCrashReport(crash, crashVersions, now());
      reports.queue('crash', report.reportId, report);
      log.warn('crash.report_queued', { source: 'renderer' });
      sync.kick();
      return null;
    },
    'terminal.askStaff': (ask) => {
      const request: HelpRequest = { requestId: randomUUID(), reason: ask.reason, screen: ask.screen, at: now().toISOString() };
      reports.queue('help', request.requestId, request);
      log.info('help.requested', { reason: ask.reason });
      sync.kick();
      return { requestId: request.requestId, delivery: helpDelivery(request.requestId) };
    },
    'terminal.helpState': ({ requestId }) => ({ requestId, delivery: helpDelivery(requestId) }),
    'terminal.presence': (report) => {
      presence.report(report, new Date());
      updates?.screenReported();
      return null;
    },
    'counter.state': () => counter.state(),
    'counter.signIn': (input) => counter.signInStaff(input),
    'counter.signOut': () => counter.signOut(),
    'counter.submit': (submission) => counter.submit(submission),
    'idCard.read': () => counter.readCard(),
    'play.report': (report) => {
      // Proof of play counts only what the court published: a play of bytes not verified (or
      // changed since) is not recorded as played; the file is hashed again instead.
      if (report.outcome === 'completed' && !playlist.isVerified(report.sha256)) {
        log.warn('play.unverified', { sha256: report.sha256 });
        return null;
      }
      plays.record(report);
      if (report.outcome === 'completed') media.markPlayed(report.sha256);
      // A file that would not play may have rotted on disk since it was verified.
      if (report.reason === 'error' || report.reason === 'stalled') void playlist.recheck(report.sha256);
      return null;
    },
  };

  const heartbeat = new HeartbeatLoop({
    values,
    hubUrl: config.read().hubUrl,
    fetch: hubFetch,
    credential: () => config.credential(),
    facts: {
      appVersion: options.appVersion ?? '0.0.0',
      sync: () => sync.status(),
      playlistVersion: () => playlist.current().version,
      playlistItems: () => playlist.current().items.length,
      presence: () => presence.current(),
      lastTouchAt: () => presence.lastTouchAt(),
      printer: () => printer,
      probe: async () => {
        if (collectCrashReports(options.dataDir, reports, log) > 0) sync.kick();
        const told = await options.host.printerState?.().catch(() => 'unknown' as const);
        if (told && told !== 'unknown') printer = told;
      },
      dataDir: options.dataDir,
    },
    onCommand: async (kind) => {
      if (kind === 'resync') sync.kick();
      else options.host.relaunch();
      return true;
    },
    // Stored first (heartbeatLoop), then the screen applies them (idle timeout, languages, calls).
    onSettings: (settings, version) => emit('terminal.settings', { version, settings }),
    onAdminPin: (digest) => admin.setPin(digest),
    onSite: (siteId) => admin.setSite(siteId),
    log,
    ...(options.heartbeatIntervalMs ? { intervalMs: options.heartbeatIntervalMs } : {}),
  });

  const updates = selfUpdate({
    host: options.host,
    appVersion: options.appVersion,
    dataDir: options.dataDir,
    verdict: options.updateTrial,
    hubUrl: config.read().hubUrl,
    credential: () => config.credential(),
    fetch: hubFetch,
    screen: () => ({ screen: presence.current()?.screen ?? 'unknown', lastTouchAt: presence.lastTouchAt() }),
    reports,
    log,
  });

  const dispatchCall = createDispatch(handlers, {
    onInternalError: (name, error) => log.error('call.failed', { call: name, kind: errorKind(error) }),
  });
  let backgroundStarted: Promise<void> | null = null;
  let closed = false;
  const startBackground = (): Promise<void> => {
    if (closed) return Promise.resolve();
    backgroundStarted ??= (async () => {
      clearTimeout(backgroundTimer);
      sync.start();
      callLink.start();
      plays.purgeDelivered();
      await playlist.start();
      if (!closed) heartbeat.start();
      if (!closed) updates?.start();
    })();
    return backgroundStarted;
  };
  const failedToStart = (error: unknown) => log.error('agent.background.failed', { kind: errorKind(error) });
  let backgroundTimer: NodeJS.Timeout | undefined;
  let dispatch: Dispatch = dispatchCall;
  if (options.deferBackgroundWork) {
    backgroundTimer = setTimeout(() => void startBackground().catch(failedToStart), BACKGROUND_START_MAX_MS);
    dispatch = (name, input, sizeBytes) => {
      void startBackground().catch(failedToStart);
      return dispatchCall(name, input, sizeBytes);
    };
  } else {
    await startBackground();
  }
  performance.mark('agent.started');
  log.info('agent.started', { terminalId: config.read().terminalId, host: options.host.kind });

  return {
    dispatch,
    handlers,
    db,
    config,
    sync,
    callLink,
    playlist,
    media,
    plays,
    heartbeat,
    screen: () => presence.current()?.screen ?? 'unknown',
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      clearTimeout(backgroundTimer);
      heartbeat.stop();
      updates?.stop();
      await playlist.stop();
      if (playKick) clearTimeout(playKick);
      callLink.stop();
      await sync.stop();
      listeners.clear();
      checkpoints.close();
      db.close();
      await transport.close();
      file?.close();
    },
  };
}
