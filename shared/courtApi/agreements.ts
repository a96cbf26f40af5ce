import { z } from 'zod';
import { RulingRequest } from '../agreements/confirmationRuling.js';
import { AgreementTerms } from '../agreements/mediationAgreement.js';
import { signerRoles } from '../cases/caseEvents.js';

// The court API's bodies and answers for agreements and rulings drawn from templates
// (server/agreements/): the mediator's terms, a handwritten signature, a judge's ruling.

export const AgreementDraftRequest = AgreementTerms.extend({ expectedSeq: z.int().positive() });

/** At most 512 KiB of signature image (a PNG from a signature pad is a few KiB). */
export const MAX_SIGNATURE_BYTES = 512 * 1024;
const SignatureImage = z
  .base64()
  .min(12)
  .max(Math.ceil(MAX_SIGNATURE_BYTES / 3) * 4);

/** Signed where: at the mediator's desk / court, or on the counter's tablet (kiosks sign through their own route). */
export const AgreementSignatureRequest = z.strictObject({
  signer: z.strictObject({ role: z.enum(signerRoles), index: z.int().min(0).max(20) }),
  method: z.enum(['desk', 'counter_tablet']),
  imagePngBase64: SignatureImage,
  expectedSeq: z.int().positive(),
});

export const DocumentBlockView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('clause'), number: z.number().int(), text: z.string() }),
  z.object({ kind: z.literal('signatures'), places: z.array(z.object({ signer: z.string(), label: z.string() })) }),
  z.object({ kind: z.literal('closing'), lines: z.array(z.string()) }),
]);
export const CourtDocumentView = z.object({ title: z.string(), reference: z.string().nullable(), blocks: z.array(DocumentBlockView) });

/** The agreement being signed: its draft, its text, who has signed and who has not. */
export const AgreementView = z.object({
  documentId: z.string(),
  document: CourtDocumentView,
  terms: AgreementTerms,
  signedBy: z.array(z.string()),
  missing: z.array(z.string()),
});

/**
 * Where the case's agreement stands, for a desk waiting on the signed one: no text, no names (the
 * desk asks it every few seconds, so it is not audited as a view; the page it then loads is).
 */
export const AgreementState = z.strictObject({
  /** Everyone has signed and the signed agreement is still being drawn. */
  preparing: z.boolean(),
});
export type AgreementState = z.infer<typeof AgreementState>;

export { RulingRequest, SignatureImage };
