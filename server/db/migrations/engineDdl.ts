import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';

// The few places where the two engines' table definitions differ, written once for every
// migration: SQLite tables are STRICT (a value of the wrong type is refused, as PostgreSQL does);
// PostgreSQL has no implicit row id, so tables ordered "as received" get an identity `rowid`;
// floating point is REAL on SQLite and double precision on PostgreSQL; append-only tables refuse
// UPDATE and DELETE by a trigger on each engine.

/** A migration step: the same meaning on both engines. */
export type MigrationStep = (db: Kysely<any>, engine: Engine) => Promise<void>;

/** STRICT on SQLite; nothing to add on PostgreSQL, whose columns are always typed. */
export function strict<T extends string, C extends string>(engine: Engine) {
  return (table: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> => (engine === 'sqlite' ? table.modifyEnd(sql`strict`) : table);
}

/** PostgreSQL: a `rowid` that numbers rows as inserted (SQLite has one implicitly). */
export function withRowid<T extends string, C extends string>(engine: Engine) {
  return (table: CreateTableBuilder<T, C>): CreateTableBuilder<T, any> => (engine === 'postgres' ? table.addColumn('rowid', 'bigint', (c) => c.notNull().generatedAlwaysAsIdentity()) : table);
}

/** A 64-bit float column type. */
export const floatType = (engine: Engine) => (engine === 'sqlite' ? 'real' : 'double precision');

/** An integer primary key the database numbers itself (append order). */
export function withSequenceKey<T extends string, C extends string>(engine: Engine, column: string) {
  return (table: CreateTableBuilder<T, C>): CreateTableBuilder<T, any> =>
    engine === 'sqlite'
      ? table.addColumn(column, 'integer', (c) => c.primaryKey()) // an alias of SQLite's rowid
      : table.addColumn(column, 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity());
}

/** `column IN ('a', 'b', …)` for a CHECK constraint; the list is written out in the migration, never imported. */
export function oneOf(column: string, values: readonly string[]) {
  return sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
}

/** Makes `table` append-only: UPDATE, DELETE (and on PostgreSQL TRUNCATE) are refused by the database. */
export async function appendOnly(db: Kysely<any>, engine: Engine, table: string): Promise<void> {
  const message = sql.lit(`${table} is append-only`);
  if (engine === 'sqlite') {
    for (const op of ['update', 'delete'] as const) {
      await sql`create trigger ${sql.id(`${table}_no_${op}`)} before ${sql.raw(op)} on ${sql.table(table)}
        begin select raise(abort, ${message}); end`.execute(db);
    }
    return;
  }
  await sql`create or replace function hub_refuse_change() returns trigger language plpgsql as $$
    begin raise exception '% is append-only', tg_table_name using errcode = 'restrict_violation'; end $$`.execute(db);
  await sql`create trigger ${sql.id(`${table}_no_change`)} before update or delete on ${sql.table(table)}
    for each row execute function hub_refuse_change()`.execute(db);
  await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${sql.table(table)}
    for each statement execute function hub_refuse_change()`.execute(db);
}
