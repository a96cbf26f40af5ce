import type { Compilable, CompiledQuery, InsertQueryBuilder, InsertResult, Kysely } from 'kysely';
import type { DbScope } from './engine.js';
import type { HubDatabase } from './schema.js';

// Building and compiling a Kysely query took more of the hub's CPU per intake than SQLite spent
// running it (issue 16 profile of hub_ingest: Kysely ~15 % of the samples, its builders' garbage on
// top). A hot query of fixed shape is therefore built and compiled once per engine, with a
// placeholder standing in for each value; a call only puts its values where the placeholders were.
// The SQL text is the one Kysely writes, so it runs exactly as the built query would.

const PLACEHOLDER = '\u0000query-template:';

type Slot = { arg: string } | { value: unknown };
interface Compiled {
  query: CompiledQuery;
  slots: Slot[];
}

/** Where a template runs: a store's scope, or a database / transaction handle. */
export type Queryable = DbScope | Kysely<HubDatabase>;

/** Values of a template call, by name; each is passed through to the SQL as one parameter. */
export type TemplateArgs = Record<string, unknown>;

/**
 * A query built once per engine by `build`, which gets placeholders in place of `args` (use each
 * only as a value: compared, inserted or set; never computed on). Calling the result runs it on a
 * scope (database or transaction) with real values and returns its rows.
 */
export function queryTemplate<A extends TemplateArgs, Row = unknown>(build: (db: Kysely<HubDatabase>, args: A) => Compilable<Row>) {
  // By the SQL dialect's adapter class: the same query compiles differently on SQLite and PostgreSQL.
  const compiled = new Map<unknown, Compiled>();
  const compile = (db: Kysely<HubDatabase>): Compiled => {
    const used = new Set<string>();
    const placeholders = new Proxy({} as A, {
      get(_target, name) {
        if (typeof name !== 'string') return undefined;
        used.add(name);
        return PLACEHOLDER + name;
      },
    });
    const query = build(db, placeholders).compile();
    const slots = query.parameters.map((p): Slot => (typeof p === 'string' && p.startsWith(PLACEHOLDER) ? { arg: p.slice(PLACEHOLDER.length) } : { value: p }));
    // A placeholder Kysely did not pass through as a parameter (inlined, or computed on) would put
    // the placeholder's text into the database: refuse such a template outright.
    for (const name of used) {
      if (!slots.some((s) => 'arg' in s && s.arg === name)) throw new Error(`query template: ${name} is not a plain parameter of ${query.sql}`);
    }
    if (query.sql.includes(PLACEHOLDER)) throw new Error(`query template: a placeholder was inlined into ${query.sql}`);
    return { query, slots };
  };
  return async (on: Queryable, args: A): Promise<Row[]> => {
    const db = 'db' in on ? on.db : on;
    const dialect = db.getExecutor().adapter.constructor;
    let c = compiled.get(dialect);
    if (!c) compiled.set(dialect, (c = compile(db)));
    const parameters = c.slots.map((s) => {
      if (!('arg' in s)) return s.value;
      const value = args[s.arg];
      // Kysely leaves an undefined column out of an insert; a template cannot: say so.
      if (value === undefined) throw new Error(`query template: no value for ${s.arg}`);
      return value;
    });
    const result = await db.executeQuery<Row>({ ...c.query, parameters });
    return result.rows;
  };
}

/**
 * INSERT of `rows` into `table`, one template per row count (columns as listed, each row giving
 * every one of them, null where empty). `finish` adds what follows VALUES (an upsert's ON CONFLICT).
 */
export function insertTemplate<T extends keyof HubDatabase, C extends keyof HubDatabase[T] & string>(
  table: T,
  columns: readonly C[],
  finish: (q: InsertQueryBuilder<HubDatabase, T, InsertResult>) => Compilable<unknown> = (q) => q,
) {
  const byCount = new Map<number, (on: Queryable, args: TemplateArgs) => Promise<unknown[]>>();
  return async (on: Queryable, rows: ReadonlyArray<Record<C, unknown>>): Promise<void> => {
    if (rows.length === 0) return;
    let run = byCount.get(rows.length);
    if (!run) {
      const count = rows.length;
      run = queryTemplate((db, a: TemplateArgs) => finish(db.insertInto(table).values(Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map((c) => [c, a[`${i}:${c}`]]))) as never)));
      byCount.set(count, run);
    }
    const args: TemplateArgs = {};
    rows.forEach((row, i) => columns.forEach((c) => (args[`${i}:${c}`] = row[c])));
    await run(on, args);
  };
}
