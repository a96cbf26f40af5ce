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
  // 2: attachments (photos, scans). The files live sealed in <dataDir>/attachments/<sha256 of the
  // plaintext>; a row binds a file to a draft or submission and tracks its resumable upload.
  `
  CREATE TABLE attachments (
    submission_id TEXT NOT NULL,           -- the draft's / submission's UUID
    sha256        TEXT NOT NULL CHECK (length(sha256) = 64),
    mime_type     TEXT NOT NULL,
    size          INTEGER NOT NULL CHECK (size > 0),
    position      INTEGER,                 -- order in the submitted intake; NULL while still a draft's
    label_sealed  BLOB,                    -- AES-GCM sealed label: it may describe the resident's evidence
    upload_url    TEXT,                    -- the hub's tus upload, saved as soon as it exists (resume point)
    uploaded_at   TEXT,                    -- the hub finished and verified the upload
    added_at      TEXT NOT NULL,
    PRIMARY KEY (submission_id, sha256)
  );
  CREATE INDEX attachments_by_sha256 ON attachments (sha256);
  `,
  // 3: legal-education loop. The last good manifest from the hub; the verified media cache
  // (files in <dataDir>/media/<sha256>.<ext>, a row only once the hash matched); proof-of-play
  // records (sent through the outbox, kind 'play'); failures already reported once.
  `
  CREATE TABLE playlist_manifest (
    slot          INTEGER PRIMARY KEY CHECK (slot = 1),
    version       TEXT NOT NULL,
    manifest_json TEXT NOT NULL,
    fetched_at    INTEGER NOT NULL
  );
  CREATE TABLE media_cache (
    sha256         TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    mime_type      TEXT NOT NULL,
    size           INTEGER NOT NULL CHECK (size > 0),
    bundled        INTEGER NOT NULL DEFAULT 0,  -- shipped with the app (the fallback playlist)
    verified_at    INTEGER NOT NULL,
    last_played_at INTEGER                      -- eviction order: least recently played first
  );
  CREATE TABLE plays (
    play_id     TEXT PRIMARY KEY,
    item_id     TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    ended_at    TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('completed','skipped')),
    reason      TEXT,
    recorded_at INTEGER NOT NULL,
    delivered_at INTEGER
  );
  CREATE TABLE play_faults (
    item_id  TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    reason   TEXT NOT NULL,
    first_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, sha256, reason)
  );
  `,
  // 4 (kiosk10): a resident's signature on their mediation agreement, queued for the court
  // (outbox kind 'signature'). The sealed payload (receipt number, phone, draft id, the image) is
  // dropped once the court recorded it.
  `
  CREATE TABLE agreement_signatures (
    signature_id   TEXT PRIMARY KEY,
    document_id    TEXT NOT NULL,
    sealed_payload BLOB,
    status         TEXT NOT NULL CHECK (status IN ('queued','delivered','needs_attention')),
    queued_at      TEXT NOT NULL,
    delivered_at   TEXT,
    last_error     TEXT
  );
  `,
  // 5 (guidance): the court's published reference cases (典型案例), as last fetched, so check-my-case
  // can show them offline. One row; replaced whole at each successful fetch. No personal data.
  `
  CREATE TABLE reference_case_cache (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL
  );
  `,
  // 6 (ops14): reports the kiosk owes the hub about itself — an update's start-up outcome, a
  // crash report (main/agent/reports/terminalReports.ts, outbox kind 'report'); deleted once
  // the hub acknowledged them. Bodies carry versions and scrubbed text, nothing about a resident.
  `
  CREATE TABLE terminal_reports (
    report_id TEXT PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('update','crash')),
    body      TEXT NOT NULL,
    queued_at INTEGER NOT NULL
  );
  `,
  // 7 (session 6): help requests ("请工作人员协助") join the reports the kiosk owes the hub:
  // the kind's CHECK widens, so the table is made again with what it holds.
  `
  CREATE TABLE terminal_reports_7 (
    report_id TEXT PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('update','crash','help')),
    body      TEXT NOT NULL,
    queued_at INTEGER NOT NULL
  );
  INSERT INTO terminal_reports_7 (report_id, kind, body, queued_at) SELECT report_id, kind, body, queued_at FROM terminal_reports;
  DROP TABLE terminal_reports;
  ALTER TABLE terminal_reports_7 RENAME TO terminal_reports;
  `,
  // 8 (session 7): what staff did on the kiosk's panel joins them, so an action taken while the
  // hub cannot be reached is still audited there once it can (issue 14 item 7).
  `
  CREATE TABLE terminal_reports_8 (
    report_id TEXT PRIMARY KEY,
    kind      TEXT NOT NULL CHECK (kind IN ('update','crash','help','admin')),
    body      TEXT NOT NULL,
    queued_at INTEGER NOT NULL
  );
  INSERT INTO terminal_reports_8 (report_id, kind, body, queued_at) SELECT report_id, kind, body, queued_at FROM terminal_reports;
  DROP TABLE terminal_reports;
  ALTER TABLE terminal_reports_8 RENAME TO terminal_reports;
  `,
];
