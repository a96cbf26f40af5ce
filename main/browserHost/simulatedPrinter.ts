import type { PrintOutcome, ReceiptDocument } from '../../shared/receipt.js';
import type { PrinterState } from '../../shared/terminals/heartbeat.js';

// A receipt printer that is not there (KIOSK_PRINTER=simulated): it "prints" by counting, and can
// run out of paper or have its cover opened, as a real driver would tell. For trying the kiosk on
// a machine without a printer, and for tests of what staff see when paper runs out. Nothing of the
// receipt is kept (a receipt carries masked personal data): only its title and how many.

export class SimulatedPrinter {
  private paper = true;
  private coverOpen = false;
  private count = 0;

  /** Receipts printed since start. */
  get printed(): number {
    return this.count;
  }

  runOutOfPaper(): void {
    this.paper = false;
  }

  loadPaper(): void {
    this.paper = true;
  }

  setCoverOpen(open: boolean): void {
    this.coverOpen = open;
  }

  async print(_doc: ReceiptDocument): Promise<PrintOutcome> {
    const state = await this.state();
    if (state !== 'ok') return { printed: false, reason: state === 'paper_out' || state === 'cover_open' ? state : 'failed' };
    this.count += 1;
    return { printed: true };
  }

  /** What its driver says now (the heartbeat asks before each beat). */
  async state(): Promise<PrinterState> {
    if (this.coverOpen) return 'cover_open';
    return this.paper ? 'ok' : 'paper_out';
  }
}
