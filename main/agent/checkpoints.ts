import type { Db } from './db.js';

// WAL checkpoints off the resident's path. SQLite's automatic checkpoint runs inside whichever
// commit crosses its threshold, so about 1 % of receipts also waited for the checkpoint's writes
// and fsyncs (BENCHMARKS.md, finding 4). The agent checkpoints on its own clock instead; with
// nothing new in the WAL a PASSIVE checkpoint does no I/O.

export interface Checkpointer {
  close(): void;
}

export function startCheckpoints(db: Db, intervalMs = 1_000): Checkpointer {
  db.pragma('wal_autocheckpoint = 0');
  const timer = setInterval(() => {
    if (db.open) db.pragma('wal_checkpoint(PASSIVE)');
  }, intervalMs);
  timer.unref();
  return {
    close() {
      clearInterval(timer);
      if (db.open) db.pragma('wal_checkpoint(TRUNCATE)');
    },
  };
}
