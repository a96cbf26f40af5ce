import type { ReceiptDocument } from './receipt.js';
import { numberPieces, numberSize } from './numberPieces.js';
import { qrSvg } from './receiptQr.js';

// The receipt as a self-contained HTML page for an 80 mm roll printer (the Electron host prints
// it silently from an offscreen window). No script, no external resource: a CSP meta tag forbids
// both, and every value is escaped. The provisional number is printed whole (break-all split it
// anywhere; one nowrap line at 14 pt ran a 31-character number past the paper): its size follows its
// length, down to 9 pt, and a number too long even then breaks only after a hyphen.

export const RECEIPT_PAPER_WIDTH_MM = 80;
/** Printable width of an 80 mm roll on common thermal printers (72 mm; margins are the printer's). */
export const RECEIPT_PRINT_WIDTH_MM = 72;

/** The number's line inside its box (72 mm less the box's border and padding), and its sizes in pt. */
const NUMBER_LINE_MM = 68;
const NUMBER_PT = { widest: 14, smallest: 9 };
const PT_PER_MM = 72 / 25.4;

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const css = `
@page { size: ${RECEIPT_PAPER_WIDTH_MM}mm auto; margin: 0; }
* { box-sizing: border-box; }
html, body { margin: 0; padding: 0; background: #fff; color: #000; }
body { width: ${RECEIPT_PRINT_WIDTH_MM}mm; margin: 0 auto; padding: 3mm 0 6mm;
  font: 10pt/1.4 "Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "SimHei", sans-serif; }
h1 { font-size: 14pt; margin: 0; text-align: center; }
.sub { text-align: center; font-size: 9pt; margin: 0 0 2mm; }
.number { border: 0.4mm solid #000; padding: 1.5mm; text-align: center; margin: 2mm 0; }
.number span { display: block; font-size: 9pt; }
.number strong { display: block; letter-spacing: 0.02em; overflow-wrap: break-word; }
dl { margin: 0; }
dl div { display: flex; gap: 2mm; padding: 0.6mm 0; border-bottom: 0.2mm dashed #000; }
dt { flex: none; width: 20mm; }
dd { margin: 0; font-weight: bold; word-break: break-all; }
.qr { text-align: center; margin: 3mm 0 1mm; }
.qr svg { width: 34mm; height: 34mm; }
.qr p { margin: 0; font-size: 9pt; }
h2 { font-size: 11pt; margin: 3mm 0 1mm; }
ol { margin: 0; padding-left: 4.5mm; }
li { margin: 0 0 0.8mm; }
h2 + p { margin: 0; }
.footer { margin-top: 3mm; font-size: 8.5pt; border-top: 0.4mm solid #000; padding-top: 1.5mm; }
`;

export function receiptHtml(doc: ReceiptDocument): string {
  const e = escapeHtml;
  const numberPt = numberSize(doc.provisionalNumber, NUMBER_LINE_MM * PT_PER_MM, NUMBER_PT.widest, NUMBER_PT.smallest).toFixed(1);
  // a line may end only after a hyphen (break-word: a hyphenless run longer than the line still wraps, whole)
  const number = numberPieces(doc.provisionalNumber).map(e).join('<wbr>');
  const rows = doc.rows.map((r) => `<div><dt>${e(r.label)}</dt><dd>${e(r.value)}</dd></div>`).join('');
  const list = (lines: string[]) => (lines.length > 1 ? `<ol>${lines.map((l) => `<li>${e(l)}</li>`).join('')}</ol>` : `<p>${e(lines[0] ?? '')}</p>`);
  const sections = doc.sections.map((s) => `<h2>${e(s.title)}</h2>${list(s.lines)}`).join('');
  return `<!doctype html>
<html lang="${doc.language === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${e(doc.title)}</title>
<style>${css}</style>
</head>
<body>
<h1>${e(doc.title)}</h1>
<p class="sub">${e(doc.subtitle)}</p>
<div class="number"><span>${e(doc.provisionalNumberLabel)}</span><strong style="font-size: ${numberPt}pt">${number}</strong></div>
<dl>${rows}</dl>
<div class="qr">${qrSvg(doc.statusUrl)}<p>${e(doc.qrCaption)}</p></div>
${sections}
<p class="footer">${e(doc.footer)}</p>
</body>
</html>
`;
}
