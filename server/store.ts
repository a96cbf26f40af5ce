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
  /** The whole mediation application (JSON), or null when the kiosk sent only the summary. */
  applicationJson: string | null;
  /** The intake's `attachments` list as acknowledged (JSON array, `[]` if none). */
  attachmentsJson: string;
  caseNumberFor: (year: number, seq: number) => string;
}

/** An upload whose bytes the hub hashed and found to be what the kiosk declared. */
export interface VerifiedAttachment {
  submissionId: string;
  sha256: string;
  terminalId: string;
  mimeType: string;
  size: number;
  uploadId: string;
  verifiedAt: string;
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
  attachmentsJson: string;
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
        submitted_at, received_at, case_number, dispute_type, form_json, application_json, attachments_json, ack_json)
      VALUES (@submissionId, @terminalId, @fingerprint, @provisionalNumber, @language,
        @submittedAt, @receivedAt, @caseNumber, @disputeType, @formJson, @applicationJson, @attachmentsJson, @ackJson)`),
    countIntakes: db.prepare(`SELECT count(*) AS n FROM intakes`),
    recentIntakes: db.prepare(`
      SELECT i.submission_id AS submissionId, i.case_number AS caseNumber, i.received_at AS receivedAt,
        i.submitted_at AS submittedAt, i.terminal_id AS terminalId, t.name AS terminalName,
        i.provisional_number AS provisionalNumber, i.language, i.form_json AS formJson,
        i.attachments_json AS attachmentsJson
      FROM intakes i JOIN terminals t ON t.terminal_id = i.terminal_id
      ORDER BY i.received_at DESC, i.rowid DESC LIMIT ?`),
    insertAttachment: db.prepare(`
      INSERT INTO attachments (submission_id, sha256, terminal_id, mime_type, size, upload_id, verified_at)
      VALUES (@submissionId, @sha256, @terminalId, @mimeType, @size, @uploadId, @verifiedAt)
      ON CONFLICT (submission_id, sha256) DO NOTHING`),
    attachment: db.prepare(`
      SELECT submission_id AS submissionId, sha256, terminal_id AS terminalId, mime_type AS mimeType, size,
        upload_id AS uploadId, verified_at AS verifiedAt
      FROM attachments WHERE submission_id = ? AND sha256 = ?`),
    attachmentsOf: db.prepare(`
      SELECT sha256, mime_type AS mimeType, size FROM attachments WHERE submission_id = ? AND terminal_id = ?`),
    submissionOwner: db.prepare(`
      SELECT terminal_id AS terminalId FROM intakes WHERE submission_id = @id
      UNION ALL SELECT terminal_id FROM attachments WHERE submission_id = @id LIMIT 1`),
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

  // Group commit: intakes that arrive in the same event-loop turn share one transaction (one
  // fsync); each runs in its own savepoint so one failing row does not take the others with it.
  const recordIntakes = db.transaction((rs: NewIntake[]): Array<{ ackJson: string } | { error: unknown }> =>
    rs.map((r) => {
      try {
        return { ackJson: recordIntake(r) };
      } catch (error) {
        return { error };
      }
    }),
  );

  return {
    recordIntakes(rs: NewIntake[]) {
      return recordIntakes.immediate(rs);
    },
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
    /**
     * Keeps a verified upload. 'duplicate': this file was already verified for the submission (the
     * new copy can go); 'foreign': another terminal holds this submission id (refuse the upload).
     */
    recordAttachment(a: VerifiedAttachment): 'new' | 'duplicate' | 'foreign' {
      if (s.insertAttachment.run(a).changes === 1) return 'new';
      const existing = s.attachment.get(a.submissionId, a.sha256) as VerifiedAttachment | undefined;
      return existing?.terminalId === a.terminalId ? 'duplicate' : 'foreign';
    },
    attachment(submissionId: string, sha256: string): VerifiedAttachment | null {
      return (s.attachment.get(submissionId, sha256) as VerifiedAttachment | undefined) ?? null;
    },
    /** Verified attachments of a submission from one terminal, by sha256. */
    verifiedAttachments(submissionId: string, terminalId: string): Map<string, { mimeType: string; size: number }> {
      const rows = s.attachmentsOf.all(submissionId, terminalId) as Array<{ sha256: string; mimeType: string; size: number }>;
      return new Map(rows.map((r) => [r.sha256, { mimeType: r.mimeType, size: r.size }]));
    },
    /** The terminal that first used a submission id (for an intake or an upload), or null. */
    submissionOwner(submissionId: string): string | null {
      return (s.submissionOwner.get({ id: submissionId }) as { terminalId: string } | undefined)?.terminalId ?? null;
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
    /** The connection itself, for hub modules that keep their own tables (server/signalling). */
    db,
    close(): void {
      if (db.open) db.close();
    },
  };
}
