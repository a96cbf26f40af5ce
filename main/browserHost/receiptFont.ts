import { existsSync } from 'node:fs';
import { cjkFonts, pickCjkFont, type CjkFont } from '../../shared/cjkFonts.js';

// Which system CJK font the receipt PDF embeds. Apart from receiptPdf.ts so that choosing it at
// start-up does not load pdfkit (cold start, issue 16).

export type ReceiptFont = CjkFont;

/** Sans first (a receipt is read at a glance), then any CJK font present. */
const CANDIDATES: CjkFont[] = [cjkFonts.notoSans, cjkFonts.notoSerif, cjkFonts.wqyMicroHei, cjkFonts.wqyZenHei, cjkFonts.droidFallback, cjkFonts.yaHei, cjkFonts.simHei];

/** `KIOSK_RECEIPT_FONT` (path) and `KIOSK_RECEIPT_FONT_FACE` win; else the first candidate present. */
export function findReceiptFont(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): ReceiptFont | null {
  return pickCjkFont(CANDIDATES, { path: env.KIOSK_RECEIPT_FONT, face: env.KIOSK_RECEIPT_FONT_FACE }, exists);
}
