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

/** A template's compiled query for `db`'s engine, compiled on first use. */
function compiledOn<A extends TemplateArgs>(build: (db: Kysely<HubDatabase>, args: A) => Compilable<unknown>) {
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
  return (db: Kysely<HubDatabase>): Compiled => {
    const dialect = db.getExecutor().adapter.constructor;
    let c = compiled.get(dialect);
    if (!c) compiled.set(dialect, (c = compile(db)));
    return c;
  };
}

const handleOf = (on: Queryable): Kysely<HubDatabase> => ('db' in on ? on.db : on);

// Kysely leaves an undefined column out of an insert; a template cannot: say so.
function defined(value: unknown, arg: string): unknown {
  if (value === undefined) throw new Error(`query template: no value for ${arg}`);
  return value;
}

/**
 * A query built once per engine by `build`, which gets placeholders in place of `args` (use each
 * only as a value: compared, inserted or set; never computed on). Calling the result runs it on a
 * scope (database or transaction) with real values and returns its rows.
 */
export function queryTemplate<A extends TemplateArgs, Row = unknown>(build: (db: Kysely<HubDatabase>, args: A) => Compilable<Row>) {
  const compiled = compiledOn(build);
  return async (on: Queryable, args: A): Promise<Row[]> => {
    const db = handleOf(on);
    const c = compiled(db);
    const parameters = c.slots.map((s) => ('arg' in s ? defined(args[s.arg], s.arg) : s.value));
    const result = await db.executeQuery<Row>({ ...c.query, parameters });
    return result.rows;
  };
}

/**
 * INSERT of `rows` into `table`, one template per row count (columns as listed, each row giving
 * every one of them, null where empty). `finish` adds what follows VALUES (an upsert's ON CONFLICT).
 * Each parameter is taken straight from its row and column (found once per row count), so a call
 * builds no argument object: the intake path inserts some hundred values per intake.
 */
export function insertTemplate<T extends keyof HubDatabase, C extends keyof HubDatabase[T] & string>(
  table: T,
  columns: readonly C[],
  finish: (q: InsertQueryBuilder<HubDatabase, T, InsertResult>) => Compilable<unknown> = (q) => q,
) {
  type Pick = { row: number; column: C; arg: string } | { value: unknown };
  const byCount = new Map<number, { compiled: (db: Kysely<HubDatabase>) => Compiled; picks: Map<Compiled, Pick[]> }>();
  return async (on: Queryable, rows: ReadonlyArray<Record<C, unknown>>): Promise<void> => {
    if (rows.length === 0) return;
    let template = byCount.get(rows.length);
    if (!template) {
      const count = rows.length;
      const compiled = compiledOn((db, a: TemplateArgs) =>
        finish(db.insertInto(table).values(Array.from({ length: count }, (_, i) => Object.fromEntries(columns.map((c) => [c, a[`${i}:${c}`]]))) as never)),
      );
      byCount.set(count, (template = { compiled, picks: new Map() }));
    }
    const db = handleOf(on);
    const c = template.compiled(db);
    let picks = template.picks.get(c);
    if (!picks) {
      picks = c.slots.map((s): Pick => {
        if (!('arg' in s)) return s;
        const at = s.arg.indexOf(':');
        return { row: Number(s.arg.slice(0, at)), column: s.arg.slice(at + 1) as C, arg: s.arg };
      });
      template.picks.set(c, picks);
    }
    const parameters = picks.map((p) => ('row' in p ? defined(rows[p.row]![p.column], p.arg) : p.value));
    await db.executeQuery({ ...c.query, parameters });
  };
}
