import { z } from 'zod';
import { deferrableFields, MediationApplication } from '../application.js';
import { EntityId, intakeChannels, partyRoles, signatureMethods, signerRoles } from '../cases/caseEvents.js';
import type { CaseFile } from '../cases/caseFile.js';
import { caseEventTypes, caseKinds, caseStates } from '../cases/lifecycle.js';
import { disputeTypes } from '../disputeTypes.js';

// Cases through the court API (/api/v1/cases): the list with filters and search, one case with its
// events, parties, documents and the actions the caller may take now, entering a case at court or
// at a counter, and uploading documents. Parties are masked unless the caller opens them
// (`?reveal=parties`, audited).

const CourtDate = z.iso.date();
const csv = <T extends z.ZodType>(item: T) => z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v), z.array(item).max(20));

/** The fold of a case's events (shared/cases/caseFile.ts) as the API returns it. */
export const CaseFileView = z.object({
  caseId: z.string(),
  kind: z.enum(caseKinds),
  state: z.enum(caseStates),
  seq: z.number().int(),
  caseNumber: z.string().nullable(),
  disputeType: z.string(),
  channel: z.enum(intakeChannels).nullable(),
  siteId: z.string().nullable(),
  terminalId: z.string().nullable(),
  submissionId: z.string().nullable(),
  provisionalNumber: z.string().nullable(),
  parties: z.object({ applicants: z.number().int(), respondents: z.number().int() }),
  receivedAt: z.string(),
  organisationId: z.string().nullable(),
  mediator: z.string().nullable(),
  divertedOn: z.string().nullable(),
  mediationDueDate: z.string().nullable(),
  mediationExtensions: z.number().int(),
  sessions: z.array(
    z.object({
      sessionId: z.string(),
      startsAt: z.string(),
      mode: z.enum(['video', 'in_person']),
      siteId: z.string().nullable(),
      place: z.string().nullable(),
      status: z.enum(['scheduled', 'held', 'cancelled']),
      /** The video call a held session was held on (one call holds one session); absent in person and on logs from before it was recorded. */
      callId: z.string().optional(),
    }),
  ),
  agreement: z.object({ documentId: z.string(), version: z.number().int(), signedBy: z.array(z.string()) }).nullable(),
  agreementEffectiveOn: z.string().nullable(),
  confirmationApplyBy: z.string().nullable(),
  confirmationCaseId: z.string().nullable(),
  lawsuitCaseId: z.string().nullable(),
  disputeCaseId: z.string().nullable(),
  rulingDueDate: z.string().nullable(),
  rulingExtensions: z.number().int(),
  outcomeEventId: z.string().nullable(),
  updatedAt: z.string(),
});
// The view and the fold are the same shape (a compile error here means one of them changed).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _sameShape: Same<z.infer<typeof CaseFileView>, CaseFile> = true;
void _sameShape;

/** One stored event: the envelope of shared/cases/caseEvents.ts plus its place in the hash chain. */
export const CaseEventView = z.object({
  eventId: z.string(),
  caseId: z.string(),
  caseKind: z.enum(caseKinds),
  seq: z.number().int(),
  type: z.enum(caseEventTypes),
  at: z.string(),
  actor: z.object({
    kind: z.enum(['staff', 'terminal', 'system']),
    username: z.string().optional(),
    role: z.string().optional(),
    terminalId: z.string().optional(),
    /** As a person reads it, recorded when the event was appended (none on older events). */
    name: z.string().optional(),
    siteName: z.string().optional(),
  }),
  siteId: z.string().nullable(),
  reason: z.string().nullable(),
  payload: z.unknown(),
  voidsEventId: z.string().nullable(),
  prevHash: z.string().nullable(),
  hash: z.string(),
});
export type CaseEventView = z.infer<typeof CaseEventView>;

