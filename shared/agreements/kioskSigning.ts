import { z } from 'zod';
import { Signature } from '../application.js';
import { CaseStatusQuery } from '../caseStatus.js';
import { CourtDocumentView, SignatureImage } from '../courtApi/agreements.js';
import { HUB_API } from '../hubProtocol.js';

// A resident signs their mediation agreement at a kiosk (issue 10). The resident proves who they
// are the way check-my-case does (the receipt's provisional number and their phone number); the
// kiosk shows the agreement as a resident may read it (no party's ID number or address), takes a
// handwritten signature and sends it through its outbox. Kiosk filings have one applicant, and the
// phone numbers that open a filing are the applicant's and their agent's: the signer is applicant 0.
// Used by the kiosk contract (renderer ⇄ agent) and the kiosk ⇄ hub API.

/** POST, terminal credential; body `CaseStatusQuery`, answer `KioskAgreementAnswer` (429 when rate-limited). */
export const KIOSK_AGREEMENT_PATH = `${HUB_API}/intakes/agreement`;
/** POST, terminal credential; body `KioskSignatureRequest`, answer `KioskSignatureAnswer`. Idempotent per signer and draft. */
export const KIOSK_SIGNATURE_PATH = `${HUB_API}/intakes/agreement/signature`;

/** Who signs at a kiosk, as the case's signers name them. */
export const KIOSK_SIGNER = { role: 'applicant', index: 0 } as const;
export const kioskSignerKey = `${KIOSK_SIGNER.role}:${KIOSK_SIGNER.index}`;

/** The agreement being signed, as the kiosk shows it. `signed`: this resident's signature is already recorded. */
export const KioskAgreement = z.strictObject({
  documentId: z.string().max(80),
  document: CourtDocumentView,
  signed: z.boolean(),
  /** Signers still missing, by `role:index`. */
  missing: z.array(z.string().max(40)).max(60),
});
export type KioskAgreement = z.infer<typeof KioskAgreement>;

/** The hub's answer: no such filing (or a wrong phone number) and no agreement to sign look alike. */
export const KioskAgreementAnswer = z.discriminatedUnion('found', [z.strictObject({ found: z.literal(false) }), z.strictObject({ found: z.literal(true), agreement: KioskAgreement })]);
export type KioskAgreementAnswer = z.infer<typeof KioskAgreementAnswer>;

export const KioskSignatureRequest = z.strictObject({
  /** The kiosk's id of this signature (its outbox key). */
  signatureId: z.uuid(),
  provisionalNumber: CaseStatusQuery.shape.provisionalNumber,
  mobile: CaseStatusQuery.shape.mobile,
  /** The draft the resident read and signed: a signature never lands on another text. */
  documentId: z.string().min(1).max(80),
  imagePngBase64: SignatureImage,
});
export type KioskSignatureRequest = z.infer<typeof KioskSignatureRequest>;

export const KioskSignatureAnswer = z.strictObject({ signed: z.literal(true), complete: z.boolean() });
export type KioskSignatureAnswer = z.infer<typeof KioskSignatureAnswer>;

/** What the renderer asks the agent, and what it hears back (shared/contract.ts). */
export const AgreementLookup = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('agreement'), agreement: KioskAgreement }),
  z.strictObject({ kind: z.literal('none') }),
  /** The agreement is only at the court: without the network it cannot be read, so it cannot be signed. */
  z.strictObject({ kind: z.literal('unreachable') }),
  z.strictObject({ kind: z.literal('rate_limited'), retryAfterS: z.number().int().positive() }),
]);
export type AgreementLookup = z.infer<typeof AgreementLookup>;

export const AgreementSignInput = z.strictObject({
  provisionalNumber: CaseStatusQuery.shape.provisionalNumber,
  mobile: CaseStatusQuery.shape.mobile,
  documentId: z.string().min(1).max(80),
  /** The pad's PNG, the same rule as the application's signature. */
  pngDataUrl: Signature.shape.pngDataUrl,
});
export type AgreementSignInput = z.infer<typeof AgreementSignInput>;

/** The signature is committed on the kiosk and queued for the court. */
export const AgreementSignReceipt = z.strictObject({ signatureId: z.uuid(), queuedAt: z.string() });
export type AgreementSignReceipt = z.infer<typeof AgreementSignReceipt>;
