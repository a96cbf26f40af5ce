import { attachmentErrors, MAGIC_BYTES, matchesMagic, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type AttachmentMimeType, type AttachmentRef, type IngestAttachment } from '../../../shared/attachment.js';
import type { AttachmentInfo } from '../../../shared/contract.js';
import { KioskFailure } from '../../../shared/result.js';
import { sha256Hex, type AttachmentFiles } from './attachmentFiles.js';
import type { Db } from '../db.js';
import type { Sealer } from '../sealing.js';

// Which attachment belongs to which draft or submission, and how far its upload got. A row is
// added with the file; `bind` (inside the submit transaction) fixes the submitted list; rows go
// when the draft is discarded or the hub acknowledged the intake. A file is deleted only once
// no row refers to it (identical photos in two intakes share one file), always after the commit
// that dropped its last row, so a crash can leave an orphan file (swept at start-up) but never
// a row without its file.

interface Row {
  submission_id: string;
  sha256: string;
  mime_type: AttachmentMimeType;
  size: number;
  position: number | null;
  label_sealed: Buffer | null;
  upload_url: string | null;
  uploaded_at: string | null;
}

/** A renderer bug rather than something the resident can fix, so not an i18n key. */
const SUBMITTED = 'This submission was already submitted; its attachments are fixed';

export interface PendingUpload {
  submissionId: string;
  sha256: string;
  mimeType: AttachmentMimeType;
  size: number;
  uploadUrl: string | null;
}

export class AttachmentStore {
  private readonly row;
  private readonly rowsOf;
  private readonly referenced;
  private readonly setPlace;
  private readonly dropRow;

  constructor(
    private readonly db: Db,
    private readonly files: AttachmentFiles,
    private readonly sealer: Sealer,
    private readonly now: () => Date,
  ) {
    this.row = db.prepare<[string, string], Row>('SELECT * FROM attachments WHERE submission_id = ? AND sha256 = ?');
    this.rowsOf = db.prepare<[string], Row>('SELECT * FROM attachments WHERE submission_id = ? ORDER BY position, added_at');
    this.referenced = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM attachments WHERE sha256 = ? LIMIT 1');
    this.setPlace = db.prepare('UPDATE attachments SET position = ?, label_sealed = ? WHERE submission_id = ? AND sha256 = ?');
    this.dropRow = db.prepare('DELETE FROM attachments WHERE submission_id = ? AND sha256 = ?');
  }

  /** `attachment.add`: stores the file sealed and binds it to the (not yet submitted) draft. */
  async add(submissionId: string, mimeType: AttachmentMimeType, data: Buffer): Promise<AttachmentInfo> {
    if (data.length > MAX_ATTACHMENT_BYTES) throw new KioskFailure('TOO_LARGE', attachmentErrors.tooLarge);
    if (!matchesMagic(mimeType, data.subarray(0, MAGIC_BYTES))) {
      throw new KioskFailure('INVALID_INPUT', 'Invalid input for attachment.add', [{ path: 'dataBase64', message: attachmentErrors.type }]);
    }
    const sha256 = sha256Hex(data);
    this.assertCanAdd(submissionId, sha256);
    const staged = await this.files.stage(sha256, data);
    try {
      // Checked again: the draft may have been submitted while the file was being written.
      this.assertCanAdd(submissionId, sha256);
      this.files.place(staged, sha256);
    } catch (error) {
      this.files.discard(staged);
      throw error;
    }
    this.db
      .prepare(
        `INSERT INTO attachments (submission_id, sha256, mime_type, size, added_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (submission_id, sha256) DO NOTHING`,
      )
      .run(submissionId, sha256, mimeType, data.length, this.now().toISOString());
    return { sha256, size: data.length, mimeType };
  }

  /** `attachment.remove`: only while the draft is open; removing an unknown file is a no-op. */
  remove(submissionId: string, sha256: string): void {
    const row = this.row.get(submissionId, sha256);
    if (!row) return;
    if (row.position !== null) throw new KioskFailure('CONFLICT', SUBMITTED);
    this.db.prepare('DELETE FROM attachments WHERE submission_id = ? AND sha256 = ?').run(submissionId, sha256);
    this.dropUnreferenced([sha256]);
  }

  /**
   * Every attachment not yet part of a submission goes: the kiosk has one draft slot, so these
   * belong to the draft being discarded (or to an earlier one that never got saved).
   */
  discardUnsubmitted(): number {
    const shas = this.db.prepare<[], { sha256: string }>('SELECT sha256 FROM attachments WHERE position IS NULL').all();
    this.db.prepare('DELETE FROM attachments WHERE position IS NULL').run();
    this.dropUnreferenced(shas.map((r) => r.sha256));
    return shas.length;
  }

