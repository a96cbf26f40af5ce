// A bound on how often something may be tried per key (a terminal, an IP address, a provisional
// number) within a window: status lookups ask for a phone number, and a phone number has few
// enough digits that unbounded guessing would find it. In memory: a restart forgets counts,
// which only ever helps a legitimate resident.

export interface AttemptLimitOptions {
  max: number;
  windowMs: number;
  now?: () => number;
  /** Keys tracked at most; the oldest go first (a flood of distinct keys cannot exhaust memory). */
  maxKeys?: number;
}

export class AttemptLimit {
  private readonly hits = new Map<string, number[]>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(private readonly options: AttemptLimitOptions) {
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 10_000;
  }

  /** Counts one attempt for `key`; returns 0 if allowed, else the seconds until the next one is. */
  take(key: string): number {
    const now = this.now();
    const since = now - this.options.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((t) => t > since);
    if (recent.length >= this.options.max) {
      this.hits.set(key, recent);
      return Math.max(1, Math.ceil((recent[0]! + this.options.windowMs - now) / 1000));
    }
    recent.push(now);
    this.hits.delete(key); // re-insert: Map order is then "least recently tried first"
    this.hits.set(key, recent);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return 0;
  }
}
