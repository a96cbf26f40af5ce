import type { PrintOutcome, ReceiptDocument } from '../../shared/receipt.js';
import type { PrinterState } from '../../shared/terminals/heartbeat.js';
import type { UpdateFeed } from '../update/feedClient.js';

// What the agent needs from whichever host runs it. Each host implements this small interface;
// the agent never imports 'electron'.

export interface HostCapabilities {
  readonly kind: 'electron' | 'browser';
  /** The 32-byte key that seals personal data at rest (Electron: safeStorage; browser host: 0600 key file). */
  loadDataKey(): Promise<Buffer>;
  /** Restart the whole kiosk app (e.g. after an update or an unrecoverable state). */
  relaunch(): void;
  /**
   * Prints the resident's receipt (Electron: silently to the configured printer; browser host: a
   * PDF handed to `lp`). `auto`: the receipt screen's own print — without a printer, do nothing
   * (no PDF kept for nobody to print). Optional: a host without one answers "no printer".
   */
  printReceipt?(doc: ReceiptDocument, options: { auto: boolean }): Promise<PrintOutcome>;
  /**
   * What the printer's driver says now (paper out, cover open), asked before each heartbeat so that
   * paper put back clears the alert without waiting for a print. Absent, or `unknown`: the heartbeat
   * carries what the last print found.
   */
  printerState?(): Promise<PrinterState>;
  /** Leave kiosk mode (the staff panel's "exit"); absent where the host has no kiosk mode to leave. */
  exitKiosk?(): void;
  /** Start the whole app again, not only the agent (a start-up trial counts app starts); absent: `relaunch`. */
  relaunchApp?(): void;
  /** Installs kiosk updates (Electron: electron-updater); absent where the host updates otherwise. */
  updates?: HostUpdates;
}

/** The host's install step; when to take it is decided in plain Node (main/update/). */
export interface HostUpdates {
  /** Fetches `version` from the hub's feed and verifies it; resolves when it can be installed. */
  download(version: string, feed: UpdateFeed): Promise<void>;
  /** Installs the downloaded `version` now (the app quits and starts again into it). */
  install(version: string): Promise<void>;
}
