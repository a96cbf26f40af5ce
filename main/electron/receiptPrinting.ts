import type { BrowserWindowConstructorOptions, PrinterInfo, WebContentsPrintOptions } from 'electron';
import type { PrintOutcome, ReceiptDocument } from '../../shared/receipt.js';
import { RECEIPT_PAPER_WIDTH_MM, receiptHtml } from '../../shared/receiptHtml.js';
import { hardenedWebPreferences } from './windowOptions.js';

// Silent printing of the resident's receipt in the Electron host: the agent (utility process)
// asks main with a host request frame; main loads the receipt's HTML into a hidden, script-less
// window and prints it to the configured printer without a dialog. The options are built here
// and unit-tested; `printReceiptDocument` is the thin glue, written against a window interface
// so it runs in tests without Electron.

/** A hidden window with nothing enabled that a static receipt page does not need. */
export function receiptWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    width: Math.round((RECEIPT_PAPER_WIDTH_MM / 25.4) * 96),
    height: 1200,
    backgroundColor: '#ffffff',
    webPreferences: {
      ...hardenedWebPreferences,
      javascript: false,
      devTools: false,
      images: true,
    },
  };
}

const MICRONS_PER_MM = 1000;

/**
 * Roll paper is cut after the page: a page as long as the content wastes none. Estimated from
 * the text (CJK at about 20 characters a line at 10 pt on 72 mm, Latin at about twice that).
 */
export function receiptPageHeightMm(doc: ReceiptDocument): number {
  const lineMm = 5;
  const linesOf = (text: string) => {
    let units = 0;
    for (const ch of text) units += /[\u2e80-\uffff]/.test(ch) ? 1 : 0.5;
    return Math.max(1, Math.ceil(units / 20));
  };
  let mm = 3 + 8 + 5 + 16; // top margin, title, subtitle, number box
  mm += doc.rows.reduce((sum, r) => sum + linesOf(`${r.label}  ${r.value}`) * lineMm + 1, 0);
  mm += 34 + 4 + linesOf(doc.qrCaption) * lineMm; // QR code and caption
  for (const s of doc.sections) mm += 7 + s.lines.reduce((sum, l) => sum + linesOf(l) * lineMm + 1, 0);
  mm += 5 + linesOf(doc.footer) * lineMm + 10; // footer and the tear-off margin
  return Math.ceil(mm);
}

export function receiptPrintOptions(doc: ReceiptDocument, deviceName?: string): WebContentsPrintOptions {
  return {
    silent: true,
    printBackground: false,
    color: false,
    copies: 1,
    margins: { marginType: 'none' },
    pageSize: { width: RECEIPT_PAPER_WIDTH_MM * MICRONS_PER_MM, height: receiptPageHeightMm(doc) * MICRONS_PER_MM },
    ...(deviceName ? { deviceName } : {}),
  };
}

/** Where the receipt page is loaded from: a data: URL, so nothing is written to disk. */
export function receiptDataUrl(doc: ReceiptDocument): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(receiptHtml(doc))}`;
}

/** Whether a printer we may print to exists (the configured one, or any if none is configured). */
export function printerAvailable(printers: readonly Pick<PrinterInfo, 'name'>[], deviceName?: string): boolean {
  return deviceName ? printers.some((p) => p.name === deviceName) : printers.length > 0;
}

/** The parts of a BrowserWindow the glue uses. */
export interface ReceiptWindow {
  webContents: {
    getPrintersAsync(): Promise<Pick<PrinterInfo, 'name'>[]>;
    loadURL(url: string): Promise<void>;
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  };
  destroy(): void;
}

export interface ReceiptPrintDeps {
  createWindow(options: BrowserWindowConstructorOptions): ReceiptWindow;
  /** KIOSK_PRINTER: the receipt printer's system name; unset = the system default printer. */
  deviceName?: string | undefined;
  log?: (line: string) => void;
}

export async function printReceiptDocument(doc: ReceiptDocument, deps: ReceiptPrintDeps): Promise<PrintOutcome> {
  const window = deps.createWindow(receiptWindowOptions());
  try {
    const printers = await window.webContents.getPrintersAsync();
    if (!printerAvailable(printers, deps.deviceName)) return { printed: false, reason: 'no_printer' };
    await window.webContents.loadURL(receiptDataUrl(doc));
    const printed = await new Promise<boolean>((resolve) => {
      window.webContents.print(receiptPrintOptions(doc, deps.deviceName), (success, failureReason) => {
        // The reason is Chromium's ("cancelled", "Print job failed"); it names no personal data.
        if (!success) deps.log?.(`receipt print failed: ${failureReason.slice(0, 80)}`);
        resolve(success);
      });
    });
    return printed ? { printed: true } : { printed: false, reason: 'failed' };
  } finally {
    window.destroy();
  }
}
