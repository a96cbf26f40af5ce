import PDFDocument from 'pdfkit';
import type { ReceiptFont } from './receiptFont.js';
import type { ReceiptDocument } from '../../shared/receipt.js';
import { RECEIPT_PAPER_WIDTH_MM, RECEIPT_PRINT_WIDTH_MM } from '../../shared/receiptHtml.js';
import { qrMatrix } from '../../shared/receiptQr.js';

// The receipt as an 80 mm-wide PDF (browser host), drawn with pdfkit: pure JavaScript, offline,
// embeds a subset of a system CJK font (so the text is selectable and extractable), and draws
// the QR code as vector squares that stay sharp on a 203 dpi thermal head.

const PT_PER_MM = 72 / 25.4;
const PAGE_WIDTH = RECEIPT_PAPER_WIDTH_MM * PT_PER_MM;
const MARGIN = ((RECEIPT_PAPER_WIDTH_MM - RECEIPT_PRINT_WIDTH_MM) / 2) * PT_PER_MM;
const CONTENT_WIDTH = RECEIPT_PRINT_WIDTH_MM * PT_PER_MM;
/** Drawn on a page longer than any receipt, then cropped to the content (roll paper). */
const DRAFT_HEIGHT = 4000;

export async function renderReceiptPdf(doc: ReceiptDocument, font: ReceiptFont): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: [PAGE_WIDTH, DRAFT_HEIGHT],
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    // Nothing personal in the metadata: the title is the document's kind only.
    info: { Title: doc.title, Producer: 'dispute-kiosk', Creator: 'dispute-kiosk' },
    lang: doc.language,
    compress: true,
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  pdf.registerFont('receipt', font.path, font.face);
  pdf.font('receipt');
  const text = (value: string, size: number, options: PDFKit.Mixins.TextOptions = {}) => pdf.fontSize(size).text(value, MARGIN, pdf.y, { width: CONTENT_WIDTH, ...options });
  const rule = (weight: number, dash = false) => {
    const y = pdf.y + 2;
    pdf.save().lineWidth(weight);
    if (dash) pdf.dash(2, { space: 2 });
    pdf
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + CONTENT_WIDTH, y)
      .stroke()
      .restore();
    pdf.y = y + 3;
  };

  text(doc.title, 13, { align: 'center' });
  text(doc.subtitle, 8.5, { align: 'center' });
  pdf.moveDown(0.4);
  const boxTop = pdf.y;
  pdf.y += 4;
  text(doc.provisionalNumberLabel, 8.5, { align: 'center' });
  text(doc.provisionalNumber, 14, { align: 'center' });
  pdf.y += 3;
  pdf
    .save()
    .lineWidth(1)
    .rect(MARGIN, boxTop, CONTENT_WIDTH, pdf.y - boxTop)
    .stroke()
    .restore();
  pdf.y += 4;

  const labelWidth = doc.language === 'en' ? 68 : 58;
  for (const row of doc.rows) {
    const top = pdf.y;
    pdf.fontSize(9).text(row.label, MARGIN, top, { width: labelWidth - 4 });
    const afterLabel = pdf.y;
    pdf.fontSize(9).text(row.value, MARGIN + labelWidth, top, { width: CONTENT_WIDTH - labelWidth });
    pdf.y = Math.max(afterLabel, pdf.y);
    rule(0.4, true);
  }

  drawQr(pdf, doc.statusUrl, 96);
  text(doc.qrCaption, 8.5, { align: 'center' });

  for (const section of doc.sections) {
    pdf.moveDown(0.5);
    text(section.title, 10.5);
    section.lines.forEach((line, i) => text(section.lines.length > 1 ? `${i + 1}. ${line}` : line, 9, { paragraphGap: 1.5 }));
  }
  pdf.moveDown(0.5);
  rule(1);
  text(doc.footer, 8.5);

  // Crop the long draft page to what was drawn: pdfkit draws top-down on a page whose origin is
  // the bottom-left corner, so the content occupies [height - y, height] of the MediaBox.
  const used = Math.ceil(pdf.y + MARGIN * 2);
  (pdf.page as unknown as { dictionary: { data: { MediaBox: number[] } } }).dictionary.data.MediaBox = [0, DRAFT_HEIGHT - used, PAGE_WIDTH, DRAFT_HEIGHT];
  pdf.end();
  return done;
}

function drawQr(pdf: PDFKit.PDFDocument, url: string, sidePt: number): void {
  const m = qrMatrix(url);
  const cell = sidePt / m.size;
  const left = MARGIN + (CONTENT_WIDTH - sidePt) / 2;
  const top = pdf.y + 8;
  pdf.save().fillColor('#000');
  for (let r = 0; r < m.size; r++) for (let c = 0; c < m.size; c++) if (m.dark(r, c)) pdf.rect(left + c * cell, top + r * cell, cell, cell);
  pdf.fill().restore();
  pdf.y = top + sidePt + 4;
}
