import { sql } from 'kysely';
import { attemptWait, oldestCounted, sliceIndex, type AttemptBound } from '../../shared/attemptWindow.js';
import type { DbScope } from '../db/engine.js';

// Attempt counts per (bucket, key, slice of the window) in the database, so that every hub instance behind
// the proxy counts against the same bound and a restart forgets nothing (the rule:
// shared/attemptWindow.ts). Two instances taking the last allowed attempt at the same moment may
// both pass: a rate limit tolerates one extra; no row lock is worth that on every lookup.

export interface AttemptCounter {
  /** Counts one attempt for `key`; returns 0 if allowed, else the seconds until one is. A refused attempt is not counted. */
  take(key: string): Promise<number>;
  /** The seconds until `key` may try again (0: now), counting nothing: for limits that count only failures. */
  wait(key: string): Promise<number>;
}

export function attemptStore(scope: DbScope, now: () => number = Date.now) {
  let takes = 0;
  return {
    /** A counter for one kind of attempt ('case_status.terminal', 'enroll.source', …). */
    counter(bucket: string, bound: AttemptBound): AttemptCounter {
      return {
        wait: (key: string) => waitFor(bucket, bound, key, now()),
        async take(key: string): Promise<number> {
          const at = now();
          const wait = await waitFor(bucket, bound, key, at);
          if (wait > 0) return wait;
          await scope.db
            .insertInto('attempt_windows')
            .values({ bucket, attempt_key: key, window_index: sliceIndex(at, bound.windowMs), attempts: 1 })
            .onConflict((oc) => oc.columns(['bucket', 'attempt_key', 'window_index']).doUpdateSet({ attempts: sql`attempt_windows.attempts + 1` }))
            .execute();
          if (++takes % 500 === 0) await sweep(bucket, oldestCounted(at, bound.windowMs));
          return 0;
        },
      };
    },
  };

  async function waitFor(bucket: string, bound: AttemptBound, key: string, at: number): Promise<number> {
    const rows = await scope.db
      .selectFrom('attempt_windows')
      .select(['window_index', 'attempts'])
      .where('bucket', '=', bucket)
      .where('attempt_key', '=', key)
      .where('window_index', '>=', oldestCounted(at, bound.windowMs))
      .execute();
    return attemptWait(bound, new Map(rows.map((r) => [Number(r.window_index), r.attempts])), at);
  }

  async function sweep(bucket: string, before: number): Promise<void> {
    await scope.db.deleteFrom('attempt_windows').where('bucket', '=', bucket).where('window_index', '<', before).execute();
  }
}
export type AttemptStore = ReturnType<typeof attemptStore>;
