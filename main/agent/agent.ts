import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createDispatch, type Dispatch } from '../bridge/dispatch.js';
import type { Agent, AgentOptions, EventListener } from './agentOptions.js';
import { kioskHandlers } from './kioskHandlers.js';
import { startCheckpoints } from './checkpoints.js';
import { openDatabase } from './db.js';
import { AdminPanel, testReceiptDocument } from './admin/adminPanel.js';
import { HubClient } from './hubClient.js';
import { hubTransport } from './hubTransport.js';
import { agentLogPath, errorKind, createLog, fileLog, teeLog } from './log.js';
import type { AdminAuditReport } from '../../shared/kioskAdmin.js';
import { createSealer } from './sealing.js';
import { HeartbeatLoop } from './heartbeat/heartbeatLoop.js';
import { ConfigValues } from './configValues.js';
import { openTerminalConfig } from './terminalConfig.js';
import { CallLink } from './call/callLink.js';
import { CounterDesk } from './counter/counterDesk.js';
import { CounterHubClient } from './counter/counterHubClient.js';
import { idCardReaderFor } from './idCard/idCardReaders.js';
import { AgreementHubClient } from './agreements/agreementHubClient.js';
import { AgreementSignatures } from './agreements/agreementSignatures.js';
import { CaseStatusClient } from './caseStatus/caseStatusClient.js';
import { CaseStatusDesk } from './caseStatus/caseStatusDesk.js';
import { ReferenceCaseLibrary } from './referenceCases/referenceCaseLibrary.js';
import { CourtWordsKeeper } from './courtWords/courtWordsKeeper.js';
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
import { collectCrashReports } from './reports/crashReports.js';
import { selfUpdate } from './selfUpdate.js';
import type { PrinterState } from '../../shared/terminals/heartbeat.js';
import type { StaffHelpState } from '../../shared/terminals/helpRequest.js';
import { ScreenPresence } from './heartbeat/screenPresence.js';

// The kiosk agent: owns the store, the outbox and the link to the hub, and answers the
// contract's calls. Plain Node; each host (Electron utility process, browser host) wraps it.

export type { Agent, AgentOptions, EventListener } from './agentOptions.js';

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
  const courtWords = new CourtWordsKeeper({
    values,
    hubUrl: config.read().hubUrl,
    fetch: hubFetch,
    credential: () => config.credential(),
    onChanged: (version) => emit('courtWords.changed', { version }),
    log,
    ...(options.courtWordsPollMs ? { pollMs: options.courtWordsPollMs } : {}),
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
      void courtWords.refresh().catch(() => undefined);
    },
    restart: () => options.host.relaunch(),
    exitKiosk: options.host.exitKiosk ? () => options.host.exitKiosk!() : undefined,
    print: options.host.printReceipt ? (doc) => options.host.printReceipt!(doc, { auto: false }) : undefined,
    testReceipt: () => testReceiptDocument(config.read().terminalId, config.read().hubUrl, now()),
    log,
    now: () => now().getTime(),
  });

  const handlers = kioskHandlers({
    config,
    appVersion: options.appVersion ?? '0.0.0',
    hostKind: options.host.kind,
    intakes,
    attachments,
    receipts,
    sync,
    admin,
    callLink,
    playlist,
    media,
    plays,
    cases,
    referenceCases,
    courtWords,
    signatures,
    reports,
    presence,
    counter,
    printer: { get: () => printer, set: (state) => (printer = state) },
    heartbeat: () => heartbeat,
    updates: () => updates,
    crashVersions,
    helpDelivery,
    log,
    now,
  });

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
      if (!closed) courtWords.start();
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
    courtWords,
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
      await courtWords.stop();
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
