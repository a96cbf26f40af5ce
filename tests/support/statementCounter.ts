import Database from 'better-sqlite3';
import pg from 'pg';

// Counts the statements this process sends to a database engine, at the drivers (better-sqlite3's
// statement runs, pg's client queries: every BEGIN, SAVEPOINT and COMMIT too), so a test can pin
// how many an operation costs. It only counts: each call goes on to the driver unchanged.

type Method = (...args: unknown[]) => unknown;

function wrap(target: Record<string, unknown>, names: string[], seen: (self: unknown, args: unknown[]) => void): () => void {
  const originals = names.map((name) => [name, target[name] as Method] as const);
  for (const [name, original] of originals) {
    target[name] = function (this: unknown, ...args: unknown[]) {
      seen(this, args);
      return original.apply(this, args);
    };
  }
  return () => originals.forEach(([name, original]) => (target[name] = original));
}

export interface StatementCounter {
  /** The SQL of each statement sent since the counter was made (or last reset), in order. */
  readonly statements: readonly string[];
  reset(): void;
  stop(): void;
}

/** Starts counting every statement sent to SQLite and PostgreSQL from this process. */
export function countStatements(): StatementCounter {
  let statements: string[] = [];
  // A statement of a throwaway in-memory database gives the prototype every statement shares.
  const probe = new Database(':memory:');
  const statementPrototype = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>;
  probe.close();
  const restore = [
    wrap(statementPrototype, ['run', 'get', 'all', 'iterate'], (self) => statements.push((self as Database.Statement).source)),
    wrap(pg.Client.prototype as unknown as Record<string, unknown>, ['query'], (_self, [query]) => {
      statements.push(typeof query === 'string' ? query : String((query as { text?: unknown } | undefined)?.text ?? query));
    }),
  ];
  return {
    get statements() {
      return statements;
    },
    reset: () => void (statements = []),
    stop: () => restore.forEach((r) => r()),
  };
}
