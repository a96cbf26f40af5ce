import { safeParseHubAnswer } from '../../../shared/hubAnswer.js';
import { backoffDelayMs, type BackoffPolicy } from '../../../shared/backoff.js';
import { courtWordsPaths, CourtWordsList } from '../../../shared/courtWords.js';
import type { ConfigValues } from '../configValues.js';
import { networkReason } from '../hubClient.js';
import { readJson } from '../hubAnswerBody.js';
import { errorKind, type Log } from '../log.js';

// The court's own words (shared/courtWords.ts) at the kiosk: asked of the hub at start and then
// rarely (the hub counts hourly at most), conditionally on the version kept (ETag: an unchanged list
// costs a 304), and kept in the config table after every good answer, so a kiosk restarted with no
// network still ranks by them. An answer the schema refuses is logged by its code and never
// replaces the list kept. Only counts of dictionary words ≥ MIN_FILINGS filings: nothing personal.

export interface CourtWordsKeeperOptions {
  values: ConfigValues;
  hubUrl: string;
  fetch: typeof fetch;
  credential: () => string | null;
  /** A new list was kept: the renderer asks for it (courtWords.changed). */
  onChanged: (version: string) => void;
  log: Log;
  /** Between two asks when the hub answered (default 1 h: it counts hourly at most). */
  pollMs?: number;
  /** After a failed ask, the next is this far off, growing to `pollMs` (default from 30 s). */
  retry?: BackoffPolicy;
  timeoutMs?: number;
}

/** The config table's key of the list kept. */
const KEPT = 'courtWords';
/** Not enrolled yet: Sync enrolls within a moment, so look again soon. */
const UNENROLLED_RETRY_MS = 1_000;

export class CourtWordsKeeper {
  private list: CourtWordsList | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private running = new AbortController();
  private asking: Promise<void> | null = null;
  private failures = 0;
  private readonly pollMs: number;
  private readonly retry: BackoffPolicy;

  constructor(private readonly o: CourtWordsKeeperOptions) {
    this.pollMs = o.pollMs ?? 3_600_000;
    this.retry = o.retry ?? { baseMs: 30_000, capMs: this.pollMs, jitter: 0.2 };
  }

  /**
   * The list kept (null: the hub never gave one). Read from the store on first ask too: the browser
   * host starts background work late (after the playlist), and a draft resumed right after a restart
   * asks before start(); offline, it would rank without the kept list for that whole resident.
   */
  current(): CourtWordsList | null {
    this.list ??= this.kept();
    return this.list;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.running = new AbortController();
    this.list = this.kept();
    this.schedule(0);
  }

  /** Stops asking and aborts an ask in flight; resolves once none touches the store. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.running.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.asking?.catch(() => undefined);
  }

  /** Ask now (staff asked for a resync); resolves when this ask is done. */
  refresh(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.asking ??= this.ask().finally(() => (this.asking = null));
    return this.asking;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delayMs);
    this.timer.unref();
  }

  private async ask(): Promise<void> {
    const credential = this.o.credential();
    if (!credential) return this.schedule(UNENROLLED_RETRY_MS);
    let answered = false;
    try {
      answered = await this.fetchList(credential);
    } catch (error) {
      this.o.log.warn('courtWords.ask_failed', { kind: errorKind(error) });
    }
    if (this.stopped) return;
    this.failures = answered ? 0 : this.failures + 1;
    this.schedule(answered ? this.pollMs : backoffDelayMs(this.failures - 1, this.retry));
  }

  /** True when the hub answered with a list or "unchanged"; a list the schema refuses is not one. */
  private async fetchList(credential: string): Promise<boolean> {
    const signal = AbortSignal.any([this.running.signal, AbortSignal.timeout(this.o.timeoutMs ?? 30_000)]);
    const known = this.list?.version;
    let res: Response;
    try {
      res = await this.o.fetch(new URL(courtWordsPaths.list, this.o.hubUrl), {
        headers: { authorization: `Bearer ${credential}`, ...(known ? { 'if-none-match': `"${known}"` } : {}) },
        signal,
      });
    } catch (error) {
      this.o.log.info('courtWords.unreachable', { reason: networkReason(error) });
      return false;
    }
    if (res.status === 304) return true;
    if (!res.ok) {
      await res.body?.cancel();
      this.o.log.info('courtWords.refused', { status: res.status });
      return false;
    }
    const parsed = safeParseHubAnswer(CourtWordsList, await readJson(res, signal).catch(() => undefined));
    if (!parsed.success) {
      this.o.log.warn('courtWords.invalid', { status: res.status });
      return false;
    }
    if (this.stopped) return false;
    if (parsed.data.version !== known) this.keep(parsed.data);
    return true;
  }

  private keep(list: CourtWordsList): void {
    this.o.values.setJson(KEPT, list);
    this.list = list;
    const words = Object.values(list.words).reduce((n, scope) => n + (scope?.length ?? 0), 0);
    this.o.log.info('courtWords.updated', { version: list.version, words });
    this.o.onChanged(list.version);
  }

  /** The list kept before this start; one the schema now refuses (an older kiosk's) is dropped. */
  private kept(): CourtWordsList | null {
    let stored: unknown;
    try {
      stored = this.o.values.json(KEPT);
    } catch {
      stored = undefined;
    }
    if (stored === null) return null;
    const parsed = safeParseHubAnswer(CourtWordsList, stored);
    if (parsed.success) return parsed.data;
    this.o.log.warn('courtWords.kept_invalid', {});
    this.o.values.remove(KEPT);
    return null;
  }
}
