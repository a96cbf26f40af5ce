// Retry timing for outbox jobs: exponential backoff with full jitter and a cap
// (AWS architecture blog, "Exponential Backoff And Jitter"), never sooner than the hub's Retry-After.

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}
export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

export function retryDelayMs(
  attempts: number,
  policy: BackoffPolicy = defaultBackoff,
  retryAfterMs: number | null = null,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempts, 30));
  const jittered = Math.floor(random() * ceiling);
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, policy.capMs * 2));
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
