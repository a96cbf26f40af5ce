import { sql } from 'kysely';
import type { MediationApplication } from '../../shared/application.js';
import type { IngestAttachment } from '../../shared/attachment.js';
import type { CounterEntry } from '../../shared/counter/counterProtocol.js';
import type { IntakeAck } from '../../shared/hubProtocol.js';
import type { Language } from '../../shared/intake.js';
import type { DbScope } from '../db/engine.js';
import { isDatabaseUnavailable, isTransactionConflict, retryConflicts } from '../db/failures.js';
import { insertTemplate, queryTemplate } from '../db/queryTemplate.js';
import { provisionalKeyExpression } from '../db/migrations/0006_provisional_key_index.js';

// Intakes as received (they are also the idempotency keys kiosks retry with), and the attachments
// whose bytes the hub verified. An intake and whatever the in-transaction steps add (issue 10: its
// dispute case) commit in one transaction. The hub numbers no intake: the resident's reference is
// the kiosk's provisional number until the court gives the case its number (server/cases). Intakes
// that arrive together share that transaction (group commit, one fsync), each in its own
// savepoint so that one failing row does not take the others with it. Each application is sealed
// once: the intake row and its case's application (server/cases/partyStore.ts) keep the same text.

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
  disputeType: string;
  /** The whole mediation application, as validated. */
  application: MediationApplication;
  /** The same application as JSON (what is sealed and kept). */
  applicationJson: string;
  /** The intake's `attachments` list as acknowledged (JSON array, `[]` if none). */
  attachmentsJson: string;
  /** Entered at a remote service counter by signed-in staff at that sign-in's site (checked by ./ingest.ts before recording). */
  counterEntry?: CounterEntry & { siteId: string };
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
  /** The court's number for it: its dispute case's once assigned, else one given before migration 22, else null. */
  caseNumber: string | null;
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

type IntakeRow = Omit<IntakeRecord, 'application' | 'attachments' | 'language'> & { language: string; applicationJson: string; attachmentsJson: string };

/** A new intake as it is being recorded: `applicationSealed` is its application as kept at rest (sealed for 'application' with the hub's vault), null where the store keeps it in clear. */
export type RecordingIntake = NewIntake & { applicationSealed: string | null };

/** Told inside the transaction that records a new intake, with that transaction: what it adds commits (or not) with the intake. */
export type IntakeRecordStep = (trx: DbScope, intake: RecordingIntake) => Promise<void>;

/**
 * Told around a batch run whole in one transaction (not the retry with a savepoint per intake):
 * `begin` before the first intake's steps, `end` after the last one's, inside the transaction —
 * so a step's writes can be held back and made once for the batch (server/dashboard/aggregates.ts).
 */
export interface IntakeBatchHooks {
  begin(trx: DbScope): void;
  end(trx: DbScope): Promise<void>;
}

/**
 * How the application is kept at rest: sealed with the hub's data key (server/personalData), so a
 * copy of the database holds no ID number or phone in clear. Rows from before sealing are clear
 * JSON and are read as they are.
 */
export interface ApplicationSeal {
  seal(json: string): string;
  open(stored: string): string;
}
const unsealed: ApplicationSeal = { seal: (json) => json, open: (stored) => stored };
export const applicationSeal = (vault: { seal(purpose: 'application', plain: string): string; open(purpose: 'application', sealed: string): string }): ApplicationSeal => ({
  seal: (json) => vault.seal('application', json),
  open: (stored) => (stored.startsWith('{') ? stored : vault.open('application', stored)),
});

// Stored only after validation, so read back without validating again.
function toRecord({ applicationJson, attachmentsJson, ...row }: IntakeRow, sealing: ApplicationSeal): IntakeRecord {
  return {
    ...row,
    language: row.language as Language,
    application: JSON.parse(sealing.open(applicationJson)) as MediationApplication,
    attachments: JSON.parse(attachmentsJson) as IngestAttachment[],
  };
}

