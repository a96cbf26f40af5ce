// Versioned schema of the kiosk's SQLite store. Append only: a shipped migration is never edited.
// `PRAGMA user_version` records how many have been applied.

export const migrations: readonly string[] = [
  // 1: terminal config, submissions with sealed personal payloads, the outbox, the draft slot.
  `
  CREATE TABLE config (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  CREATE TABLE submissions (
    submission_id      TEXT PRIMARY KEY,
    provisional_number TEXT NOT NULL UNIQUE,
    language           TEXT NOT NULL,
    submitted_at       TEXT NOT NULL,
    sealed_payload     BLOB,           -- AES-GCM sealed personal data; NULL once the hub acknowledged
    status             TEXT NOT NULL CHECK (status IN ('queued','sending','delivered','needs_attention')),
    case_number        TEXT,
    delivered_at       TEXT,
    last_error         TEXT
  );
  CREATE TABLE outbox_jobs (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,
    ref             TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending','in_flight','done','parked')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    UNIQUE (kind, ref)
  );
  CREATE INDEX outbox_due ON outbox_jobs (state, next_attempt_at);
  CREATE TABLE draft (
    slot           INTEGER PRIMARY KEY CHECK (slot = 1),
    sealed_payload BLOB NOT NULL,
    updated_at     INTEGER NOT NULL
  );
  `,
];
