import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import { printerAvailable, printReceiptDocument, receiptDataUrl, receiptPageHeightMm, receiptPrintOptions, receiptWindowOptions, type ReceiptWindow } from '../../main/electron/receiptPrinting.js';
import { PERSON_ID } from '../e2e/support/applications.js';
import { queuedReceiptDocument } from '../support/receiptFixtures.js';

const doc = queuedReceiptDocument('KSK-1-261127-0001', 'zh-CN');

class FakeWindow implements ReceiptWindow {
  destroyed = false;
  loaded: string[] = [];
  printed: WebContentsPrintOptions[] = [];
  constructor(
    readonly options: BrowserWindowConstructorOptions,
    private readonly printers: { name: string }[],
    private readonly outcome: [boolean, string] = [true, ''],
  ) {}
  webContents = {
    getPrintersAsync: async () => this.printers,
    loadURL: async (url: string) => void this.loaded.push(url),
    print: (options: WebContentsPrintOptions, callback: (success: boolean, reason: string) => void) => {
      this.printed.push(options);
      setTimeout(() => callback(...this.outcome), 0);
    },
  };
  destroy() {
    this.destroyed = true;
  }
}

describe('Electron receipt printing', () => {
  it('prints silently on 80 mm paper as long as the receipt, to the configured printer', () => {
    const options = receiptPrintOptions(doc, 'XP-80C');
    expect(options).toMatchObject({ silent: true, deviceName: 'XP-80C', copies: 1, margins: { marginType: 'none' } });
    const size = options.pageSize as { width: number; height: number };
    expect(size.width).toBe(80_000);
    expect(size.height).toBe(receiptPageHeightMm(doc) * 1000);
    expect(receiptPageHeightMm(doc)).toBeGreaterThan(150);
    expect(receiptPageHeightMm(doc)).toBeLessThan(400);
    const longer = { ...doc, sections: [...doc.sections, { key: 'ask' as const, title: 'x', lines: Array(10).fill('一'.repeat(40)) }] };
    expect(receiptPageHeightMm(longer)).toBeGreaterThan(receiptPageHeightMm(doc) + 90);
    expect(receiptPrintOptions(doc)).not.toHaveProperty('deviceName'); // the system default printer
  });

  it('loads the receipt in a hidden window with no script, no node, no devtools', () => {
    const options = receiptWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false, webviewTag: false });
    expect(options.webPreferences).not.toHaveProperty('preload');
    const url = receiptDataUrl(doc);
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const html = decodeURIComponent(url.slice(url.indexOf(',') + 1));
    expect(html).toContain('620102********0310');
    expect(html).not.toContain(PERSON_ID);
  });

  it('knows whether there is a printer to print to', () => {
    expect(printerAvailable([], undefined)).toBe(false);
    expect(printerAvailable([{ name: 'A' }], undefined)).toBe(true);
    expect(printerAvailable([{ name: 'A' }], 'B')).toBe(false);
  });

  it('prints and closes the window; reports no printer or a failed job without throwing', async () => {
    const windows: FakeWindow[] = [];
    const make = (printers: { name: string }[], outcome?: [boolean, string]) => (options: BrowserWindowConstructorOptions) => {
      const w = new FakeWindow(options, printers, outcome);
      windows.push(w);
      return w;
    };
    expect(await printReceiptDocument(doc, { createWindow: make([{ name: 'XP-80C' }]), deviceName: 'XP-80C' })).toEqual({ printed: true });
    expect(windows[0]!.loaded[0]).toBe(receiptDataUrl(doc));
    expect(windows[0]!.printed[0]).toEqual(receiptPrintOptions(doc, 'XP-80C'));
    expect(windows[0]!.destroyed).toBe(true);

    expect(await printReceiptDocument(doc, { createWindow: make([]) })).toEqual({ printed: false, reason: 'no_printer' });
    expect(windows[1]!.printed).toEqual([]);
    expect(windows[1]!.destroyed).toBe(true);

    const log = vi.fn();
    expect(await printReceiptDocument(doc, { createWindow: make([{ name: 'A' }], [false, 'Print job failed']), log })).toEqual({ printed: false, reason: 'failed' });
    expect(log).toHaveBeenCalledWith('receipt print failed: Print job failed');
    expect(windows[2]!.destroyed).toBe(true);
  });
});
