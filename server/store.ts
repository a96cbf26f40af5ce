import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { IntakeAck } from '../shared/hubProtocol.js';
import { migrate } from './migrations.js';

// The hub's durable state in one SQLite file: WAL, synchronous=FULL, versioned migrations.
// Every statement is prepared once; an intake and its case number commit in one transaction.

export interface TerminalEnrollment {
  terminalId: string;
  name: string;
  location: string;
  credentialHash: string;
  at: string;
}

/** What the hub remembers about an Idempotency-Key (= submissionId). */
export interface IntakeKeyRecord {
  terminalId: string;
  fingerprint: string;
  ackJson: string;
}

export interface NewIntake {
  submissionId: string;
  terminalId: string;
  fingerprint: string;
  provisionalNumber: string;
  language: string;
  submittedAt: string;
  receivedAt: string;
  /** Year whose case sequence this intake draws from. */
  year: number;
  disputeType: string;
  formJson: string;
  caseNumberFor: (year: number, seq: number) => string;
}

export interface IntakeRow {
  submissionId: string;
  caseNumber: string;
  receivedAt: string;
  submittedAt: string;
  terminalId: string;
  terminalName: string;
  provisionalNumber: string;
  language: string;
  formJson: string;
}

export interface StaffRow {
  username: string;
  passwordHash: string;
}

export type HubStore = ReturnType<typeof openHubStore>;

export function openHubStore(dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'hub.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const s = {
    upsertTerminal: db.prepare(`
      INSERT INTO terminals (terminal_id, name, location, credential_hash, enrolled_at, credential_issued_at)
      VALUES (@terminalId, @name, @location, @credentialHash, @at, @at)
      ON CONFLICT (terminal_id) DO UPDATE SET
        name = excluded.name, location = excluded.location,
        credential_hash = excluded.credential_hash, credential_issued_at = excluded.credential_issued_at`),
    terminalByCredential: db.prepare(`SELECT terminal_id AS terminalId FROM terminals WHERE credential_hash = ?`),
    keyRecord: db.prepare(`
      SELECT terminal_id AS terminalId, request_fingerprint AS fingerprint, ack_json AS ackJson
      FROM intakes WHERE submission_id = ?`),
    nextSeq: db.prepare(`
      INSERT INTO case_sequences (year, last_seq) VALUES (?, 1)
      ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1
      RETURNING last_seq AS seq`),
    insertIntake: db.prepare(`
      INSERT INTO intakes (submission_id, terminal_id, request_fingerprint, provisional_number, language,
        submitted_at, received_at, case_number, dispute_type, form_json, ack_json)
      VALUES (@submissionId, @terminalId, @fingerprint, @provisionalNumber, @language,
        @submittedAt, @receivedAt, @caseNumber, @disputeType, @formJson, @ackJson)`),
    countIntakes: db.prepare(`SELECT count(*) AS n FROM intakes`),
    recentIntakes: db.prepare(`
      SELECT i.submission_id AS submissionId, i.case_number AS caseNumber, i.received_at AS receivedAt,
        i.submitted_at AS submittedAt, i.terminal_id AS terminalId, t.name AS terminalName,
        i.provisional_number AS provisionalNumber, i.language, i.form_json AS formJson
      FROM intakes i JOIN terminals t ON t.terminal_id = i.terminal_id
      ORDER BY i.received_at DESC, i.rowid DESC LIMIT ?`),
    countStaff: db.prepare(`SELECT count(*) AS n FROM staff`),
    insertStaff: db.prepare(`INSERT INTO staff (username, password_hash, created_at) VALUES (?, ?, ?)`),
    staffByName: db.prepare(`SELECT username, password_hash AS passwordHash FROM staff WHERE username = ?`),
    insertSession: db.prepare(`
      INSERT INTO staff_sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)`),
    sessionUser: db.prepare(`SELECT username FROM staff_sessions WHERE token_hash = ? AND expires_at > ?`),
    deleteSession: db.prepare(`DELETE FROM staff_sessions WHERE token_hash = ?`),
    deleteExpiredSessions: db.prepare(`DELETE FROM staff_sessions WHERE expires_at <= ?`),
  };

  const recordIntake = db.transaction((r: NewIntake): string => {
    const { seq } = s.nextSeq.get(r.year) as { seq: number };
    const caseNumber = r.caseNumberFor(r.year, seq);
    const ack: IntakeAck = { submissionId: r.submissionId, caseNumber, receivedAt: r.receivedAt };
    const ackJson = JSON.stringify(ack);
    const { caseNumberFor: _unused, year: _year, ...row } = r;
    s.insertIntake.run({ ...row, caseNumber, ackJson });
    return ackJson;
  });

  return {
    /** Creates the terminal, or rotates its credential and details if it enrolls again. */
    enrollTerminal(e: TerminalEnrollment): void {
      s.upsertTerminal.run(e);
    },
    terminalByCredentialHash(hash: string): string | null {
      const row = s.terminalByCredential.get(hash) as { terminalId: string } | undefined;
      return row?.terminalId ?? null;
    },
    intakeKey(submissionId: string): IntakeKeyRecord | null {
      return (s.keyRecord.get(submissionId) as IntakeKeyRecord | undefined) ?? null;
    },
    /** Allocates the next case number of `year` and stores the intake, atomically. Returns the ack JSON. */
    recordIntake(r: NewIntake): string {
      return recordIntake.immediate(r);
    },
    intakeCount(): number {
      return (s.countIntakes.get() as { n: number }).n;
    },
    recentIntakes(limit: number): IntakeRow[] {
      return s.recentIntakes.all(limit) as IntakeRow[];
    },
    staffCount(): number {
      return (s.countStaff.get() as { n: number }).n;
    },
    addStaff(username: string, passwordHash: string, at: string): void {
      s.insertStaff.run(username, passwordHash, at);
    },
    staff(username: string): StaffRow | null {
      return (s.staffByName.get(username) as StaffRow | undefined) ?? null;
    },
    addSession(tokenHash: string, username: string, at: string, expiresAt: string): void {
      s.deleteExpiredSessions.run(at);
      s.insertSession.run(tokenHash, username, at, expiresAt);
    },
    sessionUser(tokenHash: string, at: string): string | null {
      const row = s.sessionUser.get(tokenHash, at) as { username: string } | undefined;
      return row?.username ?? null;
    },
    endSession(tokenHash: string): void {
      s.deleteSession.run(tokenHash);
    },
    close(): void {
      if (db.open) db.close();
    },
  };
}
