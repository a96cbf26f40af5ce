import { isIPv6 } from 'node:net';
import { sql } from 'kysely';
import type { AttemptBound } from '../../shared/attemptWindow.js';
import { LINK_GUESSES_PER_ADDRESS, secondsUntil } from '../../shared/wrongGuesses.js';
import type { DbScope } from '../db/engine.js';

// Wrong guesses of who someone is, counted in the database (wrong_guesses, migration 0062) so a
// bound holds across every hub instance on one database and across restarts (the rule:
// shared/wrongGuesses.ts). Race-free without locks held over a comparison: before comparing, a
// guess takes a turn under each of its bounds with one conditional upsert per bound (a new window,
// or one more under `max`; else nothing, and the row says until when) — so however many guesses
// arrive at once on however many instances, at most `max` are compared. A right guess gives its
// turns back, so only wrong ones stay counted; while a right one is being compared its turn is
// held, and a guess racing it at the very last turn is told to wait (a few milliseconds' window
// that only a person racing themselves can hit). A comparison that fails gives its turns back too.

export interface GuessLimit {
  /** The kind of key: 'record_unlock.round', 'link.address', … */
  bucket: string;
  /** What is guessed at or who guesses: a round, a code's sha256, a terminal, a client address; never what was typed. */
  key: string;
  bound: AttemptBound;
}

/**
 * Who guesses, as a key: an IPv4 address (also when written IPv4-mapped), or an IPv6 address's /64 —
 * one subscriber's network, whose 2^64 addresses a guesser could otherwise rotate through.
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail] = address.toLowerCase().split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** The bound every link route's wrong guesses from one client address (Fastify's `request.ip`) share: the join page and the record links. */
export const linkAddressLimit = (address: string): GuessLimit => ({ bucket: 'link.address', key: addressKey(address), bound: LINK_GUESSES_PER_ADDRESS });

/**
 * The public status page's wrong phone numbers from one address: a bound of their own. Anyone may post
 * there without a link, so they must not spend the budget of the join page and record links — a
 * stranger would lock every hearing party behind the same address (a carrier's NAT, a proxy) out.
 */
export const statusAddressLimit = (address: string): GuessLimit => ({ bucket: 'status.address', key: addressKey(address), bound: LINK_GUESSES_PER_ADDRESS });

export type Judged<T> = { ok: true; value: T } | { ok: false; retryAfterS: number };

/** Rows whose window ended are deleted at most this often per instance (and at the first guess after a start). */
const PRUNE_EVERY_MS = 60_000;

export function guessStore(scope: DbScope, now: () => number = Date.now) {
  let prunedAt = Number.NEGATIVE_INFINITY;

  /** One turn under `limit`: the window it was counted in, or the end of the window that is full. */
  async function take(limit: GuessLimit, at: number): Promise<{ counted: string } | { fullUntil: string }> {
    const nowIso = new Date(at).toISOString();
    const fresh = new Date(at + limit.bound.windowMs).toISOString();
    const ended = sql<boolean>`wrong_guesses.window_ends <= ${nowIso}`;
    const row = await scope.db
      .insertInto('wrong_guesses')
      .values({ bucket: limit.bucket, guess_key: limit.key, window_ends: fresh, wrong: 1 })
      .onConflict((oc) =>
        oc
          .columns(['bucket', 'guess_key'])
          .doUpdateSet({
            window_ends: sql<string>`case when ${ended} then ${fresh} else wrong_guesses.window_ends end`,
            wrong: sql<number>`case when ${ended} then 1 else wrong_guesses.wrong + 1 end`,
          })
          .where(sql<boolean>`${ended} or wrong_guesses.wrong < ${limit.bound.max}`),
      )
      .returning('window_ends')
      .executeTakeFirst();
    if (row) return { counted: row.window_ends };
    const full = await scope.db.selectFrom('wrong_guesses').select('window_ends').where('bucket', '=', limit.bucket).where('guess_key', '=', limit.key).executeTakeFirst();
    // Gone meanwhile (pruned by another instance as its window ended): a minute's wait is no harm.
    return { fullUntil: full?.window_ends ?? new Date(at + 60_000).toISOString() };
  }

  /** Gives a turn back, in the window it was taken in (a window begun anew since keeps its own count). */
  async function giveBack(limit: GuessLimit, counted: string): Promise<void> {
    await scope.db
      .updateTable('wrong_guesses')
      .set((eb) => ({ wrong: eb('wrong', '-', 1) }))
      .where('bucket', '=', limit.bucket)
      .where('guess_key', '=', limit.key)
      .where('window_ends', '=', counted)
      .where('wrong', '>', 0)
      .execute();
  }

  async function prune(at: number): Promise<void> {
    if (at - prunedAt < PRUNE_EVERY_MS) return;
    prunedAt = at;
    await scope.db.deleteFrom('wrong_guesses').where('window_ends', '<=', new Date(at).toISOString()).execute();
  }

  return {
    /**
     * Compares a guess (`decide`) only if a turn is free under every limit; `isWrong` says whether
     * what `decide` found counts. Refused: the seconds until the first full window ends.
     */
    async judge<T>(limits: readonly GuessLimit[], decide: () => Promise<T>, isWrong: (value: T) => boolean): Promise<Judged<T>> {
      const at = now();
      await prune(at);
      const taken: Array<{ limit: GuessLimit; counted: string }> = [];
      // best effort: a turn that cannot be given back (the database just failed) lapses with its window
      const giveAllBack = () => Promise.allSettled(taken.map((t) => giveBack(t.limit, t.counted)));
      let value: T;
      try {
        for (const limit of limits) {
          const turn = await take(limit, at);
          if ('fullUntil' in turn) {
            await giveAllBack();
            return { ok: false, retryAfterS: secondsUntil(turn.fullUntil, at) };
          }
          taken.push({ limit, counted: turn.counted });
        }
        value = await decide();
      } catch (failure) {
        // a failure (taking a later turn, or comparing) is nobody's wrong guess
        await giveAllBack();
        throw failure;
      }
      if (!isWrong(value)) await giveAllBack();
      return { ok: true, value };
    },
  };
}
export type GuessStore = ReturnType<typeof guessStore>;
