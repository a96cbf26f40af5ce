import { z } from 'zod';
import { ResidentStage } from './cases/residentStage.js';
import { applicantPhone, Phone, type MediationApplication } from './application.js';
import { CaseTicket } from './call.js';
import { disputeTypes } from './disputeTypes.js';
import { HUB_API } from './hubProtocol.js';

// "Check my case": a resident gives the provisional number from their receipt and their phone
// number; the court hub answers only when both belong to the same application, and answers a
// wrong phone number exactly as it answers an unknown provisional number. Used by the kiosk
// contract (renderer ⇄ agent), the kiosk ⇄ hub API and the hub's public status page.

/** POST, terminal credential; body `CaseStatusQuery`, answer `IntakeStatusResponse` (429 when rate-limited). */
export const INTAKE_STATUS_PATH = `${HUB_API}/intakes/status`;
/** The public page a receipt's QR code opens on a phone: it asks for the phone number first. */
export const STATUS_PAGE_PREFIX = '/status';
export const statusPagePath = (provisionalNumber: string) => `${STATUS_PAGE_PREFIX}/${encodeURIComponent(provisionalNumber)}`;

/**
 * What a provisional number is compared by: upper case, letters and digits only. A resident may
 * type it without the dashes, or in lower case; the terminal part (e.g. KSK-6C3343) never differs
 * between two kiosks by punctuation alone, and the phone number must match as well anyway.
 */
export function provisionalKey(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** What phone numbers are compared by: the digits ("0931-8888888" = "09318888888"). */
export function phoneKey(raw: string): string {
  return raw.replace(/\D/g, '');
}

/**
 * The phone numbers (as `phoneKey`s) that open an application's status: the applicant's own mobile
 * or landline, and their agent's mobile (a relative often files and follows up for an elderly
 * resident).
 */
export function applicationPhoneKeys(application: MediationApplication): string[] {
  const keys = [applicantPhone(application.applicant)];
  if (application.agent) keys.push(application.agent.mobile);
  return [...new Set(keys.map(phoneKey).filter((k) => k.length > 0))];
}

/** Terminal id (≥ 1 letter or digit) + yymmdd + 4-digit sequence. */
const MIN_PROVISIONAL_KEY = 11;

export const ProvisionalNumberInput = z
  .string({ error: 'errors.provisionalNumber.required' })
  .trim()
  .min(1, { error: 'errors.provisionalNumber.required' })
  .max(80, { error: 'errors.provisionalNumber.format' })
  .regex(/^[A-Za-z0-9_\- ]+$/, { error: 'errors.provisionalNumber.format' })
  .refine((v) => provisionalKey(v).length >= MIN_PROVISIONAL_KEY && /\d{10}$/.test(provisionalKey(v)), { error: 'errors.provisionalNumber.format' });

export const CaseStatusQuery = z.strictObject({
  provisionalNumber: ProvisionalNumberInput,
  /** The mobile (or an organisation's landline) given in the application, or its agent's mobile. */
  mobile: Phone,
});
export type CaseStatusQuery = z.infer<typeof CaseStatusQuery>;

/**
 * Where an application stands at the court, from what the hub records: received (with its case
 * number), a mediator has taken it up (answered a call about it), or the outcome a mediator
 * recorded last (scheduled, settled, referred elsewhere).
 */
export const caseStages = ['received', 'with_mediator', 'scheduled', 'settled', 'referred'] as const;
export const CaseStage = z.enum(caseStages);
export type CaseStage = z.infer<typeof CaseStage>;

const CourtCase = {
  provisionalNumber: z.string().max(80),
  /** Null until the court numbers the case (on diversion or filing); the provisional number is the reference till then. */
  caseNumber: z.string().max(80).nullable(),
  /** Beside a filed lawsuit's (民初) or a judicial confirmation's (民特) number: the pre-litigation mediation number it came from (shared/cases/caseNumber.ts). */
  mediationCaseNumber: z.string().max(80).nullable().optional(),
  disputeType: z.enum(disputeTypes),
  receivedAt: z.string().max(40),
  stage: CaseStage,
  /** When the stage was reached (the outcome's time; the receipt time for `received`). */
  stageAt: z.string().max(40),
  /** Once the intake is a case at the court: its stage, next step and deadline (shared/cases/residentStage.ts). */
  resident: ResidentStage.optional(),
  /** Kiosks only: lets this terminal call a mediator about this case for a while (shared/call.ts CaseTicket). */
  callTicket: CaseTicket.optional(),
};

/** The hub's answer. A wrong phone number and an unknown provisional number both give `{ found: false }`. */
export const IntakeStatusResponse = z.discriminatedUnion('found', [z.strictObject({ found: z.literal(false) }), z.strictObject({ found: z.literal(true), ...CourtCase })]);
export type IntakeStatusResponse = z.infer<typeof IntakeStatusResponse>;

export const kioskStages = ['queued', 'needs_attention', 'delivered'] as const;

/**
 * What the kiosk tells the resident:
 * - `court`: the hub's answer (phone number checked by the court);
 * - `kiosk`: what this kiosk itself knows. Either not yet sent to the court (phone number checked
 *   against the application still held here), or — only when the hub cannot be reached — that
 *   an application it already delivered reached the court, with the case number and nothing
 *   personal (`offline: true`; the kiosk purged the application, so it cannot check the phone);
 * - `not_found`: no application with that number and phone (`checkedWithCourt`: false if the hub
 *   could not be asked, so the resident knows to try again later);
 * - `rate_limited`: too many tries; wait `retryAfterS` seconds.
 */
export const CaseStatus = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('court'), ...CourtCase }),
  z.strictObject({
    kind: z.literal('kiosk'),
    offline: z.boolean(),
    provisionalNumber: z.string().max(80),
    stage: z.enum(kioskStages),
    caseNumber: z.string().max(80).nullable(),
    submittedAt: z.string().max(40).nullable(),
  }),
  z.strictObject({ kind: z.literal('not_found'), checkedWithCourt: z.boolean() }),
  z.strictObject({ kind: z.literal('rate_limited'), retryAfterS: z.number().int().positive() }),
]);
export type CaseStatus = z.infer<typeof CaseStatus>;
