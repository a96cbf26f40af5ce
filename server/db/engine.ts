import { sql, type Expression, type Kysely, type RawBuilder } from 'kysely';
import { retryConflicts } from './failures.js';
import type { HubDatabase } from './schema.js';

// Which engine holds the hub's data, and where a store's queries run: the database itself or a
// transaction on it. A store is a set of queries over a scope, so one transaction can span several
// features' writes: open each store on the transaction's scope.

export type Engine = 'sqlite' | 'postgres';

export interface DbScope {
  readonly engine: Engine;
  /** The database, or a transaction (a Kysely Transaction is a Kysely too). */
  readonly db: Kysely<HubDatabase>;
  /** In a transaction `inTransaction` began: what to undo outside the database if this attempt rolls back. */
  readonly attempt?: TransactionAttempt;
}

/**
 * One attempt at a transaction. A file a store writes for it (a sealed document) is not part of
 * the transaction: registered here, it is removed when the attempt rolls back — a deadlock victim
 * run again writes its own, so a retry leaves no spare file, and a refused action none at all.
 */
export interface TransactionAttempt {
  onRollback(undo: () => Promise<void>): void;
}

/**
 * Runs `work` in a transaction: a new one, or the scope's own if it already is one (so a store
 * method can be called alone or inside a caller's transaction). A new one that PostgreSQL aborts
 * for a conflict with another instance's transaction (deadlock, serialization) is run again whole
 * (`retryConflicts`), so a staff action that loses a deadlock is not handed to the clerk as a 503;
 * work inside a caller's transaction is retried with that transaction, by whoever began it.
 */
export async function inTransaction<T>(scope: DbScope, work: (trx: DbScope) => Promise<T>): Promise<T> {
  if (scope.db.isTransaction) return work(scope);
  return retryConflicts(async () => {
    const undo: Array<() => Promise<void>> = [];
    let workDone = false;
    try {
      return await scope.db.transaction().execute(async (trx) => {
        const result = await work({ engine: scope.engine, db: trx, attempt: { onRollback: (u) => void undo.push(u) } });
        workDone = true;
        return result;
      });
    } catch (error) {
      // Only when the work itself failed is the rollback certain: a COMMIT that failed may still
      // have committed, and a document its row names must never be removed.
      if (!workDone) await Promise.all(undo.map((u) => u().catch(() => undefined)));
      throw error;
    }
  });
}

/** Whole seconds from instant `from` to instant `to` (ISO text columns or values), never negative. */
export function secondsBetween(engine: Engine, from: Expression<string | null>, to: Expression<string | null>): RawBuilder<number> {
  return engine === 'sqlite'
    ? sql<number>`max(0, cast(round((julianday(${to}) - julianday(${from})) * 86400) as integer))`
    : sql<number>`greatest(0, cast(round(extract(epoch from (cast(${to} as timestamptz) - cast(${from} as timestamptz)))) as integer))`;
}
