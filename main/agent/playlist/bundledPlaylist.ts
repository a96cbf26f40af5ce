import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLED_MANIFEST_FILE, BundledPlaylist } from '../../../shared/playlist.js';

// The default legal-education content shipped with the app (assets/playlist/), so a kiosk that
// has never reached its hub still plays something. Found by walking up from this module: the
// same code runs from the sources (tests), from dist/ and from a packaged app.

export interface BundledContent {
  dir: string;
  playlist: BundledPlaylist;
}

export function findBundledPlaylistDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'assets', 'playlist');
    if (existsSync(path.join(candidate, BUNDLED_MANIFEST_FILE))) return candidate;
  }
  return null;
}

/** Reads and validates `<dir>/playlist.json`; null if absent or unreadable (the kiosk then shows standby). */
export function loadBundledPlaylist(dir: string | null): BundledContent | null {
  if (!dir) return null;
  try {
    const parsed = BundledPlaylist.safeParse(JSON.parse(readFileSync(path.join(dir, BUNDLED_MANIFEST_FILE), 'utf8')));
    return parsed.success ? { dir, playlist: parsed.data } : null;
  } catch {
    return null;
  }
}
