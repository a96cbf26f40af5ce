import { documentKindLabels } from '../../shared/cases/caseLabels.js';
import type { DocumentView } from '../../shared/courtApi/cases.js';

// The name a downloaded court document is saved under: the case's number, what the document is
// and its version, with the extension its type has — "（2026）甘0103民诉前调1号 调解协议书（已签署）v1.pdf",
// not a bare id a clerk cannot find again in their downloads. Browsers read the UTF-8 name from
// `filename*` (RFC 6266/8187); `filename` keeps an ASCII fallback for the few that do not.

const extensions: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/ogg': 'ogg',
};

export function downloadName(caseLabel: string, doc: Pick<DocumentView, 'documentId' | 'kind' | 'version' | 'mimeType'>): { utf8: string; ascii: string } {
  const ext = extensions[doc.mimeType] ?? 'bin';
  // no path separators, quotes or control characters survive into a file name
  const clean = (v: string) =>
    [...v]
      .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
      .join('')
      .trim();
  return {
    utf8: `${clean(caseLabel)} ${clean(documentKindLabels[doc.kind].zh)}v${doc.version}.${ext}`,
    ascii: `${doc.kind}-v${doc.version}-${doc.documentId.replace(/[^A-Za-z0-9_-]/g, '_')}.${ext}`,
  };
}

/** The Content-Disposition of a download under that name. */
export function attachmentDisposition(name: { utf8: string; ascii: string }): string {
  const encoded = encodeURIComponent(name.utf8).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encoded}`;
}
