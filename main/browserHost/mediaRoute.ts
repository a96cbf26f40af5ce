import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentRange, etagMatches, parseRange } from '../../shared/byteRange.js';
import type { PlaylistMimeType } from '../../shared/playlist.js';
import { mediaNameFromPath, MEDIA_URL_PREFIX } from '../agent/playlist/mediaFiles.js';

// The browser host's `/media/<sha256>.<ext>` route: legal-education media straight from the
// agent's verified cache (so the loop plays offline), never from the hub. Only files the cache
// vouches for are served; Range is supported because <video> seeks and probes with it.

export interface VerifiedMedia {
  resolve(fileName: string): { path: string; mimeType: PlaylistMimeType; size: number } | null;
}

export function isMediaRequest(url: string | undefined): boolean {
  return (url ?? '').startsWith(MEDIA_URL_PREFIX);
}

export function serveMedia(media: VerifiedMedia, csp: string, req: IncomingMessage, res: ServerResponse): void {
  const headers: Record<string, string> = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, allow: 'GET, HEAD' }).end();
    return;
  }
  const name = mediaNameFromPath(req.url ?? '');
  const file = name ? media.resolve(name.fileName) : null;
  if (!name || !file) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  // Content-addressed: the bytes behind a name never change, so the hash is a perfect ETag.
  const etag = `"${name.sha256}"`;
  Object.assign(headers, {
    'content-type': file.mimeType,
    'accept-ranges': 'bytes',
    etag,
    'cache-control': 'no-cache', // revalidate: a file evicted from the cache must not live on in the browser's
  });
  if (etagMatches(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers).end();
    return;
  }
  const ifRange = req.headers['if-range'];
  const range = ifRange && ifRange !== etag ? null : parseRange(req.headers.range, file.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': contentRange(null, file.size) }).end();
    return;
  }
  const status = range ? 206 : 200;
  const start = range?.start ?? 0;
  const end = range?.end ?? file.size - 1;
  res.writeHead(status, {
    ...headers,
    'content-length': String(end - start + 1),
    ...(range ? { 'content-range': contentRange(range, file.size) } : {}),
  });
  if (req.method === 'HEAD' || file.size === 0) {
    res.end();
    return;
  }
  createReadStream(file.path, { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
}
