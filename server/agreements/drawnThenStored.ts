import { isDeepStrictEqual } from 'node:util';
import { CaseRefusal } from '../cases/caseStore.js';
import { inTransaction, type DbScope } from '../db/engine.js';

// A court document is drawn outside any transaction and stored in one short one: drawing a PDF
// with a CJK font takes seconds on a busy hub, and must not hold the database's write lock (SQLite:
// every other writer of the hub waits; PostgreSQL: the case's row lock). So the facts it is drawn
// from are read first, the PDF drawn, and in the transaction the facts are read again: stored only
// when they are still the same — a document never disagrees with the event that records it. When
// they changed between (another staff action, a party's details corrected, midnight passed), it is
// drawn again from the new facts, a few times, then refused as a stale view.

/** How many times a document is drawn before a case that keeps changing is refused. */
export const DRAW_ATTEMPTS = 3;

export interface DrawingStep<F, T> {
  /** The facts the document is drawn from, read in `scope` (in the transaction: lock the case first); null when the step is no longer to be taken. */
  facts(scope: DbScope): Promise<F | null>;
  /** The PDF of those facts (outside any transaction). */
  draw(facts: F): Promise<Buffer>;
  /** Stores the bytes and appends the event, in the transaction, with the facts as read there. */
  store(trx: DbScope, facts: F, bytes: Buffer): Promise<T>;
}

/** The step taken with its document stored once; null when `facts` says there is nothing (left) to do. */
export async function drawnThenStored<F, T>(scope: DbScope, step: DrawingStep<F, T>): Promise<T | null> {
  for (let attempt = 1; ; attempt++) {
    const facts = await step.facts(scope);
    if (facts === null) return null;
    const bytes = await step.draw(facts);
    const outcome = await inTransaction(scope, async (trx): Promise<{ stored: T } | { changed: true } | { none: true }> => {
      const now = await step.facts(trx);
      // nothing left to do (another run stored it meanwhile) is not a change to draw again for
      if (now === null) return { none: true };
      return isDeepStrictEqual(now, facts) ? { stored: await step.store(trx, now, bytes) } : { changed: true };
    });
    if ('none' in outcome) return null;
    if ('stored' in outcome) return outcome.stored;
    if (attempt >= DRAW_ATTEMPTS) throw new CaseRefusal({ code: 'STALE_CASE', status: 409 }, null);
  }
}