const insertIntake = insertTemplate('intakes', [
  'submission_id',
  'terminal_id',
  'request_fingerprint',
  'provisional_number',
  'language',
  'submitted_at',
  'received_at',
  'dispute_type',
  'application_json',
  'attachments_json',
  'ack_json',
]);
const keyOf = queryTemplate((db, k: { submissionId: string }) =>
  db.selectFrom('intakes').select(['terminal_id as terminalId', 'request_fingerprint as fingerprint', 'ack_json as ackJson']).where('submission_id', '=', k.submissionId),
);

export type IntakeStore = ReturnType<typeof openIntakeStore>;

/** What became of one intake of a batch: its ack, or why it was not recorded. */
export type RecordOutcome = { ackJson: string } | { error: unknown };

/**
 * One intake batch at a time across hub instances (PostgreSQL; SQLite has one writer anyway).
 * Opening the batch's dispute cases upserts shared rows (daily figures, series) in the batch's
 * order, and two batches in opposite orders deadlock. Until migration 22 the intake-number serial's
 * row lock serialised batches; this transaction-scoped advisory lock keeps that, by name.
 */
async function oneBatchAtATime(trx: DbScope): Promise<void> {
  if (trx.engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(${INTAKE_BATCH_LOCK})`.execute(trx.db);
}
/** Any fixed 64-bit key of our own ("intake" in ASCII). */
const INTAKE_BATCH_LOCK = 0x696e74616b65;

/** Intake rows per INSERT of a batch: 11 parameters each stays far below both engines' limits. */
const INSERT_ROWS = 100;

export function openIntakeStore(scope: DbScope, sealing: ApplicationSeal = unsealed) {
  const { db } = scope;
  const steps: IntakeRecordStep[] = [];
  const batchHooks: IntakeBatchHooks[] = [];
  const records = () =>
    db
      .selectFrom('intakes as i')
      .innerJoin('terminals as t', 't.terminal_id', 'i.terminal_id')
      // Its dispute case (opened in the intake's own transaction) holds the number the court gives.
      .leftJoin('cases as c', 'c.submission_id', 'i.submission_id')
      .select((eb) => [
        'i.submission_id as submissionId',
        eb.fn.coalesce('c.case_number', 'i.case_number').as('caseNumber'),
        'i.provisional_number as provisionalNumber',
        'i.terminal_id as terminalId',
        't.name as terminalName',
        'i.language',
        'i.submitted_at as submittedAt',
        'i.received_at as receivedAt',
        'i.application_json as applicationJson',
        'i.attachments_json as attachmentsJson',
      ]);
  const attachmentColumns = ['submission_id as submissionId', 'sha256', 'terminal_id as terminalId', 'mime_type as mimeType', 'size', 'upload_id as uploadId', 'verified_at as verifiedAt'] as const;

  async function attachment(submissionId: string, sha256: string): Promise<VerifiedAttachment | null> {
    const row = await db.selectFrom('attachments').select(attachmentColumns).where('submission_id', '=', submissionId).where('sha256', '=', sha256).executeTakeFirst();
    return row ?? null;
  }

  /** The intake's row (its application sealed once: the steps keep the same sealed text) and its ack. */
  function rowOf(r: NewIntake) {
    const ack: IntakeAck = { submissionId: r.submissionId, caseNumber: null, receivedAt: r.receivedAt };
    const ackJson = JSON.stringify(ack);
    const applicationJson = sealing.seal(r.applicationJson);
    const row = {
      submission_id: r.submissionId,
      terminal_id: r.terminalId,
      request_fingerprint: r.fingerprint,
      provisional_number: r.provisionalNumber,
      language: r.language,
      submitted_at: r.submittedAt,
      received_at: r.receivedAt,
      dispute_type: r.disputeType,
      application_json: applicationJson,
      attachments_json: r.attachmentsJson,
      ack_json: ackJson,
    };
    return { row, ackJson, recording: { ...r, applicationSealed: applicationJson === r.applicationJson ? null : applicationJson } };
  }

  async function recordIntake(trx: DbScope, r: NewIntake): Promise<string> {
    const { row, ackJson, recording } = rowOf(r);
    await insertIntake(trx, [row]);
    for (const step of steps) await step(trx, recording);
    return ackJson;
  }

  /** The whole batch's intake rows in one INSERT (per INSERT_ROWS), then each one's steps, in order. */
  async function recordAll(trx: DbScope, rs: NewIntake[]): Promise<RecordOutcome[]> {
    const rows = rs.map(rowOf);
    for (let i = 0; i < rows.length; i += INSERT_ROWS) {
      await insertIntake(
        trx,
        rows.slice(i, i + INSERT_ROWS).map((r) => r.row),
      );
    }
    for (const hooks of batchHooks) hooks.begin(trx);
    for (const { recording } of rows) for (const step of steps) await step(trx, recording);
    for (const hooks of batchHooks) await hooks.end(trx);
    return rows.map((r) => ({ ackJson: r.ackJson }));
  }

  /** The batch with a savepoint per intake: a failing one is undone alone. */
  async function recordEachInSavepoint(rs: NewIntake[]): Promise<RecordOutcome[]> {
    const trx = await db.startTransaction().execute();
    try {
      await oneBatchAtATime({ engine: scope.engine, db: trx });
      const results: RecordOutcome[] = [];
      for (const r of rs) {
        const inSavepoint = await trx.savepoint('intake').execute();
        try {
          results.push({ ackJson: await recordIntake({ engine: scope.engine, db: inSavepoint }, r) });
          await inSavepoint.releaseSavepoint('intake').execute();
        } catch (error) {
          if (isTransactionConflict(error)) throw error; // not this intake's fault: the batch is tried again whole
          await inSavepoint.rollbackToSavepoint('intake').execute();
          await inSavepoint.releaseSavepoint('intake').execute();
          results.push({ error });
        }
      }
      await trx.commit().execute();
      return results;
    } catch (error) {
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      throw error;
    }
  }

  /** One try at a batch: without savepoints, then (if an intake failed) with one per intake. */
  async function recordBatch(rs: NewIntake[]): Promise<RecordOutcome[]> {
    try {
      return await db.transaction().execute(async (trx) => {
        await oneBatchAtATime({ engine: scope.engine, db: trx });
        return recordAll({ engine: scope.engine, db: trx }, rs);
      });
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw error; // a conflict too: the whole batch is tried again
      if (rs.length === 1) return [{ error }];
    }
    return recordEachInSavepoint(rs);
  }

  return {
    /** Adds a step to the transaction of every new intake (composition: server/hub.ts). */
    onRecord(step: IntakeRecordStep): void {
      steps.push(step);
    },
    /** Adds hooks around every batch run whole (composition: server/hub.ts). */
    onBatch(hooks: IntakeBatchHooks): void {
      batchHooks.push(hooks);
    },
    /**
     * Stores each intake with what the steps add, all in one transaction. An intake that
     * fails (its key taken meanwhile, say) gets its error; the others still commit. If the
     * transaction itself fails (the database went away), the whole call rejects.
     *
     * The batch first runs without savepoints (two statements fewer per intake: the common case
     * costs about a third less), its intake rows in one INSERT. If any intake fails, that attempt is rolled back whole — the
     * steps' work with it (a case opened twice, say) — and the batch runs again with a savepoint per intake.
     * PostgreSQL aborting it for a conflict with another transaction (a deadlock with a staff
     * action's aggregate upserts, say; batches themselves take one lock first and never deadlock
     * each other) runs it again whole: `retryConflicts`, as every transaction `inTransaction` begins (db/engine.ts).
     */
    recordIntakes: (rs: NewIntake[]): Promise<RecordOutcome[]> => retryConflicts(() => recordBatch(rs)),
    async intakeKey(submissionId: string): Promise<IntakeKeyRecord | null> {
      const [row] = await keyOf(scope, { submissionId });
      return row ?? null;
    },
    /**
     * Keeps a verified upload. 'duplicate': this file was already verified for the submission (the
     * new copy can go); 'foreign': another terminal holds this submission id (refuse the upload).
     */
    async recordAttachment(a: VerifiedAttachment): Promise<'new' | 'duplicate' | 'foreign'> {
      const inserted = await db
        .insertInto('attachments')
        .values({
          submission_id: a.submissionId,
          sha256: a.sha256,
          terminal_id: a.terminalId,
          mime_type: a.mimeType,
          size: a.size,
          upload_id: a.uploadId,
          verified_at: a.verifiedAt,
        })
        .onConflict((oc) => oc.columns(['submission_id', 'sha256']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return 'new';
      const existing = await attachment(a.submissionId, a.sha256);
      return existing?.terminalId === a.terminalId ? 'duplicate' : 'foreign';
    },
    attachment,
    /** Verified attachments of a submission from one terminal, by sha256. */
    async verifiedAttachments(submissionId: string, terminalId: string): Promise<Map<string, { mimeType: string; size: number }>> {
      const rows = await db.selectFrom('attachments').select(['sha256', 'mime_type as mimeType', 'size']).where('submission_id', '=', submissionId).where('terminal_id', '=', terminalId).execute();
      return new Map(rows.map((r) => [r.sha256, { mimeType: r.mimeType, size: r.size }]));
    },
    /** The terminal that first used a submission id (for an intake or an upload), or null. */
    async submissionOwner(submissionId: string): Promise<string | null> {
      const intake = await db.selectFrom('intakes').select('terminal_id').where('submission_id', '=', submissionId).executeTakeFirst();
      if (intake) return intake.terminal_id;
      const upload = await db.selectFrom('attachments').select('terminal_id').where('submission_id', '=', submissionId).limit(1).executeTakeFirst();
      return upload?.terminal_id ?? null;
    },
    async count(): Promise<number> {
      const { n } = await db
        .selectFrom('intakes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return n;
    },
    /** Newest first (received in the same millisecond: the later one first). */
    async recent(limit: number): Promise<IntakeRecord[]> {
      const rows = await records().orderBy('i.received_at', 'desc').orderBy('i.rowid', 'desc').limit(limit).execute();
      return rows.map((r) => toRecord(r, sealing));
    },
    async get(submissionId: string): Promise<IntakeRecord | null> {
      const row = await records().where('i.submission_id', '=', submissionId).executeTakeFirst();
      return row ? toRecord(row, sealing) : null;
    },
    /** Intakes whose provisional number reads as `key` (shared/caseStatus.ts provisionalKey), by the index on that expression. */
    async byProvisionalKey(key: string): Promise<IntakeRecord[]> {
      // The expression names its column unqualified (as the index does), so it is asked of intakes alone.
      const matching = db.selectFrom('intakes').select('submission_id').where(provisionalKeyExpression, '=', key);
      const rows = await records().where('i.submission_id', 'in', matching).orderBy('i.rowid').execute();
      return rows.map((r) => toRecord(r, sealing));
    },
    /**
     * Received applications in the order received, a page after `afterRowid` (0 to begin), opened
     * in memory for a reader that keeps only what it derives (server/courtWords/: counts of words).
     * An application that no longer opens (its personal data wiped, or not the hub's seal) is null.
     */
    async applicationsAfter(afterRowid: number, limit: number): Promise<Array<{ rowid: number; disputeType: string; application: MediationApplication | null }>> {
      const rows = await db
        .selectFrom('intakes')
        .select(['rowid', 'dispute_type as disputeType', 'application_json as applicationJson'])
        .where('rowid', '>', afterRowid)
        .orderBy('rowid')
        .limit(limit)
        .execute();
      return rows.map(({ applicationJson, ...r }) => ({ ...r, rowid: Number(r.rowid), application: openedOrNull(applicationJson, sealing) }));
    },
  };
}

function openedOrNull(stored: string, sealing: ApplicationSeal): MediationApplication | null {
  try {
    return JSON.parse(sealing.open(stored)) as MediationApplication;
  } catch {
    return null;
  }
}
