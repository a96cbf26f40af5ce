import { z } from 'zod';
import { AttachmentRefs } from './attachment.js';
import { disputeTypes } from './disputeTypes.js';
import { MediationApplication } from './application.js';
import { ContactPhone } from './phone.js';

// Schemas of what a resident files. Issue messages are i18n keys so every host and the hub
// report the same, translatable reason.

export const languages = ['zh-CN', 'en'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

const text = (max: number, key: string) =>
  z
    .string({ error: `errors.${key}.required` })
    .trim()
    .min(1, { error: `errors.${key}.required` })
    .max(max, { error: `errors.${key}.tooLong` });

export { Mobile } from './phone.js';

/** The minimal dispute of the first slice: who, how to reach them, what kind, what happened. */
export const IntakeForm = z.strictObject({
  applicantName: text(50, 'applicantName'),
  mobile: ContactPhone, // a mobile, or an organisation's landline
  disputeType: z.enum(disputeTypes, { error: 'errors.disputeType.required' }),
  description: text(2000, 'description'),
});
export type IntakeForm = z.infer<typeof IntakeForm>;
export type IntakeFormInput = z.input<typeof IntakeForm>;

export const SubmissionId = z.uuid({ error: 'errors.submissionId.invalid' });

/**
 * What the renderer hands the agent on "submit". The UUID is generated when the draft starts.
 * `attachments` lists files added with `attachment.add` for this submission id; absent = none.
 * (Optional rather than defaulted so callers built before attachments keep their exact type.)
 */
export const IntakeSubmission = z.strictObject({
  submissionId: SubmissionId,
  language: Language,
  form: IntakeForm,
  /** The whole mediation application (the wizard); `form` is its summary for lists and queues. */
  application: MediationApplication.optional(),
  attachments: AttachmentRefs.optional(),
});
export type IntakeSubmission = z.infer<typeof IntakeSubmission>;

export const submissionStatuses = ['queued', 'sending', 'delivered', 'needs_attention'] as const;
export const SubmissionStatus = z.enum(submissionStatuses);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** Shown to the resident only after the submission is durably committed on the kiosk. */
export const Receipt = z.strictObject({
  submissionId: SubmissionId,
  provisionalNumber: z.string(),
  submittedAt: z.string(), // ISO 8601
  status: SubmissionStatus,
  caseNumber: z.string().nullable(),
});
export type Receipt = z.infer<typeof Receipt>;
