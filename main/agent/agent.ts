import { join } from 'node:path';
import type { EventName, EventPayload } from '../../shared/contract.js';
import { createDispatch, type CallHandlers, type Dispatch } from '../bridge/dispatch.js';
import { AttachmentFiles } from './attachmentFiles.js';
import { AttachmentStore } from './attachmentStore.js';
import { callLinkHandlers } from './callHandlers.js';
import { CallLink } from './callLink.js';
import { openDatabase, type Db } from './db.js';
import type { HostCapabilities } from './host.js';
import { HubClient } from './hubClient.js';
import { IntakeStore } from './intakeStore.js';
import { errorKind, createLog, type Log } from './log.js';
import { Outbox } from './outbox.js';
import { createSealer } from './sealing.js';
import { Sync } from './sync.js';
import { openTerminalConfig, type TerminalConfigStore } from './terminalConfig.js';
import { AttachmentUploader } from './uploads.js';

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
  healthIntervalMs?: number;
  /** Bytes per tus PATCH (default 256 KiB). */
  uploadChunkBytes?: number;
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
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

export async function createAgent(options: AgentOptions): Promise<Agent> {
  const log = options.log ?? createLog();
  const now = options.now ?? (() => new Date());
  const sealer = createSealer(await options.host.loadDataKey());
  const db = openDatabase(join(options.dataDir, 'kiosk.sqlite'));
  const config = openTerminalConfig(db, sealer, {
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
  const listeners = new Set<EventListener>();
  const emit: EventListener = (name, payload) => listeners.forEach((l) => l(name, payload));
  const sync = new Sync({
    outbox,
    intakes,
    attachments,
    client: new HubClient({ hubUrl: config.read().hubUrl }),
    uploader: new AttachmentUploader({
      hubUrl: config.read().hubUrl,
      ...(options.uploadChunkBytes ? { chunkBytes: options.uploadChunkBytes } : {}),
    }),
    config,
    enrollmentCode: options.enrollmentCode,
    log,
    now: () => now().getTime(),
    ...(options.syncConcurrency ? { concurrency: options.syncConcurrency } : {}),
    ...(options.healthIntervalMs ? { healthIntervalMs: options.healthIntervalMs } : {}),
    onStatus: (s) => emit('sync.status', s),
  });

  const callLink = new CallLink({
    hubUrl: config.read().hubUrl,
    credential: () => config.credential(),
    log,
    events: { state: (s) => emit('call.state', s), room: (r) => emit('call.room', r), signal: (s) => emit('call.signal', s) },
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
      log.info('intake.committed', { provisional: receipt.provisionalNumber, attachments: submission.attachments?.length ?? 0 });
      sync.kick();
      return receipt;
    },
    'sync.status': () => sync.status(),
    ...callLinkHandlers(callLink, { beforeRequest: () => sync.kick() }),
  };

  const dispatch = createDispatch(handlers, {
    onInternalError: (name, error) => log.error('call.failed', { call: name, kind: errorKind(error) }),
  });
  sync.start();
  callLink.start();
  log.info('agent.started', { terminalId: config.read().terminalId, host: options.host.kind });

  return {
    dispatch,
    handlers,
    db,
    config,
    sync,
    callLink,
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      callLink.stop();
      await sync.stop();
      listeners.clear();
      db.close();
    },
  };
}
