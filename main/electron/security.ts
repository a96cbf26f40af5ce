import path from 'node:path';
import { kioskCsp } from '../bridge/webContent.js';

export { contentTypeFor } from '../bridge/webContent.js';

// Every security decision the Electron shell makes, as plain functions of plain inputs: which
// URLs are ours, where a page may navigate, which permissions it gets, and which file a
// kiosk:// URL may read. main.ts only wires these to Electron's hooks.

export const APP_SCHEME = 'kiosk';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const HOME_URL = `${APP_ORIGIN}/`;

/**
 * The origin (scheme://host[:port]) of a URL, or null. Computed by hand because WHATWG `URL`
 * reports an opaque "null" origin for schemes it does not know, such as ours.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.host === '') return null;
  // Chromium lowercases the host of a standard scheme; Node leaves an opaque host as written.
  return `${parsed.protocol}//${parsed.host.toLowerCase()}`;
}

/** True only for URLs on our own origin (kiosk://app), never file:, data:, javascript: etc. */
export function isAppUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  if (!url.toLowerCase().startsWith(`${APP_SCHEME}:`)) return false;
  const parsed = safeUrl(url);
  if (!parsed || parsed.username !== '' || parsed.password !== '' || parsed.port !== '') return false;
  return originOf(url) === APP_ORIGIN;
}

/** A permission check passes an origin, which Chromium may spell with a trailing slash. */
export function isAppOrigin(origin: unknown): boolean {
  if (typeof origin !== 'string') return false;
  return isAppUrl(origin.endsWith('/') ? origin : `${origin}/`);
}

// ---------------------------------------------------------------------------------------------
// Content-Security-Policy

/** The hub's origin plus its WebSocket twin (signalling), or nothing if the URL is unusable. */
export function hubConnectSources(hubOrigin: string): string[] {
  const parsed = safeUrl(hubOrigin.trim());
  if (!parsed || (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')) return [];
  if (parsed.username !== '' || parsed.password !== '') return [];
  const ws = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
  return [parsed.origin, `${ws}//${parsed.host}`];
}

/**
 * The policy sent with every kiosk:// response. `hubOrigin` is the court hub's URL (any path is
 * dropped); an empty or malformed value simply leaves the hub out rather than loosening anything.
 */
export function contentSecurityPolicy(hubOrigin: string): string {
  return kioskCsp(["'self'", ...hubConnectSources(hubOrigin)]);
}

// ---------------------------------------------------------------------------------------------
// Navigation and windows

export type NavigationDecision = 'allow' | 'deny';

/** Pages may move only within our own origin; everything else (file:, http:, javascript:) is stopped. */
export function navigationDecision(url: string): NavigationDecision {
  return isAppUrl(url) ? 'allow' : 'deny';
}

/** The kiosk never opens a second window, for any URL. */
export function windowOpenDecision(): { action: 'deny' } {
  return { action: 'deny' };
}

// ---------------------------------------------------------------------------------------------
// Permissions: camera and microphone for our own top-level page; nothing else, ever.

export interface PermissionRequestDetails {
  isMainFrame?: boolean;
  requestingUrl?: string;
  mediaTypes?: readonly string[];
  securityOrigin?: string;
}

export interface PermissionCheckDetails {
  isMainFrame?: boolean;
  requestingUrl?: string;
  mediaType?: string;
  securityOrigin?: string;
  embeddingOrigin?: string;
}

const isCaptureType = (t: unknown) => t === 'video' || t === 'audio';

/** For `session.setPermissionRequestHandler`: may this request be granted? */
export function permissionDecision(permission: string, requestingUrl: string, details: PermissionRequestDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingUrl)) return false;
  if (details.requestingUrl !== undefined && !isAppUrl(details.requestingUrl)) return false;
  if (details.securityOrigin !== undefined && !isAppOrigin(details.securityOrigin)) return false;
  // The app has no frames; a request from anywhere but the top page is not ours.
  if (details.isMainFrame !== true) return false;
  const types = details.mediaTypes;
  // Camera and microphone only: an empty list, screen capture or anything new is refused.
  return Array.isArray(types) && types.length > 0 && types.every(isCaptureType);
}

/**
 * For `session.setPermissionCheckHandler`: the same rule for synchronous checks (e.g. device
 * enumeration). `isMainFrame` is not required here because Chromium does not report it reliably
 * for media checks; a cross-origin embedder is refused instead.
 */
export function permissionCheckDecision(permission: string, requestingOrigin: string, details: PermissionCheckDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppOrigin(requestingOrigin)) return false;
  if (details.securityOrigin !== undefined && !isAppOrigin(details.securityOrigin)) return false;
  if (details.requestingUrl !== undefined && !isAppUrl(details.requestingUrl)) return false;
  if (details.embeddingOrigin !== undefined && !isAppOrigin(details.embeddingOrigin)) return false;
  return isCaptureType(details.mediaType);
}

// ---------------------------------------------------------------------------------------------
// kiosk://app/<path> → a file under the renderer's dist folder

/**
 * Maps a kiosk:// URL to an absolute file path inside `rendererDir`, or null when the URL must
 * not be served. Refuses any other origin, dot segments (plain or percent-encoded), encoded
 * slashes, double encoding, backslashes, NUL, drive letters and empty segments (`//etc/passwd`). `/` and routes
 * without a file extension (client-side routes such as `/intake/claims`) serve `index.html`.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  // Judge the raw text: WHATWG parsing would quietly resolve `..` and `%2e%2e` for us.
  const rawPath = rawPathOf(url);
  if (rawPath === null) return null;
  if (rawPath.includes('\\') || rawPath.includes('..') || /%(2e|2f|5c|00)/i.test(rawPath)) return null;

  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null; // malformed percent-encoding
  }
  if (decoded === '' || decoded === '/') return path.join(rendererDir, 'index.html');
  if (!decoded.startsWith('/')) return null;

  const segments = decoded.slice(1).split('/');
  // A trailing slash (`/intake/`) is a route, not a directory listing.
  if (segments[segments.length - 1] === '') segments.pop();
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return null;
    // `%` left after decoding means double encoding (`%252e`): no file we ship is named so.
    // eslint-disable-next-line no-control-regex -- control characters in a path segment are exactly what is refused
    if (/[\\:%\u0000-\u001f\u007f]/.test(segment)) return null;
  }
  const last = segments[segments.length - 1] ?? '';
  if (!hasExtension(last)) return path.join(rendererDir, 'index.html');

  const root = path.resolve(rendererDir);
  const resolved = path.resolve(root, ...segments);
  const relative = path.relative(root, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return resolved;
}

/** The path part of a URL as written (no query, no fragment), or null if it has no authority. */
function rawPathOf(url: string): string | null {
  const afterScheme = url.slice(url.indexOf(':') + 1);
  if (!afterScheme.startsWith('//')) return null;
  const rest = afterScheme.slice(2);
  const end = rest.search(/[?#]/);
  const hostAndPath = end === -1 ? rest : rest.slice(0, end);
  const slash = hostAndPath.indexOf('/');
  return slash === -1 ? '' : hostAndPath.slice(slash);
}

function hasExtension(segment: string): boolean {
  const dot = segment.lastIndexOf('.');
  return dot > 0 && dot < segment.length - 1;
}

function safeUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
