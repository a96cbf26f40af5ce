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
  return retryConflicts(() => scope.db.transaction().execute((trx) => work({ engine: scope.engine, db: trx })));
}

/** Whole seconds from instant `from` to instant `to` (ISO text columns or values), never negative. */
export function secondsBetween(engine: Engine, from: Expression<string | null>, to: Expression<string | null>): RawBuilder<number> {
  return engine === 'sqlite'
    ? sql<number>`max(0, cast(round((julianday(${to}) - julianday(${from})) * 86400) as integer))`
    : sql<number>`greatest(0, cast(round(extract(epoch from (cast(${to} as timestamptz) - cast(${from} as timestamptz)))) as integer))`;
}
