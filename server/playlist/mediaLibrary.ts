import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { BUNDLED_MANIFEST_FILE, BundledPlaylist, type PlaylistMimeType } from '../../shared/playlist.js';
import { checkMedia, type MediaVerdict } from './mediaCheck.js';
import type { PlaylistStore } from './playlistStore.js';
import { clearIncoming, privateFolder, writeHashedFile } from '../db/privateFiles.js';

// The hub's media files: <files folder>/playlist-media/<sha256> (server/files/hubFiles.ts), each checked (type by magic bytes,
// structure, decodable where ffmpeg exists) before it gets a row. Uploads stream into
// `.incoming/` while being hashed, so a failed or refused upload never leaves a servable file.

export interface StoredUpload {
  tempPath: string;
  sha256: string;
  size: number;
}

export type IngestResult = { ok: true; sha256: string; mimeType: PlaylistMimeType; size: number; durationMs: number | null } | Extract<MediaVerdict, { ok: false }>;

export class MediaLibrary {
  readonly dir: string;
  private readonly incoming: string;

  constructor(
    mediaDir: string,
    private readonly store: PlaylistStore,
  ) {
    this.dir = mediaDir;
    this.incoming = path.join(this.dir, '.incoming');
    privateFolder(this.dir);
    privateFolder(this.incoming);
    clearIncoming(this.incoming);
  }

  filePath(sha256: string): string {
    return path.join(this.dir, sha256);
  }

  /** Streams an upload into `.incoming/`, hashing as it goes. */
  async receive(stream: Readable): Promise<StoredUpload> {
    const tempPath = path.join(this.incoming, randomBytes(12).toString('hex'));
    const { digest, size } = await writeHashedFile(stream, tempPath, 'sha256', 'hex');
    return { tempPath, sha256: digest, size };
  }

  /** Checks a received file and, if it is playable, keeps it under its hash. */
  async ingest(upload: StoredUpload): Promise<IngestResult> {
    try {
      const verdict = await checkMedia(upload.tempPath, upload.size);
      if (!verdict.ok) return verdict;
      if (!existsSync(this.filePath(upload.sha256))) renameSync(upload.tempPath, this.filePath(upload.sha256));
      await this.store.addMedia({ sha256: upload.sha256, mimeType: verdict.mimeType, size: upload.size });
      return { ok: true, sha256: upload.sha256, mimeType: verdict.mimeType, size: upload.size, durationMs: verdict.durationMs };
    } finally {
      rmSync(upload.tempPath, { force: true });
    }
  }

  discard(upload: StoredUpload): void {
    rmSync(upload.tempPath, { force: true });
  }

  /** Deletes files no live item uses any more. */
  async collectGarbage(): Promise<number> {
    const unused = await this.store.dropUnusedMedia();
    for (const sha of unused) rmSync(this.filePath(sha), { force: true });
    return unused.length;
  }

  /**
   * First start: the default content (assets/playlist) becomes the playlist, so a fresh install
   * plays something. Runs once per hub database (also when several instances start together);
   * an admin who later empties the playlist keeps it empty. `seedIn` runs the seeding in one
   * transaction on a store of its own: the claim and the items commit together or not at all.
   */
  async seedDefaults(bundledDir: string | null, seedIn: <T>(work: (store: PlaylistStore) => Promise<T>) => Promise<T>): Promise<number> {
    const bundled = readBundled(bundledDir);
    return seedIn(async (store) => {
      if (!(await store.claimSeeding())) return 0;
      if (!bundled || (await store.items()).length > 0) return 0;
      let added = 0;
      for (const item of bundled.playlist.items) {
        const source = path.join(bundled.dir, item.file);
        const bytes = readFileSync(source);
        if (createHash('sha256').update(bytes).digest('hex') !== item.sha256) continue; // a damaged install: skip, never serve
        copyFileSync(source, this.filePath(item.sha256));
        chmodSync(this.filePath(item.sha256), 0o600); // a copy takes the installed file's mode
        await store.addMedia({ sha256: item.sha256, mimeType: item.mimeType, size: bytes.length });
        const { id, title, titleEn, durationMs, order, muted, schedule } = item;
        await store.addItem(item.sha256, { title, titleEn, durationMs, order, muted, schedule }, id);
        added++;
      }
      await store.saveSettings(bundled.playlist.settings);
      return added;
    });
  }
}

/** assets/playlist beside the app, from the sources or from dist/. */
export function findDefaultPlaylistDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string | null {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'assets', 'playlist');
    if (existsSync(path.join(candidate, BUNDLED_MANIFEST_FILE))) return candidate;
  }
  return null;
}

function readBundled(dir: string | null): { dir: string; playlist: BundledPlaylist } | null {
  if (!dir) return null;
  try {
    const parsed = BundledPlaylist.safeParse(JSON.parse(readFileSync(path.join(dir, BUNDLED_MANIFEST_FILE), 'utf8')));
    return parsed.success ? { dir, playlist: parsed.data } : null;
  } catch {
    return null;
  }
}
