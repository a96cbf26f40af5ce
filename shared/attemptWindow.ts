// A bound on attempts per key that every hub instance shares: counts are kept in the database
// per slice of the window (a tenth of it), and the attempts counted are those of the last ten
// slices, the current one included. A few rows per key instead of a log of every attempt; the
// count may forget at most the oldest slice's worth early, which a rate limit can afford. Pure:
// the store (server/rateLimit/attemptStore.ts) reads and writes the counts.

export interface AttemptBound {
  max: number;
  windowMs: number;
}

/** Slices per window. */
export const SLICES = 10;

export const sliceMs = (windowMs: number): number => Math.max(1, Math.floor(windowMs / SLICES));

/** The slice an instant falls in (an integer: slices since the epoch). */
export const sliceIndex = (nowMs: number, windowMs: number): number => Math.floor(nowMs / sliceMs(windowMs));

/** The slices read for a decision now: the oldest index counted. */
export const oldestCounted = (nowMs: number, windowMs: number): number => sliceIndex(nowMs, windowMs) - SLICES + 1;

/** Attempts counted now, from the counts per slice index. */
export function countedAttempts(counts: ReadonlyMap<number, number>, nowMs: number, windowMs: number): number {
  const oldest = oldestCounted(nowMs, windowMs);
  let sum = 0;
  for (const [index, n] of counts) if (index >= oldest) sum += n;
  return sum;
}

/** 0 if one more attempt is allowed now; else the whole seconds until it will be (as old slices fall out). */
export function attemptWait(bound: AttemptBound, counts: ReadonlyMap<number, number>, nowMs: number): number {
  if (countedAttempts(counts, nowMs, bound.windowMs) < bound.max) return 0;
  const slice = sliceMs(bound.windowMs);
  const current = sliceIndex(nowMs, bound.windowMs);
  for (let k = 1; k <= SLICES; k++) {
    const at = (current + k) * slice;
    if (countedAttempts(counts, at, bound.windowMs) < bound.max) return Math.max(1, Math.ceil((at - nowMs) / 1000));
  }
  return Math.max(1, Math.ceil(((current + SLICES) * slice - nowMs) / 1000));
}
