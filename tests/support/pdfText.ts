import { execFileSync } from 'node:child_process';

// The text of a PDF as a person would read it, via poppler's pdftotext (Debian poppler-utils,
// installed by .ci/run). The receipt embeds a CID font, so its raw streams hold glyph numbers,
// not characters: extracting through the font's ToUnicode map is the honest check.

export function pdfText(path: string): string {
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') throw new Error('pdftotext is needed to read receipts (apt-get install poppler-utils)');
    throw error;
  }
}
