import path from 'node:path';
import { mediaNameFromPath, type MediaName } from '../agent/playlist/mediaFiles.js';
import { APP_ORIGIN, isAppUrl } from './security.js';

// kiosk://app/media/<sha256>.<ext> → a file in the agent's verified media cache (the
// legal-education loop plays from there, offline). Pure: the agent runs in another process, so
// the file's name is the proof: the agent renames a download to `<sha256>.<ext>` only after its
// hash matched, and partial downloads live in `.partial/`, which no URL can name.

export interface ResolvedMedia extends MediaName {
  path: string;
}

/**
 * The cache file a kiosk:// URL names, or null. Only the exact form `/media/<64 lower-case
 * hex>.<mp4|webm|png|jpg>` on our own origin matches: any encoding, dot segment, slash or other
 * folder fails the pattern, so nothing outside `mediaDir` can be reached.
 */
export function resolveMediaUrl(mediaDir: string, url: string): ResolvedMedia | null {
  if (!isAppUrl(url) || !url.startsWith(`${APP_ORIGIN}/`)) return null;
  const name = mediaNameFromPath(url.slice(APP_ORIGIN.length));
  if (!name) return null;
  const root = path.resolve(mediaDir);
  const file = path.join(root, name.fileName);
  return path.dirname(file) === root ? { ...name, path: file } : null;
}
