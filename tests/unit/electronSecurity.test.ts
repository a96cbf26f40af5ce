import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler, RECOVERY_URL } from '../../main/electron/appProtocol.js';
import {
  APP_ORIGIN,
  APP_SCHEME,
  contentSecurityPolicy,
  contentTypeFor,
  isAppOrigin,
  isAppUrl,
  navigationDecision,
  permissionCheckDecision,
  permissionDecision,
  resolveAppFile,
  windowOpenDecision,
} from '../../main/electron/security.js';

const dir = path.resolve('/opt/kiosk/dist/renderer');
const media = { isMainFrame: true, requestingUrl: 'kiosk://app/', mediaTypes: ['video', 'audio'] };

describe('origin', () => {
  it('is kiosk://app', () => {
    expect(APP_SCHEME).toBe('kiosk');
    expect(APP_ORIGIN).toBe('kiosk://app');
  });

  it.each(['kiosk://app/', 'kiosk://app', 'kiosk://app/index.html', 'kiosk://app/intake/claims?x=1#top', 'KIOSK://APP/'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
  });

  it.each([
    'file:///etc/passwd',
    'https://example.com/',
    'http://127.0.0.1:5173/',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'kiosk://evil/',
    'kiosk://app.evil/',
    'kiosk://app:8080/',
    'kiosk://user@app/',
    'kiosk:///app/',
    'kiosk:app/',
    'blob:kiosk://app/uuid',
    '',
    'not a url',
  ])('rejects %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl({ toString: () => 'kiosk://app/' })).toBe(false);
  });

  it('accepts our origin with or without a trailing slash', () => {
    expect(isAppOrigin('kiosk://app')).toBe(true);
    expect(isAppOrigin('kiosk://app/')).toBe(true);
    expect(isAppOrigin('https://app')).toBe(false);
    expect(isAppOrigin('kiosk://app/x')).toBe(true); // a URL on our origin is still ours
  });
});

