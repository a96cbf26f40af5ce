import { z } from 'zod';
import { MediationApplication } from './application.js';
import { AttachmentMimeType, IngestAttachments, Sha256Hex } from './attachment.js';
import { Language, SubmissionId } from './intake.js';
import { CounterEntry } from './counter/counterProtocol.js';

// The kiosk ↔ court hub HTTP protocol. Both ends import these schemas; the hub rejects anything
// that does not parse with a 4xx and a JSON `HubErrorBody` — except on the tus upload endpoint,
// which speaks the tus protocol (its refusals are 4xx with short plain-text bodies).

export const HUB_API = '/api/v1';
export const hubPaths = {
  health: `${HUB_API}/health`,
  enroll: `${HUB_API}/terminals/enroll`,
  intakes: `${HUB_API}/intakes`,
  /** Several intakes in one request, each received as if posted alone (issue 16). */
  intakeBatch: `${HUB_API}/intakes/batch`,
  /** tus 1.0 creation endpoint; each upload lives at `${uploads}/<id>` (HEAD, PATCH, DELETE). */
  uploads: `${HUB_API}/uploads`,
} as const;

/** Largest upload the hub accepts (headroom above the kiosk's own MAX_ATTACHMENT_BYTES). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Status of a finished upload whose bytes do not hash to its declared sha256 (tus checksum extension). */
export const CHECKSUM_MISMATCH_STATUS = 460;

/**
 * tus `Upload-Metadata` of an attachment upload, sent with `Authorization: Bearer <credential>`.
 * The hub hashes the finished file and keeps it only if it matches `sha256` and `mimeType`.
 */
export const UploadMetadata = z.object({
  submissionId: SubmissionId,
  sha256: Sha256Hex,
  mimeType: AttachmentMimeType,
});
export type UploadMetadata = z.infer<typeof UploadMetadata>;

export const HubErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type HubErrorBody = z.infer<typeof HubErrorBody>;

/** 409 body when an intake lists attachments the hub has not (or no longer) verified. */
export const ATTACHMENTS_INCOMPLETE = 'ATTACHMENTS_INCOMPLETE';
export const AttachmentsIncompleteBody = z.object({
  error: z.object({ code: z.literal(ATTACHMENTS_INCOMPLETE), message: z.string(), missing: z.array(Sha256Hex) }),
});

export const TerminalId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/);

export const EnrollRequest = z.strictObject({
  enrollmentCode: z.string().min(8).max(200),
  terminalId: TerminalId,
  name: z.string().trim().min(1).max(100),
  location: z.string().trim().max(200).default(''),
  /**
   * The credential the kiosk chose, and kept, before asking. The hub stores only its hash; asking
   * again with the same one (its answer was lost on the way) is answered again instead of refused,
   * so a dropped response never locks a terminal out of a one-time token.
   */
  credential: z.string().min(32).max(200).optional(),
});
export type EnrollRequest = z.input<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  terminalId: TerminalId,
  credential: z.string().min(32),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/**
 * Sent with `Authorization: Bearer <credential>` and `Idempotency-Key: <submissionId>`. The body is
 * the whole mediation application with its receipt facts; the hub derives whatever its lists show.
 * `attachments` (omitted when there are none, so such bodies are byte-identical to before) must
 * all have been uploaded and verified first; otherwise the hub answers 409 ATTACHMENTS_INCOMPLETE.
 */
export const IntakeIngest = z.strictObject({
  submissionId: SubmissionId,
  provisionalNumber: z.string().min(1).max(64),
  language: Language,
  submittedAt: z.iso.datetime(),
  application: MediationApplication,
  attachments: IngestAttachments.optional(),
  /** Entered at a remote service counter by signed-in staff (shared/counter/); omitted for a resident's own filing. */
  counterEntry: CounterEntry.optional(),
});
export type IntakeIngest = z.infer<typeof IntakeIngest>;

export const IntakeAck = z.object({
  submissionId: SubmissionId,
  /** Null when the court numbers the case later (when staff divert it to mediation). */
  caseNumber: z.string().nullable(),
  receivedAt: z.string(),
});
export type IntakeAck = z.infer<typeof IntakeAck>;

/** Most intakes one batch request may carry (a drain's batch stays well inside the body limit). */
export const MAX_INTAKES_PER_BATCH = 50;

/**
 * POST `hubPaths.intakeBatch` with `Authorization: Bearer <credential>`: each element is an
 * `IntakeIngest` body, checked and received on its own exactly as a single POST of it would be
 * (its submissionId is its Idempotency-Key, its fingerprint that of the element), so one bad intake
 * never fails the others, and a batch item and a later single retry of it are the same request.
 */
export const IntakeBatchRequest = z.strictObject({
  intakes: z.array(z.unknown()).min(1).max(MAX_INTAKES_PER_BATCH),
});

/** What became of one element, in the request's order: what a single POST of it would have answered. */
export const IntakeBatchItem = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('delivered'), status: z.literal(201), ack: IntakeAck }),
  z.object({ outcome: z.literal('replayed'), status: z.literal(200), ack: IntakeAck }),
  z.object({
    outcome: z.literal('refused'),
    status: z.number().int().min(400).max(599),
    error: z.object({ code: z.string(), message: z.string(), missing: z.array(Sha256Hex).optional() }),
  }),
]);
export type IntakeBatchItem = z.infer<typeof IntakeBatchItem>;

export const IntakeBatchResponse = z.object({ results: z.array(IntakeBatchItem) });
export type IntakeBatchResponse = z.infer<typeof IntakeBatchResponse>;
