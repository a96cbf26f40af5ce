import { z } from 'zod';
import { disputeTypes } from './disputeTypes.js';
import { CLAIMS_MAX, EVIDENCE_MAX, PHOTOS_PER_EVIDENCE_MAX, RESPONDENTS_MAX, Sha256, textLimits } from './application.js';

// An application in progress (the draft): what a kiosk parks while the resident is still
// answering, bounded by the same limits as the application (shared/application.ts).

const s = (max: number) => z.string().max(max).optional();
const flag = z.boolean().optional();
const at = z.strictObject({ accepted: flag, at: s(40) }).optional();

/**
 * What a kiosk keeps while the resident is still answering: every answer optional, strings only
 * bounded, no signature (it is drawn last and never parked). `hasAgent` keeps the yes/no answer
 * the application itself only implies. Suitable as the contract's `Draft.form`.
 */
export const MediationApplicationDraft = z.strictObject({
  consents: z.strictObject({ privacy: at, onlineMediation: at }).optional(),
  applicant: z.record(z.string().max(40), z.string().max(400)).optional(),
  hasAgent: flag,
  agent: z.record(z.string().max(40), z.string().max(400)).optional(),
  respondents: z
    .array(z.record(z.string().max(40), z.string().max(400)))
    .max(RESPONDENTS_MAX)
    .optional(),
  disputeType: z.enum(disputeTypes).optional(),
  typeAnswers: z.record(z.string().max(40), z.union([z.string().max(400), z.boolean(), z.array(z.string().max(40)).max(10)])).optional(),
  claims: z
    .array(z.string().max(textLimits.claim * 2))
    .max(CLAIMS_MAX)
    .optional(),
  // UTF-16 units: twice the characters, so a draft never refuses what the application accepts.
  facts: s(textLimits.facts * 2),
  evidence: z
    .array(z.strictObject({ name: s(textLimits.evidenceName * 2), proves: s(textLimits.evidenceProves * 2), photos: z.array(Sha256).max(PHOTOS_PER_EVIDENCE_MAX).optional() }))
    .max(EVIDENCE_MAX)
    .optional(),
  process: z.record(z.string().max(40), z.union([z.string().max(400), z.boolean(), z.array(z.string().max(40)).max(10)])).optional(),
  /** The resident chose the short path (who, what happened, what you want). */
  shortPath: flag,
});
export type MediationApplicationDraft = z.infer<typeof MediationApplicationDraft>;