describe('content security policy', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));

  it('is strict and lets the page reach the hub over https and wss', () => {
    const csp = directives(contentSecurityPolicy('https://hub.court.example.cn:8443/some/path'));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:']);
    expect(csp.get('connect-src')).toEqual(["'self'", 'https://hub.court.example.cn:8443', 'wss://hub.court.example.cn:8443']);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('uses ws: for a plain-http hub', () => {
    expect(contentSecurityPolicy('http://10.0.0.5:8080')).toContain("connect-src 'self' http://10.0.0.5:8080 ws://10.0.0.5:8080;");
  });

  it.each(['', 'not a url', 'file:///etc', 'javascript:alert(1)', "https://x'; script-src *", 'https://u:p@hub.example'])('leaves an unusable hub (%s) out instead of loosening the policy', (hub) => {
    const csp = contentSecurityPolicy(hub);
    expect(csp).toContain("connect-src 'self';");
    expect(csp).not.toMatch(/\*/);
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('navigation and windows', () => {
  it('allows only our origin', () => {
    expect(navigationDecision('kiosk://app/')).toBe('allow');
    expect(navigationDecision('kiosk://app/intake/review')).toBe('allow');
  });

  it.each(['file:///C:/Windows/System32/', 'file:///etc/passwd', 'javascript:alert(1)', 'https://evil.example/', 'data:text/html,x', 'chrome://gpu', 'kiosk://other/'])('denies %s', (url) => {
    expect(navigationDecision(url)).toBe('deny');
  });

  it('never opens a window', () => {
    expect(windowOpenDecision()).toEqual({ action: 'deny' });
  });
});

describe('permission requests', () => {
  it('grants camera and microphone to our own top-level page', () => {
    expect(permissionDecision('media', 'kiosk://app/', media)).toBe(true);
    expect(permissionDecision('media', 'kiosk://app/video', { ...media, mediaTypes: ['audio'] })).toBe(true);
  });

  it('refuses media to another origin', () => {
    expect(permissionDecision('media', 'https://evil.example/', { ...media, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(permissionDecision('media', 'file:///tmp/x.html', { ...media, requestingUrl: 'file:///tmp/x.html' })).toBe(false);
    expect(permissionDecision('media', 'kiosk://app/', { ...media, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(permissionDecision('media', 'kiosk://app/', { ...media, securityOrigin: 'https://evil.example' })).toBe(false);
  });

  it('refuses media from a subframe or with odd media types', () => {
    expect(permissionDecision('media', 'kiosk://app/', { ...media, isMainFrame: false })).toBe(false);
    expect(permissionDecision('media', 'kiosk://app/', { isMainFrame: true })).toBe(false);
    expect(permissionDecision('media', 'kiosk://app/', { ...media, mediaTypes: [] })).toBe(false);
    expect(permissionDecision('media', 'kiosk://app/', { ...media, mediaTypes: ['video', 'screen'] })).toBe(false);
  });

  it.each([
    'geolocation',
    'notifications',
    'display-capture',
    'clipboard-read',
    'clipboard-sanitized-write',
    'fullscreen',
    'openExternal',
    'pointerLock',
    'midi',
    'midiSysex',
    'hid',
    'serial',
    'usb',
    'fileSystem',
    'idle-detection',
    'window-management',
    'unknown',
  ])('refuses %s even to our own page', (permission) => {
    expect(permissionDecision(permission, 'kiosk://app/', media)).toBe(false);
    expect(permissionCheckDecision(permission, 'kiosk://app', { isMainFrame: true, mediaType: 'video' })).toBe(false);
  });
});

describe('permission checks', () => {
  it('allows media checks for our origin', () => {
    expect(permissionCheckDecision('media', 'kiosk://app', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(permissionCheckDecision('media', 'kiosk://app/', { isMainFrame: true, mediaType: 'audio', securityOrigin: 'kiosk://app/' })).toBe(true);
  });

  it('refuses other origins, embedders and unknown media types', () => {
    expect(permissionCheckDecision('media', 'https://evil.example', { isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(permissionCheckDecision('media', 'kiosk://app', { isMainFrame: false, mediaType: 'video', embeddingOrigin: 'https://evil.example' })).toBe(false);
    expect(permissionCheckDecision('media', 'kiosk://app', { isMainFrame: true, mediaType: 'video', securityOrigin: 'https://evil.example' })).toBe(false);
    expect(permissionCheckDecision('media', 'kiosk://app', { isMainFrame: true, mediaType: 'unknown' })).toBe(false);
    expect(permissionCheckDecision('media', 'kiosk://app', { isMainFrame: true })).toBe(false);
  });
});

describe('resolveAppFile', () => {
  const index = path.join(dir, 'index.html');

  it('serves index.html for / and for client-side routes', () => {
    expect(resolveAppFile(dir, 'kiosk://app/')).toBe(index);
    expect(resolveAppFile(dir, 'kiosk://app')).toBe(index);
    expect(resolveAppFile(dir, 'kiosk://app/intake/claims')).toBe(index);
    expect(resolveAppFile(dir, 'kiosk://app/intake/')).toBe(index);
    expect(resolveAppFile(dir, 'kiosk://app/?lang=en#home')).toBe(index);
  });

  it('maps assets to files under the renderer folder', () => {
    expect(resolveAppFile(dir, 'kiosk://app/assets/index-abc123.js')).toBe(path.join(dir, 'assets', 'index-abc123.js'));
    expect(resolveAppFile(dir, 'kiosk://app/index.html')).toBe(index);
    expect(resolveAppFile(dir, 'kiosk://app/fonts/%E6%80%9D%E6%BA%90.woff2?v=2')).toBe(path.join(dir, 'fonts', '思源.woff2'));
  });

  it.each([
    'kiosk://app/../../etc/passwd',
    'kiosk://app/assets/../../../etc/passwd',
    'kiosk://app/%2e%2e/%2e%2e/etc/passwd',
    'kiosk://app/%2E%2E/secret.txt',
    'kiosk://app/.%2e/secret.txt',
    'kiosk://app/%252e%252e/secret.txt',
    'kiosk://app/..%2fsecret.txt',
    'kiosk://app/assets%2f..%2f..%2fsecret.txt',
    'kiosk://app/..\\..\\windows\\win.ini',
    'kiosk://app/%5c..%5cwin.ini',
    'kiosk://app//etc/passwd',
    'kiosk://app/C:/Windows/win.ini',
    'kiosk://app/C:%5CWindows%5Cwin.ini',
    'kiosk://app/./index.html',
    'kiosk://app/index.html%00.png',
    'kiosk://app/%E0%A4%A.js',
    'kiosk://evil/index.html',
    'file:///etc/passwd',
    'https://example.com/index.html',
  ])('refuses %s', (url) => {
    expect(resolveAppFile(dir, url)).toBeNull();
  });

  it('never resolves outside the renderer folder, whatever the input', () => {
    const piece = fc.constantFrom('..', '%2e', '%2E', '%25', '.', '/', '\\', '%2f', '%5c', 'a', 'b.js', '%00', ':', 'C:', '%', '~', '?', '#');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 8 }), (parts) => {
        const file = resolveAppFile(dir, `kiosk://app/${parts.join('')}`);
        if (file !== null) {
          const rel = path.relative(dir, file);
          expect(rel.startsWith('..') || path.isAbsolute(rel)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('has explicit content types for the asset kinds we ship', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/a.css')).toMatch(/^text\/css/);
    expect(contentTypeFor('/x/a.woff2')).toBe('font/woff2');
    expect(contentTypeFor('/x/a.mp4')).toBe('video/mp4');
    expect(contentTypeFor('/x/a.unknown')).toBe('application/octet-stream');
  });
});

describe('kiosk:// protocol handler', () => {
  const files = new Map<string, string>([
    [path.join(dir, 'index.html'), '<!doctype html><title>home</title>'],
    [path.join(dir, 'assets', 'app.js'), 'console.log(1)'],
  ]);
  const reads: Array<{ file: string; range: string | null }> = [];
  const handler = createAppProtocolHandler({
    rendererDir: dir,
    hubOrigin: () => 'https://hub.example.cn',
    readFile: async (file, range) => {
      reads.push({ file, range });
      const body = files.get(file);
      return body === undefined ? new Response(null, { status: 404 }) : new Response(body, { status: 200 });
    },
  });

  it('serves the app with the CSP and nosniff', async () => {
    expect((await handler(fakeRequest('https://evil.example/index.html'))).status).toBe(404);
    const home = await handler(fakeRequest('kiosk://app/'));
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<title>home</title>');
    expect(home.headers.get('content-security-policy')).toContain("connect-src 'self' https://hub.example.cn wss://hub.example.cn");
    expect(home.headers.get('x-content-type-options')).toBe('nosniff');
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    const js = await handler(fakeRequest('kiosk://app/assets/app.js'));
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for traversal and missing files without reading outside the folder', async () => {
    reads.length = 0;
    expect((await handler(fakeRequest('kiosk://app/%2e%2e/%2e%2e/etc/passwd'))).status).toBe(404);
    expect((await handler(fakeRequest('kiosk://app/missing.png'))).status).toBe(404);
    for (const r of reads) expect(path.relative(dir, r.file).startsWith('..')).toBe(false);
  });

  it('passes Range through for media and refuses writes', async () => {
    reads.length = 0;
    await handler(fakeRequest('kiosk://app/assets/app.js', { range: 'bytes=0-3' }));
    expect(reads[0]?.range).toBe('bytes=0-3');
    expect((await handler(fakeRequest('kiosk://app/', {}, 'POST'))).status).toBe(405);
  });

  it('serves the built-in recovery page even if the bundle is broken', async () => {
    const res = await handler(fakeRequest(RECOVERY_URL));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('正在恢复');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });
});

/** Node's Request refuses unknown schemes, so hand the handler the fields it reads. */
function fakeRequest(url: string, headers: Record<string, string> = {}, method = 'GET'): Request {
  return { url, method, headers: new Headers(headers) } as unknown as Request;
}
