// How a database failure reads, on either engine. Two kinds matter to the hub:
//   unavailable — the database cannot answer now (PostgreSQL stopped, restarting, unreachable,
//     out of connections; no connection free within the pool's timeout; a deadlock or
//     serialization failure between instances, which a retry resolves; SQLite busy beyond its
//     timeout, its disk full or failing). Requests get 503 with Retry-After; nothing is stored
//     half, because every write is a transaction, and the client's retry finds things as they were.
//   unique violation — a row with the same key exists (another request or instance wrote it first).

interface DriverError {
  code?: unknown;
  message?: unknown;
  syscall?: unknown;
}

const asDriverError = (error: unknown): DriverError => (typeof error === 'object' && error !== null ? error : {});

// PostgreSQL SQLSTATEs: class 08 connection exception, 53 insufficient resources, 57P01-03
// shutdown / cannot connect now, 40001 serialization failure, 40P01 deadlock detected.
const PG_UNAVAILABLE = /^(08...|53...|57P0[123]|40001|40P01)$/;
// Socket-level failures of the pg driver, and its own messages for a lost or refused connection.
// ENOENT only as a socket's: PostgreSQL's unix socket absent (`connect ENOENT /run/postgresql/…`);
// a file missing from the files folder is no outage (server/http/errors.ts answers it 404).
const NODE_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const PG_CLIENT_MESSAGES = [
  'timeout exceeded when trying to connect',
  'Connection terminated',
  'connection timeout',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
];
const SQLITE_UNAVAILABLE = /^SQLITE_(BUSY|LOCKED|FULL|IOERR|CANTOPEN)/;

export function isDatabaseUnavailable(error: unknown): boolean {
  const { code, message, syscall } = asDriverError(error);
  if (typeof code === 'string') {
    if (PG_UNAVAILABLE.test(code) || NODE_UNAVAILABLE.has(code) || SQLITE_UNAVAILABLE.test(code)) return true;
    if (code === 'ENOENT' && syscall === 'connect') return true;
  }
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable); // every address refused
  return typeof message === 'string' && PG_CLIENT_MESSAGES.some((m) => message.includes(m));
}

/** PostgreSQL gave up one of two transactions that conflicted (40001 serialization failure, 40P01 deadlock): run again, it will pass. */
export function isTransactionConflict(error: unknown): boolean {
  const { code } = asDriverError(error);
  return code === '40001' || code === '40P01';
}

/**
 * Runs `transaction` again (up to `tries` times in all) when PostgreSQL aborted it for a conflict
 * with another transaction. Only for work that is a whole transaction: what it did was rolled back.
 * Past the tries the conflict reads as "unavailable" (503 with Retry-After) like any outage.
 */
export async function retryConflicts<T>(transaction: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= tries || !isTransactionConflict(error)) throw error;
    }
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const { code } = asDriverError(error);
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