  /**
   * Call inside the submit transaction: fixes order and labels of the listed files and drops the
   * draft's unlisted ones. Returns the dropped hashes, for `dropUnreferenced` after the commit.
   */
  bind(submissionId: string, refs: readonly AttachmentRef[]): string[] {
    const open = new Set(
      this.rowsOf
        .all(submissionId)
        .filter((r) => r.position === null)
        .map((r) => r.sha256),
    );
    const issues = refs.flatMap((ref, i) => (open.has(ref.sha256) ? [] : [{ path: `attachments.${i}.sha256`, message: attachmentErrors.invalid }]));
    if (issues.length > 0) throw new KioskFailure('INVALID_INPUT', 'Invalid input for intake.submit', issues);
    refs.forEach((ref, i) => {
      this.setPlace.run(i, ref.label === undefined ? null : this.sealer.sealBytes(Buffer.from(ref.label, 'utf8')), submissionId, ref.sha256);
      open.delete(ref.sha256);
    });
    for (const sha256 of open) this.dropRow.run(submissionId, sha256);
    return [...open];
  }

  /** The attachments of a submission as the hub is told about them, in the resident's order. */
  forIngest(submissionId: string): IngestAttachment[] {
    return this.submitted(submissionId).map((r) => ({
      sha256: r.sha256,
      mimeType: r.mime_type,
      size: r.size,
      ...(r.label_sealed ? { label: this.sealer.openBytes(r.label_sealed).toString('utf8') } : {}),
    }));
  }

  /** Submitted attachments the hub has not confirmed yet. */
  pending(submissionId: string): PendingUpload[] {
    return this.submitted(submissionId)
      .filter((r) => r.uploaded_at === null)
      .map((r) => ({ submissionId, sha256: r.sha256, mimeType: r.mime_type, size: r.size, uploadUrl: r.upload_url }));
  }

  /** Decrypted bytes, verified against their hash; throws AttachmentUnreadable. */
  read(sha256: string): Buffer {
    return this.files.read(sha256);
  }

  /** Persisted the moment the hub assigns it, so a restart resumes at the hub's offset. */
  setUploadUrl(submissionId: string, sha256: string, url: string | null): void {
    this.db.prepare('UPDATE attachments SET upload_url = ? WHERE submission_id = ? AND sha256 = ?').run(url, submissionId, sha256);
  }

  markUploaded(submissionId: string, sha256: string): void {
    this.db.prepare('UPDATE attachments SET uploaded_at = ? WHERE submission_id = ? AND sha256 = ?').run(this.now().toISOString(), submissionId, sha256);
  }

  /** The hub lost or refused these: forget both the confirmation and the old upload, and send afresh. */
  resetUploads(submissionId: string, shas: readonly string[]): number {
    const reset = this.db.prepare('UPDATE attachments SET upload_url = NULL, uploaded_at = NULL WHERE submission_id = ? AND sha256 = ?');
    return this.db.transaction(() => shas.reduce((n, sha) => n + reset.run(submissionId, sha).changes, 0))();
  }

  /** Call inside the transaction that records the hub's acknowledgement. Returns the hashes for `dropUnreferenced`. */
  deleteFor(submissionId: string): string[] {
    const shas = this.rowsOf.all(submissionId).map((r) => r.sha256);
    this.db.prepare('DELETE FROM attachments WHERE submission_id = ?').run(submissionId);
    return shas;
  }

  /** Deletes the files no row refers to any more. Synchronous: cannot interleave with `add`'s place + insert. */
  dropUnreferenced(shas: readonly string[]): void {
    for (const sha256 of new Set(shas)) if (!this.referenced.get(sha256)) this.files.remove(sha256);
  }

  /** Start-up: deletes temp files and files no row refers to (left by a crash after a purge's commit). */
  sweep(): number {
    return this.files.sweep((sha256) => this.referenced.get(sha256) !== undefined);
  }

  private submitted(submissionId: string): Row[] {
    return this.rowsOf.all(submissionId).filter((r) => r.position !== null);
  }

  private assertCanAdd(submissionId: string, sha256: string): void {
    if (this.db.prepare('SELECT 1 FROM submissions WHERE submission_id = ?').get(submissionId)) {
      throw new KioskFailure('CONFLICT', SUBMITTED);
    }
    const others = this.rowsOf.all(submissionId).filter((r) => r.sha256 !== sha256).length;
    if (others >= MAX_ATTACHMENTS) {
      throw new KioskFailure('INVALID_INPUT', 'Invalid input for attachment.add', [{ path: 'submissionId', message: attachmentErrors.tooMany }]);
    }
  }
}