export const CaseSummary = z.object({
  caseId: z.string(),
  kind: z.enum(caseKinds),
  state: z.enum(caseStates),
  seq: z.number().int(),
  caseNumber: z.string().nullable(),
  provisionalNumber: z.string().nullable(),
  disputeType: z.string(),
  channel: z.enum(intakeChannels).nullable(),
  siteId: z.string().nullable(),
  organisationId: z.string().nullable(),
  mediator: z.string().nullable(),
  receivedAt: z.string(),
  updatedAt: z.string(),
  /** The time limit running now (mediation, applying for confirmation, ruling) and whether it has passed. */
  deadline: z.object({ kind: z.enum(['mediation', 'confirmation_apply', 'ruling']), dueDate: z.string(), overdue: z.boolean() }).nullable(),
  /** The first applicant's name, masked (张**). */
  applicant: z.string().nullable(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

export const CaseListQuery = z.strictObject({
  kind: z.enum(caseKinds).optional(),
  state: csv(z.enum(caseStates)).optional(),
  organisationId: EntityId.optional(),
  siteId: EntityId.optional(),
  mediator: EntityId.optional(),
  disputeType: z.enum(disputeTypes).optional(),
  channel: z.enum(intakeChannels).optional(),
  /** Only cases past their running time limit. */
  overdue: z.enum(['true', 'false']).optional(),
  receivedFrom: CourtDate.optional(),
  receivedTo: CourtDate.optional(),
  /** A case number, provisional number, party name, phone or ID number (phones and ID numbers by exact match). */
  q: z.string().trim().min(1).max(100).optional(),
  /** The next page: `nextCursor` of the previous one. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseList = z.object({ cases: z.array(CaseSummary), nextCursor: z.string().nullable() });

export const PartyView = z.object({
  role: z.enum(partyRoles),
  index: z.number().int(),
  kind: z.enum(['person', 'organisation']),
  name: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  /** False: masked; open with `?reveal=parties`. */
  revealed: z.boolean(),
});
export type PartyView = z.infer<typeof PartyView>;

export const documentKinds = ['agreement_draft', 'agreement_signed', 'ruling', 'record', 'recording', 'signature', 'evidence', 'other'] as const;
export const documentMimeTypes = ['application/pdf', 'image/png', 'image/jpeg', 'audio/webm', 'video/webm', 'audio/ogg'] as const;

export const DocumentView = z.object({
  documentId: z.string(),
  caseId: z.string(),
  kind: z.enum(documentKinds),
  version: z.number().int(),
  sha256: z.string(),
  size: z.number().int(),
  mimeType: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  signatures: z.array(z.object({ signerRole: z.enum(signerRoles), signerIndex: z.number().int(), method: z.enum(signatureMethods), signatureSha256: z.string(), signedAt: z.string() })),
});
export type DocumentView = z.infer<typeof DocumentView>;

/** At most 10 MiB of document. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const DocumentUpload = z.strictObject({
  kind: z.enum(documentKinds),
  mimeType: z.enum(documentMimeTypes),
  contentBase64: z
    .base64()
    .max(Math.ceil(MAX_DOCUMENT_BYTES / 3) * 4)
    .min(4),
});

/** Enter a dispute at court (filing staff, channel `court`) or at a counter (counter staff, channel `counter`). */
export const CaseEntry = z.strictObject({
  channel: z.enum(['court', 'counter']),
  /** Where it was entered; counter staff always enter at their own site. Default: the court's hall. */
  siteId: EntityId.optional(),
  application: MediationApplication,
});

export const CaseDetail = z.object({
  case: CaseFileView,
  events: z.array(CaseEventView),
  parties: z.array(PartyView),
  /** The whole application, only when parties are revealed. */
  application: z.unknown().nullable(),
  /** What the application left to be asked (the short path), shown masked or not: it names fields, never their values. */
  deferred: z.array(z.enum(deferrableFields)).default([]),
  documents: z.array(DocumentView),
  /** The linked 民特 / 民初 case or the dispute they came from. */
  linked: z.array(CaseSummary),
  /** What the caller may do now (the table, their role and scope). */
  allowedActions: z.array(z.enum(caseEventTypes)),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

export const CaseEvents = z.object({ events: z.array(CaseEventView) });

/** After an action: the case as it is now, and every event appended (on it and on linked cases). */
export const CaseActionResult = z.object({ case: CaseFileView, appended: z.array(CaseEventView) });

/** The hash chain of a case, checked (court systems verify what they copied). */
export const CaseIntegrity = z.object({ caseId: z.string(), events: z.number().int(), chainValid: z.boolean(), foldMatches: z.boolean(), lastHash: z.string().nullable() });
