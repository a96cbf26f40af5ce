import { randomUUID } from 'node:crypto';
import type { HelpRequest, StaffHelpState } from '../../shared/terminals/helpRequest.js';
import { printerStateAfter, type PrinterState } from '../../shared/terminals/heartbeat.js';
import type { CallHandlers } from '../bridge/dispatch.js';
import type { KioskUpdates } from '../update/kioskUpdates.js';
import type { AdminPanel } from './admin/adminPanel.js';
import type { AgreementSignatures } from './agreements/agreementSignatures.js';
import { callLinkHandlers } from './call/callHandlers.js';
import type { CallLink } from './call/callLink.js';
import type { CaseStatusDesk } from './caseStatus/caseStatusDesk.js';
import type { CounterDesk } from './counter/counterDesk.js';
import type { HeartbeatLoop } from './heartbeat/heartbeatLoop.js';
import type { ScreenPresence } from './heartbeat/screenPresence.js';
import type { HostCapabilities } from './host.js';
import type { AttachmentStore } from './intake/attachmentStore.js';
import type { IntakeStore } from './intake/intakeStore.js';
import type { Receipts } from './intake/receipts.js';
import type { Log } from './log.js';
import type { Sync } from './outbox/sync.js';
import type { MediaCache } from './playlist/mediaCache.js';
import type { PlaylistCache } from './playlist/playlistCache.js';
import type { PlayLog } from './playlist/plays.js';
import type { ReferenceCaseLibrary } from './referenceCases/referenceCaseLibrary.js';
import type { CourtWordsKeeper } from './courtWords/courtWordsKeeper.js';
import { rendererCrashReport } from './reports/crashReports.js';
import type { TerminalReports } from './reports/terminalReports.js';
import type { TerminalConfigStore } from './terminalConfig.js';

// The agent's answer to each of the contract's calls from the renderer: each hands the call to the
// feature that owns it, and anything queued for the hub gets the sync kicked at once.

export interface KioskHandlerDeps {
  config: TerminalConfigStore;
  appVersion: string;
  hostKind: HostCapabilities['kind'];
  intakes: IntakeStore;
  attachments: AttachmentStore;
  receipts: Receipts;
  sync: Sync;
  admin: AdminPanel;
  callLink: CallLink;
  playlist: PlaylistCache;
  media: MediaCache;
  plays: PlayLog;
  cases: CaseStatusDesk;
  referenceCases: ReferenceCaseLibrary;
  courtWords: CourtWordsKeeper;
  signatures: AgreementSignatures;
  reports: TerminalReports;
  presence: ScreenPresence;
  counter: CounterDesk;
  /** What the last print found (the heartbeat reports it). */
  printer: { get(): PrinterState; set(state: PrinterState): void };
  /** Made after the handlers (it reads the admin panel the handlers serve). */
  heartbeat: () => HeartbeatLoop;
  updates: () => KioskUpdates | null;
  crashVersions: { app: string; electron: string | null };
  helpDelivery: (requestId: string) => StaffHelpState['delivery'];
  log: Log;
  now: () => Date;
}

export function kioskHandlers(d: KioskHandlerDeps): CallHandlers {
  const {
    config,
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
    signatures,
    reports,
    presence,
    counter,
    crashVersions,
    helpDelivery,
    log,
    now,
  } = d;
  return {
    'terminal.info': () => {
      const c = config.read();
      return {
        terminalId: c.terminalId,
        terminalName: c.terminalName,
        hubUrl: c.hubUrl,
        enrolled: config.credential() !== null,
        appVersion: d.appVersion,
        host: d.hostKind,
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
      d.printer.set(printerStateAfter(d.printer.get(), outcome));
      return outcome;
    },
    'case.status': (query) => cases.check(query),
    'referenceCases.forDispute': (query) => referenceCases.forDispute(query.disputeType),
    'courtWords.current': () => d.courtWords.current(),
    'agreement.read': (query) => signatures.read(query),
    'agreement.sign': (input) => {
      const receipt = signatures.queue(input);
      log.info('agreement.signature_committed', { signature: receipt.signatureId });
      sync.kick();
      return receipt;
    },
    'terminal.settings': () => d.heartbeat().applied(),
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
      d.updates()?.screenReported();
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
}
