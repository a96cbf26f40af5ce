import type { MediationApplication } from '../../../shared/application.js';
import { Draft } from '../../../shared/contract.js';
import type { IntakeSubmission, Receipt, SubmissionStatus } from '../../../shared/intake.js';
import type { IntakeIngest } from '../../../shared/hubProtocol.js';
import type { CounterEntry } from '../../../shared/counter/counterProtocol.js';
import { courtDay } from '../../../shared/courtTime.js';
import type { AttachmentStore } from './attachmentStore.js';
import type { Db } from '../db.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Sealer } from '../sealing.js';

// Submissions and the draft slot. A submission, its sealed personal payload, its attachment list
// and its outbox job are written in ONE transaction; the receipt is built only from what that
// commit wrote.

interface SubmissionRow {
  submission_id: string;
  provisional_number: string;
  language: string;
  submitted_at: string;
  sealed_payload: Buffer | null;
  status: SubmissionStatus;
  case_number: string | null;
  delivered_at?: string | null;
}

export interface IntakeStoreOptions {
  terminalId: () => string;
  now: () => Date;
}

export class IntakeStore {
  private readonly byId;
  private readonly insertSubmission;
  private readonly clearDraft;
  private readonly nextCounter;
  private readonly delivered;

  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly sealer: Sealer,
    private readonly options: IntakeStoreOptions,
    private readonly attachments: AttachmentStore,
  ) {
    this.insertSubmission = db.prepare(
      `INSERT INTO submissions (submission_id, provisional_number, language, submitted_at, sealed_payload, status)
       VALUES (@submission_id, @provisional_number, @language, @submitted_at, @sealed_payload, @status)`,
    );
    this.clearDraft = db.prepare('DELETE FROM draft');
    this.nextCounter = db.prepare<[string], { value: number }>(
      `INSERT INTO counters (name, value) VALUES (?, 1)
       ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value`,
    );
    this.byId = db.prepare<[string], SubmissionRow>('SELECT * FROM submissions WHERE submission_id = ?');
    this.delivered = db.prepare(
      `UPDATE submissions SET status = 'delivered', case_number = ?, delivered_at = ?, sealed_payload = NULL, last_error = NULL
       WHERE submission_id = ?`,
    );
  }

  /**
   * Durable submit. A second call with the same submission id (a double tap, a retry after the
   * renderer crashed before it saw the receipt) returns the first receipt and writes nothing.
   */
  submit(submission: IntakeSubmission, counterEntry?: CounterEntry): Receipt {
    let unlisted: string[] = [];
    const write = this.db.transaction((): SubmissionRow => {
      const existing = this.byId.get(submission.submissionId);
      if (existing) return existing;
      // Throws (and so rolls back everything) if a listed file was never added to this draft.
      unlisted = this.attachments.bind(submission.submissionId, submission.attachments ?? []);
      const now = this.options.now();
      const row: SubmissionRow = {
        submission_id: submission.submissionId,
        provisional_number: this.nextProvisionalNumber(now),
        language: submission.language,
        submitted_at: now.toISOString(),
        sealed_payload: this.sealer.seal(sealedContent(submission, counterEntry)),
        status: 'queued',
        case_number: null,
      };
      this.insertSubmission.run(row);
      this.outbox.enqueue('intake', row.submission_id, now.getTime());
      // The resident has what they need (the receipt); the draft goes in the same commit.
      this.clearDraft.run();
      return row;
    });
    const row = write.immediate();
    this.attachments.dropUnreferenced(unlisted); // files the resident added but did not submit
    return toReceipt(row);
  }

  /**
   * `${terminal}-${yymmdd}-${seq}`: unique per terminal, readable aloud, sequence per day. The day
   * is the court's (Beijing time): a filing at 00:52 carries that day, not UTC's previous one.
   */
  private nextProvisionalNumber(now: Date): string {
    const day = courtDay(now.getTime()).slice(2).replaceAll('-', '');
    const name = `provisional:${day}`;
    const { value } = this.nextCounter.get(name)!;
    return `${this.options.terminalId()}-${day}-${String(value).padStart(4, '0')}`;
  }

  receipt(submissionId: string): Receipt | null {
    const row = this.byId.get(submissionId);
    return row ? toReceipt(row) : null;
  }

  /** What the outbox sends; null when the payload is gone (already delivered and purged). */
  ingestFor(submissionId: string): IntakeIngest | null {
    const row = this.byId.get(submissionId);
    if (!row?.sealed_payload) return null;
    const attachments = this.attachments.forIngest(submissionId);
    const sealed = this.sealer.open<SealedContent>(row.sealed_payload);
    return {
      submissionId: row.submission_id,
      provisionalNumber: row.provisional_number,
      language: row.language as IntakeIngest['language'],
      submittedAt: row.submitted_at,
      application: sealed.application,
      // Omitted when empty: the hub fingerprints the body, and intakes without attachments
      // must stay byte-identical to what earlier versions sent (a resend after an upgrade).
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(sealed.counterEntry ? { counterEntry: sealed.counterEntry } : {}),
    };
  }

  /**
   * Records the court's numbers and purges the personal payloads and attachment rows in the same
   * commit as the jobs' completion; the attachment files go right after that commit. Sync passes
   * every acknowledgement that arrived in one event-loop turn, so a drain pays one fsync per batch.
   */
  markDelivered(items: ReadonlyArray<{ submissionId: string; caseNumber: string | null; finishJob: () => void }>): void {
    const shas: string[] = [];
    const at = this.options.now().toISOString();
    this.db
      .transaction(() => {
        for (const it of items) {
          shas.push(...this.attachments.deleteFor(it.submissionId));
          this.delivered.run(it.caseNumber, at, it.submissionId);
          it.finishJob();
        }
      })
      .immediate();
    this.attachments.dropUnreferenced(shas);
  }

  setStatus(submissionId: string, status: SubmissionStatus, lastError: string | null = null): void {
    this.db.prepare('UPDATE submissions SET status = ?, last_error = ? WHERE submission_id = ?').run(status, lastError, submissionId);
  }

  saveDraft(draft: Draft): void {
    this.db
      .prepare(
        `INSERT INTO draft (slot, sealed_payload, updated_at) VALUES (1, ?, ?)
         ON CONFLICT(slot) DO UPDATE SET sealed_payload = excluded.sealed_payload, updated_at = excluded.updated_at`,
      )
      .run(this.sealer.seal(draft), this.options.now().getTime());
  }

  /** A draft saved by an older app version that no longer fits the contract is dropped, not served. */
  loadDraft(): Draft | null {
    const row = this.db.prepare<[], { sealed_payload: Buffer }>('SELECT sealed_payload FROM draft WHERE slot = 1').get();
    if (!row) return null;
    const draft = Draft.safeParse(this.sealer.open<unknown>(row.sealed_payload));
    return draft.success ? draft.data : null;
  }

  /**
   * Wipes the draft and every attachment not yet submitted; the checkpoint moves the freed
   * (overwritten) pages out of the WAL too.
   */
  discardDraft(): void {
    this.db.prepare('DELETE FROM draft').run();
    this.attachments.discardUnsubmitted();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}

function toReceipt(row: SubmissionRow): Receipt {
  return {
    submissionId: row.submission_id,
    provisionalNumber: row.provisional_number,
    submittedAt: row.submitted_at,
    status: row.status,
    caseNumber: row.case_number,
    deliveredAt: row.delivered_at ?? null,
  };
}

/** What is sealed for a submission: the whole application, and who entered it at a counter if staff did. */
interface SealedContent {
  application: MediationApplication;
  counterEntry?: CounterEntry;
}
function sealedContent(submission: IntakeSubmission, counterEntry: CounterEntry | undefined): SealedContent {
  return counterEntry ? { application: submission.application, counterEntry } : { application: submission.application };
}
