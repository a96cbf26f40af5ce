import { safeParseHubAnswer } from '../../../shared/hubAnswer.js';
import { createWriteStream, statSync, truncateSync } from 'node:fs';
import { once } from 'node:events';
import { PlaylistManifest, playlistPaths, PlaysAck, type PlayRecord } from '../../../shared/playlist.js';
import { parseRetryAfter } from '../../../shared/backoff.js';
import { isRetryableStatus, networkReason } from '../hubClient.js';
import type { HubAnswer } from '../outbox/jobRunner.js';
import { readJson } from '../hubAnswerBody.js';

// The agent's HTTP calls for the legal-education loop: the manifest (conditional GET on its
// ETag), media downloads that resume with Range into a `.part` file, and proof-of-play batches.

export type ManifestFetch = { kind: 'manifest'; manifest: PlaylistManifest } | { kind: 'unchanged' } | { kind: 'unauthorized' } | { kind: 'failed'; reason: string };

export type DownloadOutcome = { kind: 'complete' } | { kind: 'failed'; reason: string; fatal: boolean };

export interface PlaylistHubClientOptions {
  hubUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export class PlaylistHubClient {
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(private readonly o: PlaylistHubClientOptions) {
    this.fetch = o.fetch ?? globalThis.fetch;
    this.timeoutMs = o.timeoutMs ?? 15_000;
  }

  private url(path: string): string {
    return new URL(path, this.o.hubUrl).toString();
  }

  async manifest(credential: string, knownVersion: string | null, signal?: AbortSignal): Promise<ManifestFetch> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const request = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await this.fetch(this.url(playlistPaths.manifest), {
        headers: { authorization: `Bearer ${credential}`, ...(knownVersion ? { 'if-none-match': `"${knownVersion}"` } : {}) },
        signal: request,
      });
    } catch (error) {
      return { kind: 'failed', reason: networkReason(error) };
    }
    if (res.status === 304) return { kind: 'unchanged' };
    if (res.status === 401) return { kind: 'unauthorized' };
    let body: unknown;
    try {
      body = await readJson(res, request);
    } catch (error) {
      if (request.aborted) return { kind: 'failed', reason: networkReason(error) };
    }
    if (!res.ok) return { kind: 'failed', reason: `HTTP ${res.status}` };
    const parsed = safeParseHubAnswer(PlaylistManifest, body);
    // A manifest we cannot read never replaces the last good one.
    return parsed.success ? { kind: 'manifest', manifest: parsed.data } : { kind: 'failed', reason: 'unreadable manifest' };
  }

  /**
   * Downloads a media file into `partPath`, continuing from whatever is already there. Stops at
   * `size` bytes; the caller verifies the hash before the file is used.
   */
  async download(credential: string, sha256: string, size: number, partPath: string, signal?: AbortSignal): Promise<DownloadOutcome> {
    let offset = existingSize(partPath);
    if (offset > size) {
      truncateSync(partPath, 0);
      offset = 0;
    }
    if (offset === size) return { kind: 'complete' };
    // Held here for the whole download: it also ends the body read below (see there).
    const abort = signal ? AbortSignal.any([signal, AbortSignal.timeout(10 * 60_000)]) : AbortSignal.timeout(10 * 60_000);
    let res: Response;
    try {
      res = await this.fetch(this.url(`${playlistPaths.media}/${sha256}`), {
        headers: { authorization: `Bearer ${credential}`, ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) },
        signal: abort,
      });
    } catch (error) {
      return { kind: 'failed', reason: networkReason(error), fatal: false };
    }
    if (res.status === 416) {
      // Our partial file is not a prefix the hub recognises: start over.
      await res.body?.cancel();
      truncateSync(partPath, 0);
      return { kind: 'failed', reason: 'HTTP 416', fatal: false };
    }
    if (res.status !== 200 && res.status !== 206) {
      await res.body?.cancel();
      return { kind: 'failed', reason: `HTTP ${res.status}`, fatal: res.status === 404 || res.status === 401 };
    }
    const resumed = res.status === 206;
    if (!resumed) offset = 0; // the hub ignored the range: the body is the whole file
    const out = createWriteStream(partPath, { flags: resumed ? 'a' : 'w', mode: 0o600 });
    let written = offset;
    // An abort while the file is being written (waiting for 'drain', not reading) left the next
    // read of the body pending for ever — no chunk, no error — and so the agent's close (which
    // waits for this download) never finished. The reader is cancelled from here on abort: a
    // pending read then ends at once.
    const reader = res.body?.getReader();
    const cancel = () => void reader?.cancel(abort.reason).catch(() => undefined);
    abort.addEventListener('abort', cancel, { once: true });
    if (abort.aborted) cancel();
    try {
      for (;;) {
        const next = reader ? await reader.read() : { done: true as const, value: undefined };
        abort.throwIfAborted();
        if (next.done) break;
        const bytes = next.value as Uint8Array;
        written += bytes.byteLength;
        if (written > size) throw Object.assign(new Error('longer than the manifest says'), { code: 'TOO_LONG' });
        if (!out.write(bytes)) await once(out, 'drain');
      }
    } catch (error) {
      cancel();
      out.end();
      // a stream that failed has closed already: waiting for 'close' again would never end
      if (!out.closed) await once(out, 'close').catch(() => undefined);
      if ((error as { code?: string }).code === 'TOO_LONG') truncateSync(partPath, 0);
      return { kind: 'failed', reason: networkReason(error), fatal: false };
    } finally {
      abort.removeEventListener('abort', cancel);
    }
    out.end();
    await once(out, 'close');
    return written === size ? { kind: 'complete' } : { kind: 'failed', reason: 'short body', fatal: false };
  }

  async sendPlays(credential: string, plays: PlayRecord[], signal?: AbortSignal): Promise<HubAnswer> {
    // the agent's close ends a request at once, not on its timeout
    const request = signal ? AbortSignal.any([signal, AbortSignal.timeout(this.timeoutMs)]) : AbortSignal.timeout(this.timeoutMs);
    let res: Response;
    try {
      res = await this.fetch(this.url(playlistPaths.plays), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify({ plays }),
        signal: request,
      });
    } catch (error) {
      return { kind: 'retry', reason: networkReason(error), retryAfterMs: null };
    }
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    const body: unknown = await readJson(res, request).catch(() => undefined);
    if (res.ok) {
      const ack = safeParseHubAnswer(PlaysAck, body);
      const all = ack.success && plays.every((p) => ack.data.accepted.includes(p.playId));
      return all ? { kind: 'delivered' } : { kind: 'retry', reason: `unreadable ${res.status}`, retryAfterMs };
    }
    if (res.status === 401) return { kind: 'unauthorized', reason: 'HTTP 401' };
    if (isRetryableStatus(res.status)) return { kind: 'retry', reason: `HTTP ${res.status}`, retryAfterMs };
    return { kind: 'rejected', reason: `HTTP ${res.status}` };
  }
}

function existingSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
