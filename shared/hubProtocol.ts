import { z } from 'zod';
import { IntakeForm, Language, SubmissionId } from './intake.js';

// The kiosk ↔ court hub HTTP protocol. Both ends import these schemas; the hub rejects anything
// that does not parse with a 4xx and a JSON `HubErrorBody`.

export const HUB_API = '/api/v1';
export const hubPaths = {
  health: `${HUB_API}/health`,
  enroll: `${HUB_API}/terminals/enroll`,
  intakes: `${HUB_API}/intakes`,
} as const;

export const HubErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});
export type HubErrorBody = z.infer<typeof HubErrorBody>;

export const TerminalId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{2,63}$/);

export const EnrollRequest = z.strictObject({
  enrollmentCode: z.string().min(8).max(200),
  terminalId: TerminalId,
  name: z.string().trim().min(1).max(100),
  location: z.string().trim().max(200).default(''),
});
export type EnrollRequest = z.input<typeof EnrollRequest>;

export const EnrollResponse = z.object({
  terminalId: TerminalId,
  credential: z.string().min(32),
});
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** Sent with `Authorization: Bearer <credential>` and `Idempotency-Key: <submissionId>`. */
export const IntakeIngest = z.strictObject({
  submissionId: SubmissionId,
  provisionalNumber: z.string().min(1).max(64),
  language: Language,
  submittedAt: z.iso.datetime(),
  form: IntakeForm,
});
export type IntakeIngest = z.infer<typeof IntakeIngest>;

export const IntakeAck = z.object({
  submissionId: SubmissionId,
  caseNumber: z.string(),
  receivedAt: z.string(),
});
export type IntakeAck = z.infer<typeof IntakeAck>;
