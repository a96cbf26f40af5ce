import { safeParseHubAnswer } from '../../../shared/hubAnswer.js';
import { copyFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, mediaUrlPath, PlaylistManifest, type AttractItem, type AttractPlaylist, type PlaylistItem, type PlaylistSettings } from '../../../shared/playlist.js';
import { backoffStepMs, type BackoffPolicy } from '../../../shared/backoff.js';
import { isScheduled } from '../../../shared/schedule.js';
import type { BundledContent } from './bundledPlaylist.js';
import type { Db } from '../db.js';
import { errorKind, type Log } from '../log.js';
import type { MediaCache } from './mediaCache.js';
import type { PlaylistHubClient } from './playlistHubClient.js';
import type { PlayLog } from './plays.js';

// Keeps the kiosk's copy of the court's playlist: polls the manifest (ETag, so an unchanged one
// costs a 304), persists the last good one, downloads its media into the verified cache and
// evicts what was removed. The renderer gets only items whose file is verified here; while
// offline it keeps the last good playlist; before the hub was ever reached, the bundled defaults.
// "Verified" is per run (mediaCache.ts): at start-up every cached file is hashed again, one at a
// time, what is scheduled first, and joins the loop as it passes; then again every `verifyEveryMs`.
// A file that fails is quarantined, reported to the hub once and fetched again at once.

export interface PlaylistCacheOptions {
  db: Db;
  cache: MediaCache;
  client: PlaylistHubClient;
  plays: PlayLog;
  bundled: BundledContent | null;
  credential: () => string | null;
  /** The hub refused the credential: let Sync enroll again. */
  onUnauthorized: () => void;
  onChanged: (version: string) => void;
  log: Log;
  now?: () => number;
  /** Manifest poll interval when all is well (default 60 s). */
  pollMs?: number;
  /** Sooner retry while the hub is unreachable or downloads are unfinished (default 5 s). */
  retryMs?: number;
  /** How often every cached file is hashed again after the start-up pass (default 6 h). */
  verifyEveryMs?: number;
}

type ManifestItem = PlaylistItem | (PlaylistItem & { file: string });

/** A file that arrived corrupt is fetched again after 30 s, then ever later, at most hourly. */
const REFETCH_CORRUPT: BackoffPolicy = { baseMs: 30_000, capMs: 3_600_000, jitter: 0 };

export class PlaylistCache {
  private manifest: PlaylistManifest | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private running = new AbortController();
  private polling: Promise<void> | null = null;
  private signature = '';
  /** Hash mismatches per file: retried with growing delays (the fault is reported once anyway). */
  private readonly corrupt = new Map<string, { count: number; until: number }>();
  private readonly warned = new Set<string>();
  private readonly now: () => number;
  /** Hashes under way, by file: a second request for one joins it. */
  private readonly checking = new Map<string, Promise<void>>();
  private verifyTimer: NodeJS.Timeout | null = null;
  private verifying: Promise<void> | null = null;

  constructor(private readonly o: PlaylistCacheOptions) {
    this.now = o.now ?? Date.now;
    o.cache.onStale = (sha256) => void this.recheck(sha256);
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = new AbortController();
    this.manifest = this.loadStored();
    const swept = this.o.cache.sweep();
    if (swept.rows + swept.files > 0) this.o.log.info('media.swept', swept);
    await this.importBundled();
    this.emitIfChanged();
    this.schedule(0);
    this.verifying = this.verifyAll(true).finally(() => (this.verifying = null));
  }

  /** Stops polling and aborts requests in flight; resolves once no round touches the store. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.running.abort();
    if (this.timer) clearTimeout(this.timer);
    if (this.verifyTimer) clearTimeout(this.verifyTimer);
    this.timer = null;
    this.verifyTimer = null;
    await this.polling?.catch(() => undefined);
    await this.verifying?.catch(() => undefined);
    await Promise.all([...this.checking.values()]);
  }

  /** Whether a play of this file counts: its bytes were verified and are still the ones served. */
  isVerified(sha256: string): boolean {
    return this.o.cache.isVerified(sha256);
  }

  /** Poll now (e.g. the hub signalled a change); resolves when this round is done. */
  refresh(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.polling ??= this.poll().finally(() => (this.polling = null));
    return this.polling;
  }

  current(): AttractPlaylist {
    const hub = this.manifest;
    const bundled = this.o.bundled?.playlist ?? null;
    if (hub) {
      const items = this.playable(hub.items);
      // The court's list wins, unless none of it is downloaded yet and defaults can fill in.
      if (items.length > 0 || hub.items.length === 0 || !bundled) return { version: hub.version, source: 'hub', items, settings: hub.settings };
    }
    if (bundled) return { version: bundled.version, source: 'bundled', items: this.playable(bundled.items), settings: hub?.settings ?? bundled.settings };
    return { version: 'none', source: 'hub', items: [], settings: DEFAULT_SETTINGS };
  }

