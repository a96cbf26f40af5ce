import { z } from 'zod';
import { Signature, typedPersonNameIssue } from '../application.js';
import { CaseStatusQuery } from '../caseStatus.js';
import { CourtDocumentView, SignatureImage } from '../courtApi/agreements.js';
import { HUB_API } from '../hubProtocol.js';
import { kioskSignerRoles } from './signingOrder.js';

// A resident signs their mediation agreement at a kiosk (issue 10). The resident proves who they
// are the way check-my-case does (the receipt's provisional number and their phone number); the
// kiosk shows the agreement as a resident may read it (no party's ID number or address), takes a
// handwritten signature and sends it through its outbox. Kiosk filings have one applicant, and the
// phone numbers that open a filing are the applicant's and their agent's: the signer is applicant 0.
// A further party (a respondent, a second applicant) proves who they are the way the join page
// does (shared/rooms/joining.ts): the receipt's number, their name and the last 4 characters of
// their ID number, typed or read from their ID card; the hub matches them against the case's
// sealed party records. Which party signs, in what order: ./signingOrder.ts.
// Used by the kiosk contract (renderer ⇄ agent) and the kiosk ⇄ hub API.

/** POST, terminal credential; body `CaseStatusQuery`, answer `KioskAgreementAnswer` (429 when rate-limited). */
export const KIOSK_AGREEMENT_PATH = `${HUB_API}/intakes/agreement`;
/** POST, terminal credential; body `KioskSignatureRequest`, answer `KioskSignatureAnswer`. Idempotent per signer and draft. */
export const KIOSK_SIGNATURE_PATH = `${HUB_API}/intakes/agreement/signature`;

/** Who the filing's phone numbers (the applicant's own, their agent's) sign as: the applicant. */
export const PHONE_SIGNER = { role: 'applicant', index: 0 } as const;

/** A party's name, as they type it or their ID card gives it. */
export const SignerName = z.string({ error: 'errors.name.required' }).trim().min(1, { error: 'errors.name.required' }).max(100, { error: 'errors.name.tooLong' });
/** The last 4 characters of the party's ID number (the check digit may be X). */
export const IdLast4 = z
  .string({ error: 'errors.idLast4.format' })
  .trim()
  .regex(/^[0-9]{3}[0-9Xx]$/, { error: 'errors.idLast4.format' });

/** A party proves who they are with the receipt's number, their name and the last 4 of their ID number. */
export const PartyIdQuery = z.strictObject({ provisionalNumber: CaseStatusQuery.shape.provisionalNumber, name: SignerName, idLast4: IdLast4 });
export type PartyIdQuery = z.infer<typeof PartyIdQuery>;
/**
 * The same as the signer types it at the kiosk: their name must be letters too (the clerk's rule
 * where a person types a name, as KioskApplication's). Never the hub's: a signature an older kiosk
 * queued must still be received.
 */
export const KioskPartyIdQuery = PartyIdQuery.superRefine(
  (q, ctx) => {
    const letters = typedPersonNameIssue(q.name);
    if (letters) ctx.addIssue({ code: 'custom', path: ['name'], message: letters, input: q.name });
  },
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
);

/** How a signer is found: the filing's phone number (the applicant), or name + last 4 of ID (any party). */
export const SignerQuery = z.union([CaseStatusQuery, PartyIdQuery]);
export type SignerQuery = z.infer<typeof SignerQuery>;

/** The party this identity signs as. */
export const Signer = z.strictObject({ role: z.enum(kioskSignerRoles), index: z.int().min(0).max(20) });
export type Signer = z.infer<typeof Signer>;

/** The agreement being signed, as the kiosk shows it. `signed`: this party's signature is already recorded. */
export const KioskAgreement = z.strictObject({
  documentId: z.string().max(80),
  document: CourtDocumentView,
  /** Who is signing now (the party the identity given matched). */
  signer: Signer,
  signed: z.boolean(),
  /** Signers still missing, by `role:index`, in signing order. */
  missing: z.array(z.string().max(40)).max(60),
});
export type KioskAgreement = z.infer<typeof KioskAgreement>;

/** The hub's answer: no such filing (or a wrong phone number) and no agreement to sign look alike. */
export const KioskAgreementAnswer = z.discriminatedUnion('found', [z.strictObject({ found: z.literal(false) }), z.strictObject({ found: z.literal(true), agreement: KioskAgreement })]);
export type KioskAgreementAnswer = z.infer<typeof KioskAgreementAnswer>;

const signature = {
  /** The kiosk's id of this signature (its outbox key). */
  signatureId: z.uuid(),
  /** The draft the resident read and signed: a signature never lands on another text. */
  documentId: z.string().min(1).max(80),
  imagePngBase64: SignatureImage,
};
export const KioskSignatureRequest = z.union([CaseStatusQuery.extend(signature), PartyIdQuery.extend(signature)]);
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

const signing = {
  documentId: z.string().min(1).max(80),
  /** The pad's PNG, the same rule as the application's signature. */
  pngDataUrl: Signature.shape.pngDataUrl,
};
export const AgreementSignInput = z.union([CaseStatusQuery.extend(signing), PartyIdQuery.extend(signing)]);
export type AgreementSignInput = z.infer<typeof AgreementSignInput>;

/** The signature is committed on the kiosk and queued for the court. */
export const AgreementSignReceipt = z.strictObject({ signatureId: z.uuid(), queuedAt: z.string() });
export type AgreementSignReceipt = z.infer<typeof AgreementSignReceipt>;
