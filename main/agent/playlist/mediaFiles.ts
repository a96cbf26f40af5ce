import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { mediaExtensions, type PlaylistMimeType } from '../../../shared/playlist.js';

// Names of verified media files, shared by the agent's cache and by both hosts' `/media/` routes
// (the browser host's HTTP server, Electron's kiosk:// protocol). A verified file is named
// `<sha256>.<ext>`; a download in progress lives in `.partial/<sha256>.part`, a name no URL can
// reach, so nothing half-downloaded or unverified can ever be served.

export const MEDIA_URL_PREFIX = '/media/';
export const PARTIAL_DIR = '.partial';
/** Where a cached file whose bytes no longer match its name is moved, for staff to look at. */
export const QUARANTINE_DIR = '.quarantine';

const FILE_NAME = /^([0-9a-f]{64})\.(mp4|webm|png|jpg)$/;
const typeByExtension = Object.fromEntries(Object.entries(mediaExtensions).map(([mime, ext]) => [ext, mime])) as Record<string, PlaylistMimeType>;

export interface MediaName {
  sha256: string;
  mimeType: PlaylistMimeType;
  fileName: string;
}

/** Parses `<sha256>.<ext>` (exactly; no paths, no other names), or null. */
export function parseMediaFileName(fileName: string): MediaName | null {
  const m = FILE_NAME.exec(fileName);
  if (!m) return null;
  return { sha256: m[1]!, mimeType: typeByExtension[m[2]!]!, fileName };
}

/**
 * The media name a request path asks for (`/media/<sha256>.<ext>`, query ignored), or null for
 * anything else: other folders, encoded characters, dot segments, upper-case hex, extra slashes.
 */
export function mediaNameFromPath(urlPath: string): MediaName | null {
  const pathOnly = urlPath.split(/[?#]/)[0] ?? '';
  if (!pathOnly.startsWith(MEDIA_URL_PREFIX)) return null;
  return parseMediaFileName(pathOnly.slice(MEDIA_URL_PREFIX.length));
}

/** Absolute path of a verified media file inside `mediaDir`. */
export function mediaFilePath(mediaDir: string, name: MediaName): string {
  return path.join(path.resolve(mediaDir), name.fileName);
}

/** sha256 (hex) of a file's bytes, streamed. */
export function hashFile(filePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(filePath)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