  settings(): PlaylistSettings {
    return this.current().settings;
  }

  /** Hash a file again (it would not play, or changed on disk); if it fails, quarantine and fetch anew. */
  recheck(sha256: string): Promise<void> {
    const under = this.checking.get(sha256);
    if (under) return under;
    const check = this.check(sha256).finally(() => this.checking.delete(sha256));
    this.checking.set(sha256, check);
    return check;
  }

  private async check(sha256: string): Promise<void> {
    if (this.stopped) return;
    const result = await this.o.cache.verify(sha256);
    if (result === 'verified') {
      this.emitIfChanged();
      return;
    }
    this.o.log.warn(result === 'tampered' ? 'media.tampered' : 'media.missing', { sha256 });
    const item = [...(this.manifest?.items ?? []), ...(this.o.bundled?.playlist.items ?? [])].find((i) => i.sha256 === sha256);
    // Reported once per item and file (play_faults) until the file plays through again.
    if (result === 'tampered' && item) this.o.plays.recordFault(item.id, sha256, 'corrupt');
    this.emitIfChanged();
    if (this.stopped) return;
    await this.importBundled(); // a bundled file comes back from the app's own copy
    this.emitIfChanged();
    this.schedule(0); // and the court's from the hub, now
  }

  /** Every cached file hashed once, one at a time, what the playlist shows first; then again later. */
  private async verifyAll(startUp = false): Promise<void> {
    const order = new Map([...(this.manifest?.items ?? []), ...(this.o.bundled?.playlist.items ?? [])].map((i, n) => [i.sha256, n]));
    const files = this.o.cache
      .all()
      .map((m) => m.sha256)
      .sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
    for (const sha256 of files) {
      if (this.stopped) return;
      if (startUp && this.o.cache.hashedThisRun(sha256)) continue; // admitted in this run already
      await this.recheck(sha256);
      // Let requests in between files: a large cache must not hold up the host.
      await new Promise((r) => setImmediate(r));
    }
    if (this.stopped) return;
    this.verifyTimer = setTimeout(
      () => {
        this.verifying ??= this.verifyAll().finally(() => (this.verifying = null));
      },
      this.o.verifyEveryMs ?? 6 * 3_600_000,
    );
    this.verifyTimer.unref();
  }

  private playable(items: readonly ManifestItem[]): AttractItem[] {
    return items.flatMap((i) => {
      const cached = this.o.cache.get(i.sha256);
      if (!cached || cached.mimeType !== i.mimeType || !this.o.cache.isVerified(i.sha256)) return [];
      const { size: _size, file: _file, ...rest } = i as PlaylistItem & { file?: string };
      return [{ ...rest, mediaUrl: mediaUrlPath(i.sha256, i.mimeType) }];
    });
  }

  private emitIfChanged(): void {
    const c = this.current();
    const signature = JSON.stringify([c.version, c.source, c.items.map((i) => i.sha256 + i.id), c.settings]);
    if (signature === this.signature) return;
    this.signature = signature;
    this.o.onChanged(c.version);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    let settled = false;
    try {
      settled = await this.fetchManifest();
      if (this.manifest && !this.stopped) settled = (await this.downloadMissing(this.manifest)) && settled;
    } catch (error) {
      this.o.log.warn('playlist.poll_failed', { kind: errorKind(error) });
    }
    if (this.stopped) return;
    this.emitIfChanged();
    // Not enrolled yet: Sync enrolls within a moment, so look again soon.
    const retry = this.o.credential() ? (this.o.retryMs ?? 5_000) : Math.min(this.o.retryMs ?? 5_000, 500);
    this.schedule(settled ? (this.o.pollMs ?? 60_000) : retry);
  }

  /** True when the hub answered (new manifest or unchanged). */
  private async fetchManifest(): Promise<boolean> {
    const credential = this.o.credential();
    if (!credential) return false; // not enrolled yet: Sync enrolls, we try again shortly
    const r = await this.o.client.manifest(credential, this.manifest?.version ?? null, this.running.signal);
    if (this.stopped) return false;
    switch (r.kind) {
      case 'manifest':
        if (r.manifest.version !== this.manifest?.version) {
          this.store(r.manifest);
          this.o.log.info('playlist.updated', { version: r.manifest.version, items: r.manifest.items.length });
        }
        return true;
      case 'unchanged':
        return true;
      case 'unauthorized':
        this.o.onUnauthorized();
        return false;
      case 'failed':
        return false;
    }
  }

