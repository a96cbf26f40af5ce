import { z } from 'zod';
import { AttachmentRefs } from './attachment.js';
import { KioskApplication } from './application.js';

// Schemas of what a resident files. Issue messages are i18n keys so every host and the hub
// report the same, translatable reason.

export const languages = ['zh-CN', 'en'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;

export const SubmissionId = z.uuid({ error: 'errors.submissionId.invalid' });

/**
 * What the renderer hands the agent on "submit": the whole mediation application, the one shape a
 * filing has from the kiosk to the court (the hub derives its lists' summary from it). The UUID is
 * generated when the draft starts. `attachments` lists files added with `attachment.add` for this
 * submission id; absent = none.
 */
export const IntakeSubmission = z.strictObject({
  submissionId: SubmissionId,
  language: Language,
  application: KioskApplication,
  attachments: AttachmentRefs.optional(),
});
export type IntakeSubmission = z.infer<typeof IntakeSubmission>;

export const submissionStatuses = ['queued', 'delivered', 'needs_attention'] as const;
export const SubmissionStatus = z.enum(submissionStatuses);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** Shown to the resident only after the submission is durably committed on the kiosk. */
export const Receipt = z.strictObject({
  submissionId: SubmissionId,
  provisionalNumber: z.string(),
  submittedAt: z.string(), // ISO 8601
  status: SubmissionStatus,
  /** Null until the court gives one (it may when it registers the dispute, after delivery). */
  caseNumber: z.string().nullable(),
  /** When the hub acknowledged it (ISO 8601); null while it waits on this terminal. */
  deliveredAt: z.string().nullable().optional(),
});
export type Receipt = z.infer<typeof Receipt>;
