import { scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import {
  ADMIN_PIN_SCRYPT,
  ADMIN_SESSION_MS,
  AdminPinDigest,
  adminPinWaitS,
  type AdminAction,
  type AdminActionResult,
  type AdminAuditEvent,
  type AdminPanelView,
  type AdminUnlockResult,
} from '../../../shared/kioskAdmin.js';
import type { PrintOutcome, ReceiptDocument } from '../../../shared/receipt.js';
import type { SyncStatus } from '../../../shared/contract.js';
import type { AppliedSettings, PrinterState } from '../../../shared/terminals/heartbeat.js';
import type { ConfigValues } from '../configValues.js';
import type { Log } from '../log.js';

// The kiosk's staff panel (issue 14 item 7; rules in shared/kioskAdmin.ts). The PIN is checked
// here, offline, against the digest the hub sent with a heartbeat reply; wrong PINs are counted in
// the config table (a restart does not reset them) and each one past the free few makes the next
// wait twice as long, during which a typed PIN is not even checked. An unlock lasts while the
// panel is used. Every opening, refusal and action is reported to the hub's audit log, through the
// outbox: the panel is opened most when the hub cannot be reached, and those actions count too.

const scryptAsync = promisify(scrypt) as (pin: string, salt: string, keyLength: number, options: object) => Promise<Buffer>;

const PIN_KEY = 'adminPin';
const FAILURES_KEY = 'adminPinFailures';
const SITE_KEY = 'adminSiteId';

interface Failures {
  failures: number;
  waitUntil: number;
}

export interface AdminPanelOptions {
  values: ConfigValues;
  /** Queues one panel event for the hub's audit log (durably: it waits out an unreachable hub). */
  report: (event: AdminAuditEvent) => void;
  facts: () => Omit<AdminPanelView, 'printer' | 'hubReachable' | 'queueDepth' | 'oldestPendingAgeMs' | 'needsAttention' | 'lastSyncAt' | 'config'> & {
    sync: SyncStatus;
    settings: AppliedSettings;
    printer: PrinterState;
  };
  resync: () => void;
  restart: () => void;
  /** Leaves kiosk mode (Electron); absent where the host cannot (the browser host). */
  exitKiosk?: (() => void) | undefined;
  print?: ((doc: ReceiptDocument) => Promise<PrintOutcome>) | undefined;
  testReceipt: () => ReceiptDocument;
  log: Log;
  now: () => number;
}

export class AdminPanel {
  private unlockedUntil = 0;

  constructor(private readonly o: AdminPanelOptions) {}

  private read<T>(key: string): T | null {
    return this.o.values.json<T>(key);
  }

  private keep(key: string, value: unknown): void {
    this.o.values.setJson(key, value);
  }

  /** The site a heartbeat reply named (kept: the panel shows it offline too). */
  setSite(siteId: string | null): void {
    if (this.read<string | null>(SITE_KEY) !== siteId) this.keep(SITE_KEY, siteId);
  }

  /** The site last named by the hub. */
  site(): string | null {
    return this.read<string | null>(SITE_KEY);
  }

  /** The digest a heartbeat reply carried (null: the site has none; the panel stays shut). */
  setPin(digest: AdminPinDigest | null): void {
    const current = this.read<AdminPinDigest>(PIN_KEY);
    if (JSON.stringify(current) === JSON.stringify(digest)) return;
    if (digest) this.keep(PIN_KEY, AdminPinDigest.parse(digest));
    else this.o.values.remove(PIN_KEY);
    this.o.log.info('admin.pin_received', { set: digest !== null });
  }

  async unlock(pin: string): Promise<AdminUnlockResult> {
    const now = this.o.now();
    const digest = this.read<AdminPinDigest>(PIN_KEY);
    if (!digest) return { unlocked: false, reason: 'noPin', retryAfterS: 0 };
    const state = this.read<Failures>(FAILURES_KEY) ?? { failures: 0, waitUntil: 0 };
    if (state.waitUntil > now) {
      this.audit('pinWait');
      return { unlocked: false, reason: 'wait', retryAfterS: Math.ceil((state.waitUntil - now) / 1000) };
    }
    const { keyLength, ...cost } = ADMIN_PIN_SCRYPT;
    const given = await scryptAsync(pin, digest.salt, keyLength, cost);
    if (!timingSafeEqual(given, Buffer.from(digest.hash, 'hex'))) {
      const failures = state.failures + 1;
      const waitS = adminPinWaitS(failures);
      this.keep(FAILURES_KEY, { failures, waitUntil: now + waitS * 1000 });
      this.o.log.warn('admin.pin_refused', { failures, waitS });
      this.audit('pinRefused');
      return waitS > 0 ? { unlocked: false, reason: 'wait', retryAfterS: waitS } : { unlocked: false, reason: 'wrong', retryAfterS: 0 };
    }
    this.keep(FAILURES_KEY, { failures: 0, waitUntil: 0 });
    this.unlockedUntil = now + ADMIN_SESSION_MS;
    this.o.log.info('admin.opened', {});
    this.audit('opened');
    return { unlocked: true };
  }

  /** Whether the panel is open; using it keeps it open. */
  private open(): boolean {
    const now = this.o.now();
    if (this.unlockedUntil <= now) return false;
    this.unlockedUntil = now + ADMIN_SESSION_MS;
    return true;
  }

  /** What the panel shows; null when it is not unlocked. */
  view(): AdminPanelView | null {
    if (!this.open()) return null;
    const { sync, settings, printer, ...facts } = this.o.facts();
    return {
      ...facts,
      hubReachable: sync.hubReachable,
      queueDepth: sync.queueDepth,
      oldestPendingAgeMs: sync.oldestPendingAgeMs,
      needsAttention: sync.needsAttention,
      lastSyncAt: sync.lastSuccessAt,
      config: { applied: settings.version, pushedAt: null },
      printer,
    };
  }

  /** Carries out an action of the open panel; null when it is not unlocked. */
  async act(action: AdminAction): Promise<AdminActionResult | null> {
    if (!this.open()) return null;
    this.audit(action);
    this.o.log.info('admin.action', { action });
    switch (action) {
      case 'resync':
        this.o.resync();
        return { done: true, notice: 'resyncStarted' };
      case 'restartAgent':
      case 'restartHost':
        // after the answer reaches the screen
        setTimeout(() => this.o.restart(), 200).unref();
        return { done: true, notice: 'restarting' };
      case 'exitKiosk':
        if (!this.o.exitKiosk) return { done: false, notice: 'notAvailable' };
        this.o.exitKiosk();
        return { done: true, notice: 'closed' };
      case 'testPrint': {
        if (!this.o.print) return { done: false, notice: 'printFailed' };
        const outcome = await this.o.print(this.o.testReceipt()).catch((): PrintOutcome => ({ printed: false, reason: 'failed' }));
        // a spooled test page (no printer attached) still proves the document and the spool work
        return outcome.printed || outcome.spooledTo !== undefined ? { done: true, notice: 'printed' } : { done: false, notice: 'printFailed' };
      }
      case 'close':
        this.unlockedUntil = 0;
        return { done: true, notice: 'closed' };
    }
  }

  /** One panel event for the hub's audit log. */
  private audit(event: AdminAuditEvent['event']): void {
    this.o.report({ event, at: new Date(this.o.now()).toISOString() });
  }
}

/** The panel's test page: the terminal and the time, nothing about anyone. */
export function testReceiptDocument(terminalId: string, hubUrl: string, at: Date): ReceiptDocument {
  return {
    language: 'zh-CN',
    title: '打印测试 Printer test',
    subtitle: terminalId,
    provisionalNumberLabel: '测试 Test',
    provisionalNumber: 'TEST',
    rows: [{ key: 'submittedAt', label: '时间 Time', value: at.toISOString() }],
    statusUrl: new URL('/', hubUrl).toString(),
    qrCaption: '',
    sections: [],
    footer: '本页仅用于检查打印机 This page only checks the printer',
    processMode: null,
    state: 'saved',
    caseNumber: null,
  };
}
