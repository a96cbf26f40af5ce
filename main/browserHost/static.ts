import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentTypeFor, kioskCsp } from '../bridge/webContent.js';

// Serves the built renderer. Only GET/HEAD, only files under the renderer folder, with the
// same strict CSP the Electron host sets. Hashed build output (assets/) is cached for good, and
// sent precompressed when the build left a .br or .gz beside it (scripts/build.mjs).

/** The page talks to its own host's bridge socket only; the hub is reached through the agent. */
export function browserHostCsp(hubOrigin: string): string {
  return kioskCsp(["'self'", 'ws://127.0.0.1:*', 'ws://localhost:*', hubOrigin]);
}

/** Maps a request path to a file inside `root`, or null for anything that would escape it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]!);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^(\.\.(\/|\\|$))+/, '');
  if (relative.split(/[/\\]/).includes('..')) return null;
  const full = join(root, relative);
  return full === root || full.startsWith(root + sep) ? full : null;
}

/** Vite names everything under assets/ by its content hash: a changed file is a new name. */
export function cacheControlFor(root: string, path: string): string {
  return path.startsWith(join(root, 'assets') + sep) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

const PRECOMPRESSED = [
  ['br', '.br'],
  ['gzip', '.gz'],
] as const;

/** The precompressed copy to send for `accept-encoding`, if the build made one. */
export function precompressedFor(path: string, acceptEncoding: string | undefined, exists: (path: string) => boolean): { encoding: string; path: string } | null {
  const accepted = new Set((acceptEncoding ?? '').split(',').map((part) => part.split(';')[0]!.trim().toLowerCase()));
  for (const [encoding, suffix] of PRECOMPRESSED) {
    if (accepted.has(encoding) && exists(path + suffix)) return { encoding, path: path + suffix };
  }
  return null;
}

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

export function serveStatic(root: string, csp: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const file = resolveStaticPath(root, req.url ?? '/');
  let path = file && isFile(file) ? file : null;
  // Unknown routes get the app shell, so a reload on any screen still boots the kiosk.
  if (!path && file && !extname(file)) path = join(root, 'index.html');
  if (!path) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const compressed = precompressedFor(path, req.headers['accept-encoding'], isFile);
  res.writeHead(200, {
    'content-type': contentTypeFor(path),
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': path.endsWith('index.html') ? 'no-store' : cacheControlFor(root, path),
    vary: 'accept-encoding',
    ...(compressed ? { 'content-encoding': compressed.encoding } : {}),
  });
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(compressed?.path ?? path)
      .on('error', () => res.destroy())
      .pipe(res);
}
