import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { contentTypeFor, kioskCsp } from '../bridge/webContent.js';

// Serves the built renderer. Only GET/HEAD, only files under the renderer folder, with the
// same strict CSP the Electron host sets.

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

export function serveStatic(root: string, csp: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const file = resolveStaticPath(root, req.url ?? '/');
  let path = file;
  try {
    if (!path || !statSync(path).isFile()) path = null;
  } catch {
    path = null;
  }
  // Unknown routes get the app shell, so a reload on any screen still boots the kiosk.
  if (!path && file && !extname(file)) path = join(root, 'index.html');
  if (!path) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'content-type': contentTypeFor(path),
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': path.endsWith('index.html') ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (req.method === 'HEAD') res.end();
  else
    createReadStream(path)
      .on('error', () => res.destroy())
      .pipe(res);
}
