import { resolveMediaUrl } from './mediaUrl.js';
import { APP_ORIGIN, contentSecurityPolicy, contentTypeFor, isAppUrl, resolveAppFile } from './security.js';

// The kiosk:// protocol: serves the built renderer from disk, and a built-in recovery page the
// shell can show even when the renderer bundle is what broke. Pure apart from `readFile`, which
// main.ts backs with `net.fetch(file://…)`, so every response is testable here.

export const RECOVERY_PATH = '/__recovery';
export const RECOVERY_URL = `${APP_ORIGIN}${RECOVERY_PATH}`;

export interface AppProtocolOptions {
  /** Absolute path of dist/renderer. */
  rendererDir: string;
  /** Read at every response, so a hub URL learnt later applies to the next page load. */
  hubOrigin: () => string;
  /** Fetches an absolute file path; `range` is the request's Range header, if any. */
  readFile: (absolutePath: string, range: string | null) => Promise<Response>;
  /** The agent's verified media cache (<dataDir>/media), served at kiosk://app/media/. */
  mediaDir?: string;
}

export function securityHeaders(hubOrigin: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(hubOrigin),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}

export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = securityHeaders(options.hubOrigin());
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...headers, Allow: 'GET, HEAD' } });
    }
    if (isAppUrl(request.url) && pathOf(request.url) === RECOVERY_PATH) {
      return new Response(request.method === 'HEAD' ? null : recoveryPageHtml, {
        status: 200,
        headers: { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
      });
    }
    // Legal-education media: only verified cache files, by their exact content-addressed name.
    const media = options.mediaDir !== undefined && pathOf(request.url).startsWith('/media/') ? resolveMediaUrl(options.mediaDir, request.url) : undefined;
    if (media === null) return notFound(headers);
    const file = media ? media.path : resolveAppFile(options.rendererDir, request.url);
    if (file === null) return notFound(headers);
    let response: Response;
    try {
      response = await options.readFile(file, request.headers.get('range'));
    } catch {
      return notFound(headers);
    }
    if (!response.ok) return notFound(headers);
    const out = new Headers(headers);
    out.set('Content-Type', media ? media.mimeType : contentTypeFor(file));
    for (const name of ['content-length', 'content-range', 'accept-ranges']) {
      const value = response.headers.get(name);
      if (value !== null) out.set(name, value);
    }
    return new Response(request.method === 'HEAD' ? null : response.body, { status: response.status, headers: out });
  };
}

function notFound(headers: Record<string, string>): Response {
  return new Response('Not found', { status: 404, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' } });
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

/**
 * Shown for a moment after a renderer crash or hang, before the shell loads home again. Static
 * (no script: the shell drives the return), bilingual, large type, no personal data.
 */
export const recoveryPageHtml = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>正在恢复 · Restoring</title>
<style>
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; align-items: center; justify-content: center;
         background: #f4f6f8; color: #1a2733; font-family: "Noto Sans CJK SC", "Noto Sans SC", sans-serif; }
  h1 { font-size: 48px; margin: 0 0 16px; }
  p { font-size: 28px; margin: 8px; }
  .spinner { width: 64px; height: 64px; margin-bottom: 32px; border-radius: 50%;
             border: 8px solid #c9d3dc; border-top-color: #1f5fa8; animation: spin 1s linear infinite; }
  @keyframes spin { to { transform: rotate(360deg); } }
  @media (prefers-reduced-motion: reduce) { .spinner { animation: none; } }
</style>
</head>
<body>
  <div class="spinner" aria-hidden="true"></div>
  <h1>正在恢复，请稍候</h1>
  <p>已提交的材料不会丢失，马上返回首页。</p>
  <p lang="en">Restoring the kiosk. Nothing you submitted is lost. Returning to the start screen…</p>
</body>
</html>
`;
