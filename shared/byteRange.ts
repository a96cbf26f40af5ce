// HTTP Range requests (RFC 9110 §14) for media files: one range of bytes. Used by the hub's
// media endpoint (agents resume downloads) and the kiosk hosts' /media/ routes (video seeking).

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

/**
 * The range a `Range` header asks for within a file of `size` bytes: a range, 'unsatisfiable'
 * (answer 416), or null to send the whole file (no header, another unit, several ranges or a
 * malformed value — RFC 9110 lets a server ignore what it does not support).
 */
export function parseRange(header: string | null | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m) return null;
  const [, first, last] = m;
  if (first === '' && last === '') return null;
  if (first === '') {
    // Suffix: the last N bytes.
    const n = Number(last);
    if (n === 0) return 'unsatisfiable';
    return size === 0 ? 'unsatisfiable' : { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(first);
  if (!Number.isSafeInteger(start) || start >= size) return 'unsatisfiable';
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (!Number.isSafeInteger(end) || end < start) return null;
  return { start, end };
}

/** `Content-Range` of a partial response, or of a 416 (`range` null). */
export function contentRange(range: ByteRange | null, size: number): string {
  return range ? `bytes ${range.start}-${range.end}/${size}` : `bytes */${size}`;
}

/** True when a conditional header lists `etag` (strong comparison; `*` matches anything). */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}
