import type { IdCard } from '../../../shared/counter/idCard.js';

// The resident ID card reader behind the counter's "read card" button. A real reader (a GA 467
// certified reader on USB or serial, usually driven by its vendor's SDK: Shensi, Huashi, Synjones…)
// plugs in as one more implementation of this interface, chosen by the host at start-up (see
// main/agent/README.md "ID card readers"). What it returns is checked against shared/counter/
// idCard.ts before the renderer sees it, and nothing it returns is logged or stored.

export interface IdCardReader {
  /** Which reader this is (shown to the admin screen and in logs; no card data). */
  readonly name: string;
  /**
   * Reads the card on the reader now. Resolves null when no card is placed (the clerk is told to
   * place it); rejects when the reader itself fails (unplugged, a driver error).
   */
  read(): Promise<IdCard | null>;
  close?(): Promise<void>;
}

/** Why a read gave no card; the renderer shows `counter.card.<reason>`. */
export type IdCardReadFailure = 'noReader' | 'noCard' | 'readerFault';
