import type { MediationApplication } from '../../shared/application.js';
import type { IngestAttachment } from '../../shared/attachment.js';
import type { IntakeAck } from '../../shared/hubProtocol.js';
import type { Language } from '../../shared/intake.js';
import type { Database as HubDatabase } from 'better-sqlite3';

// Intakes as received (they are also the idempotency keys kiosks retry with), the yearly case
// sequences, and the attachments whose bytes the hub verified. Every statement is prepared once;
// an intake and its case number commit in one transaction.

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
  /** Court and year whose case-number serials this intake draws from. */
  courtCode: string;
  year: number;
  disputeType: string;
  /** The whole mediation application (JSON), as validated. */
  applicationJson: string;
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

/** One intake as the hub keeps it: when and where it was received, and what the resident filed. */
export interface IntakeRecord {
  submissionId: string;
  caseNumber: string;
  provisionalNumber: string;
  terminalId: string;
  terminalName: string;
  language: Language;
  submittedAt: string;
  receivedAt: string;
  application: MediationApplication;
  /** As acknowledged, in the resident's order. */
  attachments: IngestAttachment[];
}

type IntakeRow = Omit<IntakeRecord, 'application' | 'attachments'> & { applicationJson: string; attachmentsJson: string };

// Stored only after validation, so read back without validating again.
function toRecord({ applicationJson, attachmentsJson, ...row }: IntakeRow): IntakeRecord {
  return {
    ...row,
    application: JSON.parse(applicationJson) as MediationApplication,
    attachments: JSON.parse(attachmentsJson) as IngestAttachment[],
  };
}

const RECORD = `
  SELECT i.submission_id AS submissionId, i.case_number AS caseNumber, i.provisional_number AS provisionalNumber,
    i.terminal_id AS terminalId, t.name AS terminalName, i.language, i.submitted_at AS submittedAt, i.received_at AS receivedAt,
    i.application_json AS applicationJson, i.attachments_json AS attachmentsJson
  FROM intakes i JOIN terminals t ON t.terminal_id = i.terminal_id`;

export type IntakeStore = ReturnType<typeof openIntakeStore>;

export function openIntakeStore(db: HubDatabase) {
  const s = {
    keyRecord: db.prepare(`
      SELECT terminal_id AS terminalId, request_fingerprint AS fingerprint, ack_json AS ackJson
      FROM intakes WHERE submission_id = ?`),
    nextSeq: db.prepare(`
      INSERT INTO case_number_serials (court_code, year, type_code, last_serial) VALUES (?, ?, 'PM', 1)
      ON CONFLICT (court_code, year, type_code) DO UPDATE SET last_serial = case_number_serials.last_serial + 1
      RETURNING last_serial AS seq`),
    insertIntake: db.prepare(`
      INSERT INTO intakes (submission_id, terminal_id, request_fingerprint, provisional_number, language,
        submitted_at, received_at, case_number, dispute_type, application_json, attachments_json, ack_json)
      VALUES (@submissionId, @terminalId, @fingerprint, @provisionalNumber, @language,
        @submittedAt, @receivedAt, @caseNumber, @disputeType, @applicationJson, @attachmentsJson, @ackJson)`),
    countIntakes: db.prepare(`SELECT count(*) AS n FROM intakes`),
    recent: db.prepare(`${RECORD} ORDER BY i.received_at DESC, i.rowid DESC LIMIT ?`),
    one: db.prepare(`${RECORD} WHERE i.submission_id = ?`),
    // The index intakes_by_provisional_key (migration 6) is on exactly this expression.
    byProvisionalKey: db.prepare(`${RECORD} WHERE replace(replace(upper(i.provisional_number), '-', ''), '_', '') = ?`),
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
  };

  const recordIntake = db.transaction((r: NewIntake): string => {
    const { seq } = s.nextSeq.get(r.courtCode, r.year) as { seq: number };
    const caseNumber = r.caseNumberFor(r.year, seq);
    const ack: IntakeAck = { submissionId: r.submissionId, caseNumber, receivedAt: r.receivedAt };
    const ackJson = JSON.stringify(ack);
    const { caseNumberFor: _unused, year: _year, courtCode: _court, ...row } = r;
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
    /** Allocates each intake's case number and stores it, one savepoint each, in one transaction. */
    recordIntakes(rs: NewIntake[]) {
      return recordIntakes.immediate(rs);
    },
    intakeKey(submissionId: string): IntakeKeyRecord | null {
      return (s.keyRecord.get(submissionId) as IntakeKeyRecord | undefined) ?? null;
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
    count(): number {
      return (s.countIntakes.get() as { n: number }).n;
    },
    /** Newest first. */
    recent(limit: number): IntakeRecord[] {
      return (s.recent.all(limit) as IntakeRow[]).map(toRecord);
    },
    get(submissionId: string): IntakeRecord | null {
      const row = s.one.get(submissionId) as IntakeRow | undefined;
      return row ? toRecord(row) : null;
    },
    /** Intakes whose provisional number reads as `key` (shared/caseStatus.ts provisionalKey). */
    byProvisionalKey(key: string): IntakeRecord[] {
      return (s.byProvisionalKey.all(key) as IntakeRow[]).map(toRecord);
    },
  };
}
