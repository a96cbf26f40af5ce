import { z } from 'zod';
import { disputeTypes } from '../disputeTypes.js';
import { HUB_API } from '../hubProtocol.js';

// The court's library of reference cases (典型案例, issue 12 item 4): staff write them in the
// console, judges share one into a mediation room, and the kiosk shows the published ones matching a
// resident's dispute type. Every field is plain text: it is stored as given and escaped wherever it
// is shown (the console, the kiosk, a room's card), never interpreted as HTML.
//
// Edits are audited updates with a version counter, not new rows: a reference case is editorial
// teaching material (no personal data, not evidence), the audit log names who changed it and when,
// and `expectedVersion` refuses an edit made over someone else's (409). A room that was shown a
// case records the version it saw.

const Text = (max: number) => z.string().trim().min(1, { error: 'errors.referenceCase.required' }).max(max, { error: 'errors.referenceCase.tooLong' });
const OptionalText = (max: number) => z.string().trim().max(max, { error: 'errors.referenceCase.tooLong' }).nullable().optional();

export const REFERENCE_TITLE_MAX = 200;
export const REFERENCE_TEXT_MAX = 4000;

export const ReferenceCaseId = z.uuid();

/** What staff write: Chinese always, English where they give it. */
export const ReferenceCaseFields = z.strictObject({
  title: Text(REFERENCE_TITLE_MAX),
  titleEn: OptionalText(REFERENCE_TITLE_MAX),
  disputeType: z.enum(disputeTypes, { error: 'errors.referenceCase.disputeType' }),
  facts: Text(REFERENCE_TEXT_MAX),
  factsEn: OptionalText(REFERENCE_TEXT_MAX),
  outcome: Text(REFERENCE_TEXT_MAX),
  outcomeEn: OptionalText(REFERENCE_TEXT_MAX),
  legalBasis: Text(REFERENCE_TEXT_MAX),
  legalBasisEn: OptionalText(REFERENCE_TEXT_MAX),
});
export type ReferenceCaseFields = z.infer<typeof ReferenceCaseFields>;

export const ReferenceCaseUpdate = ReferenceCaseFields.partial().extend({ expectedVersion: z.number().int().positive() });
export type ReferenceCaseUpdate = z.infer<typeof ReferenceCaseUpdate>;

export const ReferenceCasePublish = z.strictObject({ published: z.boolean(), expectedVersion: z.number().int().positive() });
export type ReferenceCasePublish = z.infer<typeof ReferenceCasePublish>;

const Stored = z.string().nullable();
export const ReferenceCase = z.object({
  referenceCaseId: z.string(),
  version: z.number().int().positive(),
  title: z.string(),
  titleEn: Stored,
  disputeType: z.enum(disputeTypes),
  facts: z.string(),
  factsEn: Stored,
  outcome: z.string(),
  outcomeEn: Stored,
  legalBasis: z.string(),
  legalBasisEn: Stored,
  published: z.boolean(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type ReferenceCase = z.infer<typeof ReferenceCase>;

export const ReferenceCaseList = z.object({ referenceCases: z.array(ReferenceCase) });
export const ReferenceCaseListQuery = z.strictObject({
  disputeType: z.enum(disputeTypes).optional(),
  published: z.enum(['true', 'false']).optional(),
});

/** One case as residents and rooms see it: no staff names, each text in both languages where given. */
export const PublishedReferenceCase = z.strictObject({
  referenceCaseId: z.string().max(40),
  version: z.number().int().positive(),
  disputeType: z.enum(disputeTypes),
  title: z.strictObject({ zh: z.string().max(REFERENCE_TITLE_MAX), en: z.string().max(REFERENCE_TITLE_MAX).nullable() }),
  facts: z.strictObject({ zh: z.string().max(REFERENCE_TEXT_MAX), en: z.string().max(REFERENCE_TEXT_MAX).nullable() }),
  outcome: z.strictObject({ zh: z.string().max(REFERENCE_TEXT_MAX), en: z.string().max(REFERENCE_TEXT_MAX).nullable() }),
  legalBasis: z.strictObject({ zh: z.string().max(REFERENCE_TEXT_MAX), en: z.string().max(REFERENCE_TEXT_MAX).nullable() }),
});
export type PublishedReferenceCase = z.infer<typeof PublishedReferenceCase>;

export function publishedView(c: ReferenceCase): PublishedReferenceCase {
  return {
    referenceCaseId: c.referenceCaseId,
    version: c.version,
    disputeType: c.disputeType,
    title: { zh: c.title, en: c.titleEn },
    facts: { zh: c.facts, en: c.factsEn },
    outcome: { zh: c.outcome, en: c.outcomeEn },
    legalBasis: { zh: c.legalBasis, en: c.legalBasisEn },
  };
}

/** The text in the reader's language: English where staff gave it, else the Chinese. */
export const inLanguage = (text: { zh: string; en: string | null }, lang: string): string => (lang === 'en' && text.en ? text.en : text.zh);

/** The published library as terminals fetch it (terminal credential); the agent caches it for offline use. */
export const KIOSK_REFERENCE_CASES_PATH = `${HUB_API}/kiosk/reference-cases`;
/** A small library: kiosks take it whole. */
export const KIOSK_REFERENCE_CASES_MAX = 500;
export const PublishedReferenceCases = z.strictObject({ referenceCases: z.array(PublishedReferenceCase).max(KIOSK_REFERENCE_CASES_MAX) });
export type PublishedReferenceCases = z.infer<typeof PublishedReferenceCases>;

/** How many matching cases a resident is shown at most (a screen to scroll, not a library). */
export const REFERENCE_CASES_SHOWN_MAX = 20;

/** The kiosk's question: the published cases for a resident's dispute type. */
export const ReferenceCaseQuery = z.strictObject({ disputeType: z.enum(disputeTypes) });
export const ReferenceCaseAnswer = z.strictObject({
  referenceCases: z.array(PublishedReferenceCase).max(REFERENCE_CASES_SHOWN_MAX),
  /** From the agent's cache because the hub could not be asked. */
  offline: z.boolean(),
});
export type ReferenceCaseAnswer = z.infer<typeof ReferenceCaseAnswer>;

/** Which published cases a resident with this dispute type is shown, newest first. */
export function matchingCases(all: readonly PublishedReferenceCase[], disputeType: string): PublishedReferenceCase[] {
  return all.filter((c) => c.disputeType === disputeType);
}
