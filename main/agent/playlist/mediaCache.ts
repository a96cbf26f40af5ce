import { chmodSync, readdirSync, renameSync, rmSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { mediaFileName, type PlaylistMimeType } from '../../../shared/playlist.js';
import type { Db } from '../db.js';
import { hashFile, parseMediaFileName, PARTIAL_DIR, QUARANTINE_DIR } from './mediaFiles.js';
import { privateFolder } from '../privateFiles.js';

// The kiosk's verified media cache: files in <dataDir>/media named by their sha256, and a row
// per file in `media_cache`. A file enters only through `admit`, which hashes it and moves it
// into place with one rename, so a partial or corrupt file is never visible under a media name.
// Bounded in size: see `makeRoom`.
//
// Verified means verified in this run (issue 14 item 5): a file is served only after its bytes
// were hashed since start-up, and only while the file is the one that was hashed — same inode,
// size and ctime (which nobody can set back: any write or replacement moves it). A file that
// changed is no longer served and `onStale` asks for it to be hashed again; one that no longer
// hashes to its name is moved to `.quarantine/` (the latest copy per name, a few names at most).

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
export type VerifyResult = 'verified' | 'tampered' | 'missing';

/** What identifies the bytes that were hashed: a rewrite or a replaced file changes it. */
interface Stamp {
  ino: number;
  size: number;
  ctimeMs: number;
}
const stampOf = (st: Stats): Stamp => ({ ino: st.ino, size: st.size, ctimeMs: st.ctimeMs });
const sameStamp = (a: Stamp, b: Stamp): boolean => a.ino === b.ino && a.size === b.size && a.ctimeMs === b.ctimeMs;
const statOrNull = (file: string): Stats | null => {
  try {
    return statSync(file);
  } catch {
    return null;
  }
};

/** Quarantined files kept (newest first): enough to show staff what happened, never a second cache. */
const QUARANTINE_KEEP = 5;

export class MediaCache {
  readonly partialDir: string;
  readonly quarantineDir: string;
  /** Files hashed in this run, with the stamp of what was hashed. */
  private readonly verified = new Map<string, Stamp>();
  /** A verified file changed on disk: it is no longer served; hash it again. */
  onStale: (sha256: string) => void = () => undefined;

  constructor(
    private readonly db: Db,
    readonly dir: string,
    readonly maxBytes: number = DEFAULT_MEDIA_CACHE_BYTES,
    private readonly now: () => number = Date.now,
  ) {
    this.partialDir = path.join(dir, PARTIAL_DIR);
    this.quarantineDir = path.join(dir, QUARANTINE_DIR);
    privateFolder(dir);
    privateFolder(this.partialDir);
    privateFolder(this.quarantineDir);
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
    chmodSync(candidate, 0o600); // a bundled copy takes the installed file's mode
    const actual = await hashFile(candidate);
    if (actual !== sha256) {
      rmSync(candidate, { force: true });
      return 'mismatch';
    }
    const file = this.filePath(sha256, mime);
    renameSync(candidate, file); // atomic on one filesystem: whole or absent
    const stamp = stampOf(statSync(file)); // after the rename, which moves ctime
    const size = stamp.size;
    this.db
      .prepare(
        `INSERT INTO media_cache (sha256, mime_type, size, bundled, verified_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(sha256) DO UPDATE SET mime_type = excluded.mime_type, size = excluded.size,
           bundled = MAX(bundled, excluded.bundled), verified_at = excluded.verified_at`,
      )
      .run(sha256, mime, size, options.bundled ? 1 : 0, this.now());
    this.verified.set(sha256, stamp);
    return 'admitted';
  }

  /** Whether the file was hashed in this run and is still the file that was hashed. */
  isVerified(sha256: string): boolean {
    const stamp = this.verified.get(sha256);
    const media = stamp ? this.get(sha256) : null;
    if (!stamp || !media) return false;
    const st = statOrNull(this.filePath(sha256, media.mimeType));
    if (st && sameStamp(stamp, stampOf(st))) return true;
    this.verified.delete(sha256);
    this.onStale(sha256);
    return false;
  }

  /** Hashed in this run? (without looking at the file: for choosing what to hash first) */
  hashedThisRun(sha256: string): boolean {
    return this.verified.has(sha256);
  }

  /**
   * Hashes a cached file: verified (served from now on), tampered (quarantined, row dropped) or
   * missing (row dropped). A file that changes while it is hashed is not taken as verified.
   */
  async verify(sha256: string): Promise<VerifyResult> {
    const media = this.get(sha256);
    if (!media) return 'missing';
    const file = this.filePath(sha256, media.mimeType);
    const before = statOrNull(file);
    const actual = before ? await hashFile(file).catch(() => null) : null;
    const after = statOrNull(file);
    if (!before || !after || actual === null) {
      this.remove(sha256);
      return 'missing';
    }
    if (actual === sha256 && sameStamp(stampOf(before), stampOf(after)) && after.size === media.size) {
      this.verified.set(sha256, stampOf(after));
      this.db.prepare('UPDATE media_cache SET verified_at = ? WHERE sha256 = ?').run(this.now(), sha256);
      return 'verified';
    }
    this.quarantine(sha256);
    return 'tampered';
  }

  /** Takes a file out of service for good: the row goes, the bytes move to the quarantine folder. */
  private quarantine(sha256: string): void {
    const media = this.get(sha256);
    this.verified.delete(sha256);
    this.db.prepare('DELETE FROM media_cache WHERE sha256 = ?').run(sha256);
    if (!media) return;
    try {
      renameSync(this.filePath(sha256, media.mimeType), path.join(this.quarantineDir, mediaFileName(sha256, media.mimeType)));
    } catch {
      rmSync(this.filePath(sha256, media.mimeType), { force: true });
    }
    const kept = readdirSync(this.quarantineDir)
      .map((name) => ({ name, at: statOrNull(path.join(this.quarantineDir, name))?.mtimeMs ?? 0 }))
      .sort((a, b) => b.at - a.at);
    for (const old of kept.slice(QUARANTINE_KEEP)) rmSync(path.join(this.quarantineDir, old.name), { force: true });
  }

  /** Forgets a file: the row first, so the hosts stop serving it before the bytes go. */
  remove(sha256: string): void {
    const media = this.get(sha256);
    this.verified.delete(sha256);
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

  /** A file verified in this run for the hosts' media routes, or null if it is not (or no longer). */
  resolve(fileName: string): { path: string; mimeType: PlaylistMimeType; size: number } | null {
    const name = parseMediaFileName(fileName);
    if (!name) return null;
    const media = this.get(name.sha256);
    if (!media || media.mimeType !== name.mimeType || !this.isVerified(media.sha256)) return null;
    return { path: this.filePath(media.sha256, media.mimeType), mimeType: media.mimeType, size: media.size };
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
      if (entry === PARTIAL_DIR || entry === QUARANTINE_DIR || known.has(entry)) continue;
      rmSync(path.join(this.dir, entry), { force: true, recursive: true });
      files++;
    }
    return { rows, files };
  }
}
