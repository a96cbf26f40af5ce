import { existsSync } from 'node:fs';
import { buffer } from 'node:stream/consumers';
import PDFDocument from 'pdfkit';
import type { CourtDocument } from '../../shared/agreements/courtDocument.js';
import { cjkFonts, pickCjkFont, type CjkFont } from '../../shared/cjkFonts.js';

// A court document (shared/agreements/courtDocument.ts) drawn as an A4 PDF with pdfkit: a CJK font
// embedded as a subset (the text stays selectable and extractable), handwritten signatures placed
// as images at their signing places. Every string is drawn as text, so nothing a person typed is
// ever interpreted. The PDF carries no personal data in its metadata and a fixed creation date:
// the same document and signatures give the same bytes.

export type DocumentFont = CjkFont;

/** The court's serif look first, then any CJK font present. */
const CANDIDATES: CjkFont[] = [cjkFonts.notoSerif, cjkFonts.notoSans, cjkFonts.wqyZenHei, cjkFonts.wqyMicroHei, cjkFonts.droidFallback, cjkFonts.simHei];

/** `HUB_DOCUMENT_FONT` (+ `HUB_DOCUMENT_FONT_FACE`) wins; else the first candidate present. */
export function findDocumentFont(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): DocumentFont | null {
  return pickCjkFont(CANDIDATES, { path: env.HUB_DOCUMENT_FONT, face: env.HUB_DOCUMENT_FONT_FACE }, exists);
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 72;
const WIDTH = A4[0] - 2 * MARGIN;
const FIXED_DATE = new Date('2000-01-01T00:00:00Z');

/** `signatures`: PNG bytes by signer (`role:index`); a place with none stays a blank line to sign on paper. */
export async function renderDocumentPdf(doc: CourtDocument, font: DocumentFont, signatures: ReadonlyMap<string, Buffer> = new Map()): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: A4,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    info: { Title: doc.title, Producer: 'dispute-kiosk', Creator: 'dispute-kiosk', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
    lang: 'zh-CN',
    compress: true,
  });
  const done = buffer(pdf);
  pdf.registerFont('court', font.path, font.face);
  pdf.font('court');
  const text = (value: string, size: number, options: PDFKit.Mixins.TextOptions = {}) => pdf.fontSize(size).text(value, MARGIN, pdf.y, { width: WIDTH, lineGap: 4, ...options });

  text(doc.title, 20, { align: 'center', characterSpacing: 4 });
  if (doc.reference) text(doc.reference, 12, { align: 'right' });
  pdf.moveDown(0.8);
  for (const block of doc.blocks) {
    switch (block.kind) {
      case 'heading':
        pdf.moveDown(0.3);
        text(block.text, 13);
        break;
      case 'paragraph':
        text(block.text, 12, { indent: 24 });
        break;
      case 'clause':
        text(`${block.number}. ${block.text}`, 12, { indent: 24 });
        break;
      case 'signatures':
        pdf.moveDown(1);
        for (const place of block.places) {
          if (pdf.y > A4[1] - MARGIN - 70) pdf.addPage();
          const top = pdf.y;
          text(place.label, 12, { width: WIDTH / 2 });
          const image = signatures.get(place.signer);
          if (image) pdf.image(image, MARGIN + WIDTH / 2, top - 8, { fit: [WIDTH / 2, 48] });
          else
            pdf
              .moveTo(MARGIN + WIDTH / 2, top + 14)
              .lineTo(MARGIN + WIDTH, top + 14)
              .stroke();
          pdf.y = top + 54;
        }
        break;
      case 'closing':
        pdf.moveDown(1);
        for (const line of block.lines) text(line, 12, { align: 'right' });
        break;
    }
  }
  pdf.end();
  return done;
}

/** Whether an image (a signature) can be placed in a document: decoded once into a scratch PDF. */
export function drawableImage(bytes: Buffer): boolean {
  try {
    new PDFDocument({ autoFirstPage: true }).image(bytes, 0, 0, { fit: [10, 10] });
    return true;
  } catch {
    return false;
  }
}
