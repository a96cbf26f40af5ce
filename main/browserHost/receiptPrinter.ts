import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrintOutcome, ReceiptDocument } from '../../shared/receipt.js';
import { errorKind, type Log } from '../agent/log.js';
import type { PrinterState } from '../../shared/terminals/heartbeat.js';
import { printerStateFromLpstat } from './cupsPrinterState.js';
import { findReceiptFont, type ReceiptFont } from './receiptFont.js';

// Printing in the browser host: the receipt becomes a PDF in <dataDir>/spool/ and goes to CUPS
// with `lp` when that exists. A receipt carries (masked) personal data, so a spooled PDF lives
// only as long as it must: deleted as soon as `lp` has taken it (CUPS keeps its own copy), and
// otherwise — no printer, or `lp` failed — kept for staff to print, at most a day.

export const SPOOL_MAX_AGE_MS = 24 * 3_600_000;
const SWEEP_EVERY_MS = 3_600_000;

export interface ReceiptPrinterOptions {
  dataDir: string;
  log: Log;
  /** Default /usr/bin/lp. */
  lpPath?: string;
  /** Default /usr/bin/lpstat (the printer's state: paper out, cover open). */
  lpstatPath?: string;
  /** CUPS destination (`lp -d`); default: the system default printer. */
  destination?: string | undefined;
  /** Default: the first CJK font found on this machine (see receiptPdf.ts). */
  font?: ReceiptFont | null;
  now?: () => number;
}

export class ReceiptPrinter {
  readonly spoolDir: string;
  private readonly lpPath: string;
  private readonly font: ReceiptFont | null;
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly o: ReceiptPrinterOptions) {
    this.spoolDir = join(o.dataDir, 'spool');
    this.lpPath = o.lpPath ?? '/usr/bin/lp';
    this.font = o.font === undefined ? findReceiptFont() : o.font;
    this.now = o.now ?? Date.now;
    void this.sweep();
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS).unref();
  }

  async print(doc: ReceiptDocument, options: { auto: boolean }): Promise<PrintOutcome> {
    await this.sweep();
    const lp = await this.hasLp();
    // The screen's automatic print without a printer: nobody would collect the PDF.
    if (!lp && options.auto) return { printed: false, reason: 'no_printer' };
    if (!this.font) {
      this.o.log.warn('receipt.font.missing');
      return { printed: false, reason: 'failed' };
    }
    // pdfkit and its font engine load on the first print, not at start-up (cold start, issue 16).
    const { renderReceiptPdf } = await import('./receiptPdf.js');
    const pdf = await renderReceiptPdf(doc, this.font);
    await mkdir(this.spoolDir, { recursive: true, mode: 0o700 });
    const file = join(this.spoolDir, `receipt-${this.now()}-${randomBytes(4).toString('hex')}.pdf`);
    await writeFile(file, pdf, { mode: 0o600 });
    await chmod(file, 0o600); // in case the umask widened it
    if (!lp) return { printed: false, reason: 'no_printer', spooledTo: file };
    try {
      await this.runLp(file);
    } catch (error) {
      this.o.log.warn('receipt.lp.failed', { kind: errorKind(error) });
      const state = await this.state();
      return { printed: false, reason: state === 'paper_out' || state === 'cover_open' ? state : 'failed', spooledTo: file };
    }
    await rm(file, { force: true });
    return { printed: true };
  }

  /** Deletes spooled receipts older than a day. */
  async sweep(): Promise<number> {
    let removed = 0;
    const names = await readdir(this.spoolDir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.pdf')) continue;
      const path = join(this.spoolDir, name);
      const info = await stat(path).catch(() => null);
      if (info && this.now() - info.mtimeMs > SPOOL_MAX_AGE_MS) {
        await rm(path, { force: true });
        removed++;
      }
    }
    return removed;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  /** What CUPS says of the printer now (./cupsPrinterState.ts); `unknown` without lpstat or an answer. */
  async state(): Promise<PrinterState> {
    const lpstat = this.o.lpstatPath ?? '/usr/bin/lpstat';
    const args = ['-l', '-p', ...(this.o.destination ? [this.o.destination] : [])];
    return new Promise((resolve) => {
      execFile(lpstat, args, { timeout: 5_000, env: { ...process.env, LANG: 'C', LC_ALL: 'C' } }, (error, stdout) => resolve(error ? 'unknown' : printerStateFromLpstat(stdout)));
    });
  }

  private async hasLp(): Promise<boolean> {
    return access(this.lpPath, constants.X_OK).then(
      () => true,
      () => false,
    );
  }

  private runLp(file: string): Promise<void> {
    const args = [...(this.o.destination ? ['-d', this.o.destination] : []), '-t', 'receipt', file];
    return new Promise((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- ExecFileException is an Error (an Omit<> intersection the rule cannot see)
      execFile(this.lpPath, args, { timeout: 15_000 }, (error) => (error ? reject(error) : resolve()));
    });
  }
}
