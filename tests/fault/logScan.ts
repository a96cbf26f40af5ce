import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Product promise: personal data never reaches a log. Scans every file the run's processes wrote
// for every applicant name, mobile and description used. JSON `\uXXXX` escapes are decoded first,
// so an escaped leak is found too.

export interface LogHit {
  file: string;
  /** Which kind of value leaked; the value itself is not repeated in the report. */
  kind: 'mobile' | 'text';
  offset: number;
}

export function scanForPersonalData(files: string[], values: Iterable<string>): { hits: LogHit[]; bytes: number } {
  const mobiles = new Set<string>();
  const texts: string[] = [];
  for (const v of values) (/^\d{11}$/.test(v) ? mobiles : { add: (t: string) => texts.push(t) }).add(v);
  const hits: LogHit[] = [];
  let bytes = 0;
  for (const file of files) {
    const raw = readFileSync(file);
    bytes += raw.length;
    const text = decodeJsonEscapes(raw.toString('utf8'));
    // Mobiles: every 11-digit window of every digit run (thousands of values, one pass).
    for (const m of text.matchAll(/\d{11,}/g)) {
      for (let i = 0; i + 11 <= m[0].length; i++) {
        if (mobiles.has(m[0].slice(i, i + 11))) hits.push({ file, kind: 'mobile', offset: m.index + i });
      }
    }
    // eslint-disable-next-line no-control-regex -- the ASCII range is meant, NUL included
    const hasWide = /[^\x00-\x7f]/.test(text);
    for (const t of texts) {
      // eslint-disable-next-line no-control-regex -- the ASCII range is meant, NUL included
      if (!hasWide && /[^\x00-\x7f]/.test(t)) continue; // a CJK value cannot be in an ASCII-only file
      const at = text.indexOf(t);
      if (at >= 0) hits.push({ file, kind: 'text', offset: at });
    }
  }
  return { hits, bytes };
}

/** Every regular file directly in `dir` whose name ends with `.log`. */
export function logFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.log'))
    .map((d) => join(dir, d.name));
}

function decodeJsonEscapes(text: string): string {
  return text.includes('\\u') ? text.replace(/\\u([0-9a-fA-F]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}
