import { readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { mediaFileName, type PlaylistMimeType } from '../../../shared/playlist.js';
import type { Db } from '../db.js';
import { hashFile, parseMediaFileName, PARTIAL_DIR } from './mediaFiles.js';
import { privateFolder } from '../privateFiles.js';

// The kiosk's verified media cache: files in <dataDir>/media named by their sha256, and a row
// per file in `media_cache`. A file enters only through `admit`, which hashes it and moves it
// into place with one rename, so a partial or corrupt file is never visible under a media name.
// Bounded in size: see `makeRoom`.

export const DEFAULT_MEDIA_CACHE_BYTES = 2 * 1024 ** 3;

export interface CachedMedia {
  sha256: string;
  mimeType: PlaylistMimeType;
  size: number;
  bundled: boolean;
  verifiedAt: number;
  lastPlayedAt: number | null;
}

interface Row {
  sha256: string;
  mime_type: PlaylistMimeType;
  size: number;
  bundled: number;
  verified_at: number;
  last_played_at: number | null;
}

const toMedia = (r: Row): CachedMedia => ({
  sha256: r.sha256,
  mimeType: r.mime_type,
  size: r.size,
  bundled: r.bundled === 1,
  verifiedAt: r.verified_at,
  lastPlayedAt: r.last_played_at,
});

export type AdmitResult = 'admitted' | 'mismatch';

export class MediaCache {
  readonly partialDir: string;

  constructor(
    private readonly db: Db,
    readonly dir: string,
    readonly maxBytes: number = DEFAULT_MEDIA_CACHE_BYTES,
    private readonly now: () => number = Date.now,
  ) {
    this.partialDir = path.join(dir, PARTIAL_DIR);
    privateFolder(dir);
    privateFolder(this.partialDir);
  }

  filePath(sha256: string, mime: PlaylistMimeType): string {
    return path.join(this.dir, mediaFileName(sha256, mime));
  }

  partPath(sha256: string): string {
    return path.join(this.partialDir, `${sha256}.part`);
  }

  get(sha256: string): CachedMedia | null {
    const row = this.db.prepare<[string], Row>('SELECT * FROM media_cache WHERE sha256 = ?').get(sha256);
    return row ? toMedia(row) : null;
  }

  all(): CachedMedia[] {
    return this.db.prepare<[], Row>('SELECT * FROM media_cache').all().map(toMedia);
  }

  usedBytes(): number {
    return this.db.prepare<[], { n: number | null }>('SELECT SUM(size) AS n FROM media_cache').get()?.n ?? 0;
  }

  /**
   * Hashes `candidate` (a finished download or a bundled file copy) and, only if it matches,
   * renames it into place and records it. A mismatching candidate is deleted.
   */
  async admit(candidate: string, sha256: string, mime: PlaylistMimeType, options: { bundled?: boolean } = {}): Promise<AdmitResult> {
    const actual = await hashFile(candidate);
    if (actual !== sha256) {
      rmSync(candidate, { force: true });
      return 'mismatch';
    }
    const size = statSync(candidate).size;
    renameSync(candidate, this.filePath(sha256, mime)); // atomic on one filesystem: whole or absent
    this.db
      .prepare(
        `INSERT INTO media_cache (sha256, mime_type, size, bundled, verified_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(sha256) DO UPDATE SET mime_type = excluded.mime_type, size = excluded.size,
           bundled = MAX(bundled, excluded.bundled), verified_at = excluded.verified_at`,
      )
      .run(sha256, mime, size, options.bundled ? 1 : 0, this.now());
    return 'admitted';
  }

  /** Forgets a file: the row first, so the hosts stop serving it before the bytes go. */
  remove(sha256: string): void {
    const media = this.get(sha256);
    this.db.prepare('DELETE FROM media_cache WHERE sha256 = ?').run(sha256);
    if (media) rmSync(this.filePath(sha256, media.mimeType), { force: true });
    rmSync(this.partPath(sha256), { force: true });
  }

  /** Shipped with the app: part of the fallback playlist, never evicted. */
  markBundled(sha256: string): void {
    this.db.prepare('UPDATE media_cache SET bundled = 1 WHERE sha256 = ?').run(sha256);
  }

  markPlayed(sha256: string, at: number = this.now()): void {
    this.db.prepare('UPDATE media_cache SET last_played_at = ? WHERE sha256 = ?').run(at, sha256);
  }

  /** A verified file for the hosts' media routes, or null if it is not (or no longer) in the cache. */
  resolve(fileName: string): { path: string; mimeType: PlaylistMimeType; size: number } | null {
    const name = parseMediaFileName(fileName);
    if (!name) return null;
    const media = this.get(name.sha256);
    if (!media || media.mimeType !== name.mimeType) return null;
    const file = this.filePath(media.sha256, media.mimeType);
    try {
      if (statSync(file).size !== media.size) return null;
    } catch {
      return null;
    }
    return { path: file, mimeType: media.mimeType, size: media.size };
  }

  /**
   * Makes room for `bytes` more. Only files in `evictable` may go (never what is scheduled now),
   * least recently played first (never-played ones before them, oldest first). False if even then
   * it would not fit: the caller leaves that file uncached rather than thrash the loop.
   */
  makeRoom(bytes: number, evictable: (media: CachedMedia) => boolean): boolean {
    let free = this.maxBytes - this.usedBytes();
    if (free >= bytes) return true;
    const candidates = this.all()
      .filter((m) => !m.bundled && evictable(m))
      .sort((a, b) => (a.lastPlayedAt ?? -1) - (b.lastPlayedAt ?? -1) || a.verifiedAt - b.verifiedAt);
    const chosen: CachedMedia[] = [];
    for (const m of candidates) {
      if (free >= bytes) break;
      chosen.push(m);
      free += m.size;
    }
    if (free < bytes) return false;
    for (const m of chosen) this.remove(m.sha256);
    return true;
  }

  /**
   * Start-up tidy: rows whose file is gone or has the wrong size are dropped, and files that no
   * row vouches for (a crash between rename and insert, or stray files) are deleted.
   */
  sweep(): { rows: number; files: number } {
    let rows = 0;
    let files = 0;
    const known = new Set<string>();
    for (const m of this.all()) {
      const file = this.filePath(m.sha256, m.mimeType);
      let ok = false;
      try {
        ok = statSync(file).size === m.size;
      } catch {
        ok = false;
      }
      if (ok) known.add(path.basename(file));
      else {
        this.remove(m.sha256);
        rows++;
      }
    }
    for (const entry of readdirSync(this.dir)) {
      if (entry === PARTIAL_DIR || known.has(entry)) continue;
      rmSync(path.join(this.dir, entry), { force: true, recursive: true });
      files++;
    }
    return { rows, files };
  }

  /** Hashes a cached file again (after a playback failure, or at start-up): drops it if it rotted. */
  async recheck(sha256: string): Promise<boolean> {
    const media = this.get(sha256);
    if (!media) return false;
    const actual = await hashFile(this.filePath(sha256, media.mimeType)).catch(() => null);
    if (actual === sha256) return true;
    this.remove(sha256);
    return false;
  }
}
