import type { AttemptBound } from './attemptWindow.js';

// Wrong guesses of who someone is — a name + ID ending given through a join link or code, or to
// open a record after its call; a phone number on a dispute's public status page — are bounded per thing guessed at (a round, a code: their own
// bounds beside them, e.g. RECORD_UNLOCK_TRIES) and per client address across every link route
// (below). Each bound is a fixed window that starts with the first wrong guess: past `max` wrong
// ones, nothing more is compared until the window ends, and the person is told when that is. Only
// wrong guesses count. Pure: the store (server/rateLimit/guessStore.ts) keeps the counts.

/**
 * Wrong guesses from one client address an hour, over all link routes together (the join page's
 * code + identity, a record link's unlock and answer; the public status page's phone numbers have a bound
 * of their own of the same size, so a stranger there cannot spend the parties' budget). 30: several parties behind one address (a
 * township centre's Wi-Fi, a carrier's NAT) each mistyping a round's five fit in it, while a
 * stranger holding several forwarded links gets 30 guesses an hour in all, not five per link.
 * Behind nginx the address is the one Fastify's trustProxy (HUB_TRUST_PROXY) yields; without it
 * every client is the proxy's address and shares this bound.
 */
export const LINK_GUESSES_PER_ADDRESS: AttemptBound = { max: 30, windowMs: 60 * 60_000 };

/** Whole seconds from `nowMs` until the window ending at `windowEnds` (ISO), at least 1. */
export const secondsUntil = (windowEnds: string, nowMs: number): number => Math.max(1, Math.ceil((Date.parse(windowEnds) - nowMs) / 1000));

/** The whole minutes a locked-out person is told to wait (Retry-After seconds rounded up, at least 1). */
export const minutesToWait = (retryAfterS: number): number => Math.max(1, Math.ceil(retryAfterS / 60));
