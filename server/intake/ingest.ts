import { attachmentErrors } from '../../shared/attachment.js';
import { canonicalJson } from '../../shared/canonicalJson.js';
import type { CounterEntry } from '../../shared/counter/counterProtocol.js';
import type { IntakeIngest } from '../../shared/hubProtocol.js';
import { isUniqueViolation } from '../db/failures.js';
import { sha256Hex } from '../http/credentials.js';
import { HubError, hubErrorCodes } from '../http/errors.js';
import type { IntakeStore, NewIntake } from './store.js';

// Receiving an intake exactly once (DESIGN §5; IETF draft "The Idempotency-Key HTTP Header").
// The key is the kiosk's submissionId, unique at the hub and scoped to the terminal that first
// used it. The hub stores a fingerprint of the request and the exact acknowledgement it sent:
//   same key + same body, same terminal → replay the stored ack (200, identical JSON)
//   same key + different body or another terminal → 422 IDEMPOTENCY_KEY_REUSED
//   same key while the first request is still being processed → 409 IN_PROGRESS
// A new intake is acknowledged only when every attachment it lists has been uploaded by the same
// terminal and verified (sha256 and type); otherwise 409 ATTACHMENTS_INCOMPLETE names the missing
// ones and nothing is recorded, so the kiosk can upload them and send the same request again.
// "In progress" is known within one hub process: the keys between their first check and their
// commit. Beyond that, the unique key on intakes.submission_id decides. A duplicate that reaches
// the database while the first is still uncommitted — on another hub instance sharing PostgreSQL,
// or in this process when its check ran just before the first commit — waits there for the first
// commit, finds the key taken, and is answered from the record like any retry: the stored ack
// (200) or 422. So every key is recorded once and every answer to it is the same ack.

export interface IngestOutcome {
  status: 200 | 201;
  ackJson: string;
}

/** What the hub held under a key when a request arrived (IntakeReceiver.lookup). */
export interface KeyLookup {
  submissionId: string;
  /** The key is recorded (by this request or another). */
  held: boolean;
  /** The stored ack, when this very request was recorded from this terminal. */
  replay: IngestOutcome | null;
}

export interface IntakeIngestOptions {
  store: IntakeStore;
  now: () => Date;
  /** The site of the counter sign-in an intake's counter entry names, if it was made at this terminal by that staff member (server/counter/); null or absent: refused. */
  counterEntrySite?: (terminalId: string, entry: CounterEntry) => Promise<string | null>;
  /** Test seam: awaited after a key is marked in progress and before its transaction runs. */
  beforeCommit?: ((submissionId: string) => void | Promise<void>) | undefined;
  /** Told when a "recorded" listener throws; the intake is on record and its ack is sent anyway. */
  onListenerError?: (error: unknown) => void;
}

/** A new intake, just committed: other parts of the hub may be waiting for it (a queued call). */
export interface RecordedIntake {
  submissionId: string;
  terminalId: string;
}

function requestFingerprint(rawBody: unknown): string {
  return sha256Hex(canonicalJson(rawBody));
}

/** Throws 409 ATTACHMENTS_INCOMPLETE, or 400 if a verified file differs from what the intake says of it. */
async function checkAttachments(store: IntakeStore, terminalId: string, intake: IntakeIngest): Promise<void> {
  const listed = intake.attachments ?? [];
  if (listed.length === 0) return;
  const verified = await store.verifiedAttachments(intake.submissionId, terminalId);
  const missing = listed.filter((a) => !verified.has(a.sha256)).map((a) => a.sha256);
  if (missing.length > 0) {
    throw new HubError(409, hubErrorCodes.attachmentsIncomplete, 'Some attachments have not arrived intact yet', undefined, { missing });
  }
  const issues = listed.flatMap((a, i) => {
    const v = verified.get(a.sha256)!;
    return v.mimeType === a.mimeType && v.size === a.size ? [] : [{ path: `attachments.${i}`, message: attachmentErrors.invalid }];
  });
  if (issues.length > 0) throw new HubError(400, hubErrorCodes.invalidInput, 'Intake is not valid', issues);
}

/**
 * Group commit: intakes ready in the same event-loop turn, and those that arrive while a batch is
 * being committed, go to the database together as one transaction (one fsync).
 */
