// How failed sign-ins are limited (issue 14 item 2), one rule for every door staff sign in at:
// the console, the mediator desk, the counter and the court API. Failures are counted per account
// and per source address; past a number of free failures each further one locks the subject for
// twice as long as the one before, up to a cap. While locked, attempts are refused without the
// password being looked at, so 50 wrong passwords in a row leave the 51st refused even when it is
// right. An attempt is charged before its password is checked (and given back if it was right),
// so a burst of parallel guesses cannot slip past the count. A success clears the account's count,
// not the source's: a valid account of one's own must not reset a spraying address.

export interface SignInLimitRule {
  /** Failures allowed before the first lock. */
  freeFailures: number;
  /** Length of the first lock; each further failure doubles it. */
  firstLockMs: number;
  maxLockMs: number;
  /** A count whose last failure is older than this starts again from zero. */
  forgetAfterMs: number;
}

export const signInLimitRules = {
  account: { freeFailures: 5, firstLockMs: 60_000, maxLockMs: 60 * 60_000, forgetAfterMs: 24 * 60 * 60_000 },
  source: { freeFailures: 20, firstLockMs: 60_000, maxLockMs: 60 * 60_000, forgetAfterMs: 60 * 60_000 },
} as const satisfies Record<string, SignInLimitRule>;
export type SignInSubjectKind = keyof typeof signInLimitRules;

/** How long `failures` consecutive failures lock the subject (0: not locked). */
export function lockMs(rule: SignInLimitRule, failures: number): number {
  if (failures < rule.freeFailures) return 0;
  const doublings = Math.min(failures - rule.freeFailures, 30);
  return Math.min(rule.firstLockMs * 2 ** doublings, rule.maxLockMs);
}

export interface SignInCount {
  failures: number;
  lockedUntil: string | null;
  lastFailureAt: string;
}

/** The count that applies now: a stale one is forgotten. */
export function currentCount(rule: SignInLimitRule, count: SignInCount | null, now: Date): SignInCount | null {
  if (!count) return null;
  if (now.getTime() - Date.parse(count.lastFailureAt) > rule.forgetAfterMs && !isLocked(count, now)) return null;
  return count;
}

export function isLocked(count: SignInCount | null, now: Date): boolean {
  return !!count?.lockedUntil && Date.parse(count.lockedUntil) > now.getTime();
}

/** Seconds until a locked subject may try again (at least 1). */
export function retryAfterSeconds(count: SignInCount, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(count.lockedUntil ?? now.toISOString()) - now.getTime()) / 1000));
}

/** The count after one more failure at `now`. */
export function afterFailure(rule: SignInLimitRule, count: SignInCount | null, now: Date): SignInCount {
  const failures = (count?.failures ?? 0) + 1;
  const lock = lockMs(rule, failures);
  return { failures, lockedUntil: lock > 0 ? new Date(now.getTime() + lock).toISOString() : null, lastFailureAt: now.toISOString() };
}
