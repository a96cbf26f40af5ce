import type { Database } from 'better-sqlite3';

// The hub's SQLite schema as the hub before Kysely wrote it, verbatim: `PRAGMA user_version` held
// the number of these steps applied. Tests build data folders of that hub with it, to prove that
// the current hub (server/db/migrate.ts) upgrades them in place with their data.

const migrations: readonly string[] = [
  `
  CREATE TABLE terminals (
    terminal_id          TEXT PRIMARY KEY,
    name                 TEXT NOT NULL,
    location             TEXT NOT NULL,
    credential_hash      TEXT NOT NULL UNIQUE,  -- sha256 hex of the bearer credential
    enrolled_at          TEXT NOT NULL,
    credential_issued_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE case_sequences (
    year     INTEGER PRIMARY KEY,
    last_seq INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE intakes (
    submission_id       TEXT PRIMARY KEY,      -- the kiosk's UUID = Idempotency-Key
    terminal_id         TEXT NOT NULL REFERENCES terminals(terminal_id),
    request_fingerprint TEXT NOT NULL,         -- sha256 hex of the canonical request body
    provisional_number  TEXT NOT NULL,
    language            TEXT NOT NULL,
    submitted_at        TEXT NOT NULL,
    received_at         TEXT NOT NULL,
    case_number         TEXT NOT NULL UNIQUE,
    dispute_type        TEXT NOT NULL,
    form_json           TEXT NOT NULL,
    ack_json            TEXT NOT NULL          -- the exact 201 body, replayed on retries
  ) STRICT;
  CREATE INDEX intakes_by_received ON intakes(received_at);

  CREATE TABLE staff (
    username      TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,               -- scrypt$N$r$p$salt$hash
    created_at    TEXT NOT NULL
  ) STRICT;

  CREATE TABLE staff_sessions (
    token_hash TEXT PRIMARY KEY,               -- sha256 hex of the cookie token
    username   TEXT NOT NULL REFERENCES staff(username),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  ) STRICT;
  `,
  // 2: attachments. A row exists only for an upload whose bytes hashed to its declared sha256
  // (and looked like its declared type); the file stays in <dataDir>/uploads/<upload_id>.
  // An intake remembers the attachment list it was acknowledged with.
  `
  CREATE TABLE attachments (
    submission_id TEXT NOT NULL,
    sha256        TEXT NOT NULL,
    terminal_id   TEXT NOT NULL REFERENCES terminals(terminal_id),
    mime_type     TEXT NOT NULL,
    size          INTEGER NOT NULL,
    upload_id     TEXT NOT NULL UNIQUE,        -- tus upload id = file name under uploads/
    verified_at   TEXT NOT NULL,
    PRIMARY KEY (submission_id, sha256)
  ) STRICT;

  ALTER TABLE intakes ADD COLUMN attachments_json TEXT NOT NULL DEFAULT '[]';
  `,
  // 3: video calls. Staff get a role (existing accounts stay admins) and a name residents see;
  // every kiosk call leaves a record: who, when queued/answered/ended, how long, and the outcome.
  `
  ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'mediator'));
  ALTER TABLE staff ADD COLUMN display_name TEXT NOT NULL DEFAULT '';

  CREATE TABLE call_records (
    call_id       TEXT PRIMARY KEY,
    terminal_id   TEXT NOT NULL REFERENCES terminals(terminal_id),
    submission_id TEXT,                        -- the intake filed just before, if any (may arrive later)
    language      TEXT NOT NULL,
    queued_at     TEXT NOT NULL,
    answered_at   TEXT,
    mediator      TEXT REFERENCES staff(username),
    ended_at      TEXT,
    duration_s    INTEGER,                     -- answered → ended; null if never answered
    end_reason    TEXT,
    outcome       TEXT CHECK (outcome IN ('settled', 'scheduled', 'referred', 'resident_left')),
    notes         TEXT NOT NULL DEFAULT '',
    outcome_at    TEXT
  ) STRICT;
  CREATE INDEX call_records_by_queued ON call_records(queued_at);
  `,
  // 4: legal-education playlist. Media files live in <dataDir>/playlist-media/<sha256>, a row per
  // verified upload; items reference them with their schedule; one settings row (attract delay,
  // volume schedule) that also records whether the default content was seeded; proof of play
  // from the kiosks, idempotent by the kiosk's play id, with the court day for the report.
  `
  CREATE TABLE playlist_media (
    sha256    TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    mime_type TEXT NOT NULL,
    size      INTEGER NOT NULL CHECK (size > 0),
    added_at  TEXT NOT NULL
  ) STRICT;

  CREATE TABLE playlist_items (
    item_id      TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    title_en     TEXT NOT NULL DEFAULT '',
    sha256       TEXT NOT NULL,                -- playlist_media row (its file goes once no live item uses it)
    duration_ms  INTEGER,
    position     INTEGER NOT NULL,
    muted        INTEGER NOT NULL CHECK (muted IN (0, 1)),
    schedule_json TEXT NOT NULL,               -- shared/playlist.ts ItemSchedule
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    removed_at   TEXT                          -- kept (titles for the play report), out of the manifest
  ) STRICT;

  CREATE TABLE playlist_settings (
    slot          INTEGER PRIMARY KEY CHECK (slot = 1),
    settings_json TEXT NOT NULL,               -- shared/playlist.ts PlaylistSettings
    seeded_at     TEXT                         -- when the default content was loaded (first start)
  ) STRICT;

  CREATE TABLE plays (
    play_id     TEXT PRIMARY KEY,              -- the kiosk's UUID: resends are ignored
    terminal_id TEXT NOT NULL REFERENCES terminals(terminal_id),
    item_id     TEXT NOT NULL,                 -- no foreign key: proof outlives a removed item
    sha256      TEXT NOT NULL,
    started_at  TEXT NOT NULL,
    ended_at    TEXT NOT NULL,
    outcome     TEXT NOT NULL CHECK (outcome IN ('completed', 'skipped')),
    reason      TEXT,
    court_day   TEXT NOT NULL,                 -- started_at's date in court time (UTC+8)
    received_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX plays_by_day ON plays(court_day, item_id, terminal_id);
  `,
  // 5: the whole mediation application (调解申请书) from the kiosk wizard, beside its summary form.
  // NULL for intakes from kiosks that send only the summary.
  `
  ALTER TABLE intakes ADD COLUMN application_json TEXT;
  `,
  // 6: "check my case" finds an intake by its provisional number as a resident types it: upper
  // case, without '-' or '_' (shared/caseStatus.ts provisionalKey; terminal ids hold nothing else).
  `
  CREATE INDEX intakes_by_provisional_key ON intakes (replace(replace(upper(provisional_number), '-', ''), '_', ''));
  `,
  // 7: one filing shape. Kiosks send the whole application and the hub derives its summary from
  // it: the summary form goes, and the application is required. SQLite changes neither in place,
  // so the table is copied (rowids kept: they order intakes received in the same millisecond).
  // An intake without its application (the first slice's summary-only format, which never
  // shipped) fails the NOT NULL and stops the migration: a court record is never dropped.
  `
  CREATE TABLE intakes_v7 (
    submission_id       TEXT PRIMARY KEY,
    terminal_id         TEXT NOT NULL REFERENCES terminals(terminal_id),
    request_fingerprint TEXT NOT NULL,
    provisional_number  TEXT NOT NULL,
    language            TEXT NOT NULL,
    submitted_at        TEXT NOT NULL,
    received_at         TEXT NOT NULL,
    case_number         TEXT NOT NULL UNIQUE,
    dispute_type        TEXT NOT NULL,
    application_json    TEXT NOT NULL,             -- shared/application.ts MediationApplication, as validated
    attachments_json    TEXT NOT NULL DEFAULT '[]',
    ack_json            TEXT NOT NULL
  ) STRICT;
  INSERT INTO intakes_v7 (rowid, submission_id, terminal_id, request_fingerprint, provisional_number, language,
    submitted_at, received_at, case_number, dispute_type, application_json, attachments_json, ack_json)
  SELECT rowid, submission_id, terminal_id, request_fingerprint, provisional_number, language,
    submitted_at, received_at, case_number, dispute_type, application_json, attachments_json, ack_json
  FROM intakes ORDER BY rowid;
  DROP TABLE intakes;
  ALTER TABLE intakes_v7 RENAME TO intakes;
  CREATE INDEX intakes_by_received ON intakes(received_at);
  CREATE INDEX intakes_by_provisional_key ON intakes (replace(replace(upper(provisional_number), '-', ''), '_', ''));
  `,
];

export const legacySchemaVersion = migrations.length;

/** Brings a file to legacy schema `target` the way the old hub did. */
export function migrateLegacy(db: Database, target = migrations.length): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > migrations.length) {
    throw new Error(`hub database is at schema ${current}, newer than this hub (${migrations.length})`);
  }
  for (let v = current; v < target; v++) {
    try {
      db.transaction(() => {
        db.exec(migrations[v]!);
        db.pragma(`user_version = ${v + 1}`);
      })();
    } catch (error) {
      throw new Error(`hub database migration ${v + 1} failed, schema left at ${v}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