function commitQueue(store: IntakeStore) {
  type Waiter = { r: NewIntake; resolve: (ack: string) => void; reject: (e: unknown) => void };
  let queue: Waiter[] = [];
  let committing = false;
  const flush = async () => {
    const batch = queue;
    queue = [];
    committing = true;
    try {
      const results = await store.recordIntakes(batch.map((w) => w.r));
      batch.forEach((w, i) => {
        const res = results[i]!;
        if ('ackJson' in res) w.resolve(res.ackJson);
        else w.reject(res.error);
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      committing = false;
      if (queue.length > 0) setImmediate(() => void flush()); // flush settles every waiter itself
    }
  };
  return (r: NewIntake) =>
    new Promise<string>((resolve, reject) => {
      if (queue.push({ r, resolve, reject }) === 1 && !committing) setImmediate(() => void flush());
    });
}

export function intakeReceiver(opts: IntakeIngestOptions) {
  const inProgress = new Set<string>();
  const record = commitQueue(opts.store);
  // Told once per new intake, after its commit; never for a replay or a refusal.
  const listeners = new Set<(intake: RecordedIntake) => void>();
  const recorded = (intake: RecordedIntake) => {
    for (const listener of listeners) {
      try {
        listener(intake);
      } catch (error) {
        opts.onListenerError?.(error);
      }
    }
  };

  async function fromRecord(terminalId: string, fingerprint: string, submissionId: string): Promise<IngestOutcome | null> {
    const record = await opts.store.intakeKey(submissionId);
    if (!record) return null;
    if (record.terminalId !== terminalId || record.fingerprint !== fingerprint) {
      throw new HubError(422, hubErrorCodes.idempotencyKeyReused, 'This Idempotency-Key was already used with a different request');
    }
    return { status: 200, ackJson: record.ackJson };
  }

  return {
    /** Calls `listener` after each new intake's commit; returns the way to stop. */
    onRecorded(listener: (intake: RecordedIntake) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * What the hub holds under `submissionId`, asked before today's schema: the stored ack when
     * `rawBody` is (by fingerprint) a request this terminal already delivered, so what the court
     * received once is answered the same even if a rule has been added since. Hand it to `receive`,
     * which then does not ask again.
     */
    async lookup(terminalId: string, submissionId: string, rawBody: unknown): Promise<KeyLookup> {
      const record = await opts.store.intakeKey(submissionId);
      const same = record !== null && record.terminalId === terminalId && record.fingerprint === requestFingerprint(rawBody);
      return { submissionId, held: record !== null, replay: same ? { status: 200, ackJson: record.ackJson } : null };
    },
    /**
     * `rawBody` is the JSON as received (fingerprinted); `intake` is its validated form; `looked`,
     * this key's `lookup` for this body if the caller made one.
     */
    async receive(terminalId: string, intake: IntakeIngest, rawBody: unknown, looked?: KeyLookup): Promise<IngestOutcome> {
      const key = intake.submissionId;
      const fingerprint = requestFingerprint(rawBody);
      if (looked?.submissionId === key && looked.replay) return looked.replay;
      // a key found free a moment ago is not asked again (one statement fewer per new intake)
      const replay = looked?.submissionId === key && !looked.held ? null : await fromRecord(terminalId, fingerprint, key);
      if (replay) return replay;
      if (inProgress.has(key)) {
        throw new HubError(409, hubErrorCodes.inProgress, 'A request with this Idempotency-Key is in progress');
      }
      inProgress.add(key);
      try {
        if (opts.beforeCommit) await opts.beforeCommit(key);
        await checkAttachments(opts.store, terminalId, intake);
        const entry = intake.counterEntry;
        const entrySite = entry ? ((await opts.counterEntrySite?.(terminalId, entry)) ?? null) : null;
        if (entry && !entrySite) throw new HubError(422, hubErrorCodes.counterEntryUnknown, 'This intake names a counter sign-in this terminal did not make');
        const received = opts.now();
        let ackJson: string;
        try {
          ackJson = await record({
            submissionId: key,
            terminalId,
            fingerprint,
            provisionalNumber: intake.provisionalNumber,
            language: intake.language,
            submittedAt: intake.submittedAt,
            receivedAt: received.toISOString(),
            disputeType: intake.application.disputeType,
            application: intake.application,
            applicationJson: JSON.stringify(intake.application),
            attachmentsJson: JSON.stringify(intake.attachments ?? []),
            ...(entry && entrySite ? { counterEntry: { ...entry, siteId: entrySite } } : {}),
          });
        } catch (error) {
          // Recorded first by a concurrent request (see the header): answer as to a retry of it.
          const first = isUniqueViolation(error) ? await fromRecord(terminalId, fingerprint, key) : null;
          if (first) return first;
          throw error;
        }
        recorded({ submissionId: key, terminalId });
        return { status: 201, ackJson };
      } finally {
        inProgress.delete(key);
      }
    },
  };
}
export type IntakeReceiver = ReturnType<typeof intakeReceiver>;
