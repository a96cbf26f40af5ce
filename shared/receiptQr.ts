import QRCode from 'qrcode';

// The receipt's QR code (a status-lookup link) as a module matrix, so each renderer draws it its
// own way: vector squares in the PDF, an SVG path on screen and in the Electron print page.
// Error correction M: a thermal print or a creased receipt still scans.

export interface QrMatrix {
  size: number;
  dark(row: number, col: number): boolean;
}

export function qrMatrix(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  return { size: modules.size, dark: (row, col) => Boolean(modules.get(row, col)) };
}

/** Quiet zone of 4 modules, as the QR standard asks; one unit per module. */
const QUIET = 4;

/** A self-contained SVG (no script, no external references) of the QR code for `text`. */
export function qrSvg(text: string): string {
  const m = qrMatrix(text);
  const path: string[] = [];
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) if (m.dark(r, c)) path.push(`M${c + QUIET} ${r + QUIET}h1v1h-1z`);
  }
  const side = m.size + QUIET * 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}" shape-rendering="crispEdges"><rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${path.join('')}"/></svg>`;
}

/** The SVG as a data: URL for an <img> (the kiosk CSP allows `img-src data:`). */
export function qrDataUrl(text: string): string {
  return `data:image/svg+xml;base64,${btoa(qrSvg(text))}`; // the SVG is pure ASCII
}
