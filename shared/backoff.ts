// Retry timing, written once for everything that tries again: the outbox's sends, reconnecting
// sockets, the agent supervisor's restarts, re-downloads. Exponential growth to a cap with
// jitter (AWS architecture blog, "Exponential Backoff And Jitter"): 'full' spreads a crowd of
// kiosks over the whole interval after a hub outage; a fraction keeps a reconnect near its step.

export interface BackoffPolicy {
  /** The step before the first retry; it doubles per attempt. */
  baseMs: number;
  /** No step grows beyond this. */
  capMs: number;
  /** 'full' (default): uniform in [0, step). A fraction f: step × (1 ± f). 0: exactly the step. */
  jitter?: 'full' | number;
  /** Never sooner than this. */
  minMs?: number;
}

/** The outbox's policy: retries spread over up to five minutes. */
export const defaultBackoff: BackoffPolicy = { baseMs: 1_000, capMs: 5 * 60_000 };

/** The un-jittered step after `attempt` failures (0 = the first retry). */
export function backoffStepMs(attempt: number, policy: BackoffPolicy): number {
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
}

/** How long to wait before the next try after `attempt` failures. */
export function backoffDelayMs(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const step = backoffStepMs(attempt, policy);
  const jitter = policy.jitter ?? 'full';
  const delay = jitter === 'full' ? Math.floor(random() * step) : Math.round(step * (1 - jitter + 2 * jitter * random()));
  return Math.max(policy.minMs ?? 0, delay);
}

/** As `backoffDelayMs`, but never sooner than the server's Retry-After (itself bounded to twice the cap). */
export function retryDelayMs(attempts: number, policy: BackoffPolicy = defaultBackoff, retryAfterMs: number | null = null, random: () => number = Math.random): number {
  const delay = backoffDelayMs(attempts, policy, random);
  return retryAfterMs === null ? delay : Math.max(delay, Math.min(retryAfterMs, policy.capMs * 2));
}

/** Parses Retry-After (delta seconds or an HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(header: string | null, now: number = Date.now()): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