  /** Downloads what the manifest lists and the cache lacks; true when nothing is left to do. */
  private async downloadMissing(manifest: PlaylistManifest): Promise<boolean> {
    const wanted = new Set(manifest.items.map((i) => i.sha256));
    this.evictRemoved(wanted);
    const now = this.now();
    const offset = manifest.settings.utcOffsetMinutes;
    const scheduledNow = new Set(manifest.items.filter((i) => isScheduled(i.schedule, now, offset)).map((i) => i.sha256));
    // What can play now comes first; the rest follows in playing order.
    const queue = [...manifest.items].sort((a, b) => Number(scheduledNow.has(b.sha256)) - Number(scheduledNow.has(a.sha256)) || a.order - b.order);
    let done = true;
    const seen = new Set<string>();
    for (const item of queue) {
      if (this.stopped) return false;
      if (seen.has(item.sha256) || this.o.cache.get(item.sha256)) continue;
      seen.add(item.sha256);
      const bad = this.corrupt.get(item.sha256);
      if (bad && bad.until > now) {
        done = false;
        continue;
      }
      // A file scheduled now may displace ones that are not; nothing displaces what is playing.
      const evictable = scheduledNow.has(item.sha256) ? (m: { sha256: string }) => !scheduledNow.has(m.sha256) : () => false;
      if (!this.o.cache.makeRoom(item.size, evictable)) {
        this.warnOnce(`full:${item.sha256}`, 'media.cache_full', { sha256: item.sha256, size: item.size, maxBytes: this.o.cache.maxBytes });
        continue;
      }
      const outcome = await this.fetchOne(item);
      if (outcome === 'offline') return false;
      if (outcome !== 'admitted') done = false;
    }
    return done;
  }

  private async fetchOne(item: PlaylistItem): Promise<'admitted' | 'corrupt' | 'failed' | 'offline'> {
    const credential = this.o.credential();
    if (!credential) return 'offline';
    const part = this.o.cache.partPath(item.sha256);
    const r = await this.o.client.download(credential, item.sha256, item.size, part, this.running.signal);
    if (this.stopped) return 'offline';
    if (r.kind === 'failed') {
      this.o.log.info('media.download_failed', { sha256: item.sha256, reason: r.reason });
      return r.reason.startsWith('network') || r.reason === 'timeout' ? 'offline' : 'failed';
    }
    if ((await this.o.cache.admit(part, item.sha256, item.mimeType)) === 'admitted') {
      this.corrupt.delete(item.sha256);
      this.o.log.info('media.verified', { sha256: item.sha256, size: item.size });
      this.emitIfChanged();
      return 'admitted';
    }
    // The bytes are not what the manifest promised: never played, reported once, fetched again later.
    const count = (this.corrupt.get(item.sha256)?.count ?? 0) + 1;
    this.corrupt.set(item.sha256, { count, until: this.now() + backoffStepMs(count - 1, REFETCH_CORRUPT) });
    this.o.log.warn('media.corrupt', { sha256: item.sha256, item: item.id, attempts: count });
    this.o.plays.recordFault(item.id, item.sha256, 'corrupt');
    return 'corrupt';
  }

  private evictRemoved(wanted: Set<string>): void {
    for (const m of this.o.cache.all()) {
      if (m.bundled || wanted.has(m.sha256)) continue;
      this.o.cache.remove(m.sha256);
      this.o.log.info('media.evicted', { sha256: m.sha256, reason: 'removed' });
    }
    for (const entry of readdirSync(this.o.cache.partialDir)) {
      const sha = entry.replace(/\.part$/, '');
      if (!wanted.has(sha)) rmSync(path.join(this.o.cache.partialDir, entry), { force: true });
    }
  }

  private async importBundled(): Promise<void> {
    const bundled = this.o.bundled;
    if (!bundled) return;
    for (const item of bundled.playlist.items) {
      if (this.o.cache.get(item.sha256)) {
        this.o.cache.markBundled(item.sha256);
        continue;
      }
      try {
        copyFileSync(path.join(bundled.dir, item.file), this.o.cache.partPath(item.sha256));
        if ((await this.o.cache.admit(this.o.cache.partPath(item.sha256), item.sha256, item.mimeType, { bundled: true })) === 'mismatch') {
          this.o.log.error('media.bundled_corrupt', { file: item.file });
        }
      } catch (error) {
        this.o.log.error('media.bundled_missing', { file: item.file, kind: errorKind(error) });
      }
    }
  }

  private loadStored(): PlaylistManifest | null {
    const row = this.o.db.prepare<[], { manifest_json: string }>('SELECT manifest_json FROM playlist_manifest WHERE slot = 1').get();
    if (!row) return null;
    const parsed = safeParseHubAnswer(PlaylistManifest, JSON.parse(row.manifest_json));
    return parsed.success ? parsed.data : null;
  }

  private store(manifest: PlaylistManifest): void {
    this.o.db
      .prepare(
        `INSERT INTO playlist_manifest (slot, version, manifest_json, fetched_at) VALUES (1, ?, ?, ?)
         ON CONFLICT(slot) DO UPDATE SET version = excluded.version, manifest_json = excluded.manifest_json, fetched_at = excluded.fetched_at`,
      )
      .run(manifest.version, JSON.stringify(manifest), this.now());
    this.manifest = manifest;
  }

  private warnOnce(key: string, event: string, fields: Record<string, string | number>): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.o.log.warn(event, fields);
  }
}
