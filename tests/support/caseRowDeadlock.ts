import pg from 'pg';
import { testDatabase } from './hubEngine.js';
import { waitFor, type RunningHub } from './hubHarness.js';

// A deadlock made on purpose on PostgreSQL, so a hub transaction is its victim and is run again
// (server/db/engine.ts inTransaction → retryConflicts). Another session, standing for another
// instance's transaction, holds a table the hub's transaction will write (EXCLUSIVE: reads pass,
// writes wait); the hub's transaction locks a case row and waits for that table; then the session
// asks for the case row. It waits a minute before looking for deadlocks, so PostgreSQL's check
// (after 1 s) always picks the hub's transaction.

export interface CaseRowDeadlock {
  /** Begins the other session's transaction holding `table`. */
  hold(table: string): Promise<void>;
  /** Once the hub's transaction waits for the table: asks for the case row, then commits. */
  deadlock(caseId: string, what: string): Promise<void>;
  /**
   * Resolves once this session has committed (deadlock). A hub transaction's retry that waits for
   * it takes the case row only after this session let go of both: otherwise the retry, begun at
   * once, may lock the row before this session (woken by the victim's rollback) does, and a
   * second deadlock follows.
   */
  readonly released: Promise<void>;
  end(): Promise<void>;
}

export async function caseRowDeadlock(h: RunningHub): Promise<CaseRowDeadlock> {
  // The harness gave this data folder its database; the same URL reaches it.
  const other = new pg.Client({ connectionString: (await testDatabase(h.dataDir)).databaseUrl });
  await other.connect();
  let committed: () => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const released = new Promise<void>((resolve, reject) => {
    committed = resolve;
    failed = reject;
  });
  // A test waiting on `released` fails with this session's error instead of hanging to its timeout.
  released.catch(() => undefined);
  return {
    released,
    async hold(table) {
      await other.query('BEGIN');
      await other.query("SET LOCAL deadlock_timeout = '60s'");
      await other.query(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
    },
    async deadlock(caseId, what) {
      try {
        await waitFor(async () => {
          const { rows } = await other.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'");
          return Number(rows[0]!.n) > 0;
        }, what);
        await other.query('SELECT case_id FROM cases WHERE case_id = $1 FOR UPDATE', [caseId]);
        await other.query('COMMIT');
        committed();
      } catch (error) {
        failed(error);
        throw error;
      }
    },
    end: () => other.end(),
  };
}
