import type { MediationApplication } from '../../shared/application.js';
import type { KioskApi } from '../../shared/contract.js';
import type { IntakeFormInput, Receipt } from '../../shared/intake.js';
import type { SubmitInput } from './wizardMachine.js';

// Hands a finished application to the agent's outbox: the whole MediationApplication, its summary
// (who, how to reach them, what kind, claims and facts as one text: what lists and the mediator's
// queue show), and the evidence photos as attachments. Failures reject with an i18n key the
// signature screen shows.

export const SUBMIT_UNAVAILABLE = 'submit.unavailable';
export const SUBMIT_FAILED = 'submit.failed';
const DESCRIPTION_MAX = 2000;
const NAME_MAX = 50;

export interface LegacyLabels {
  claims: string;
  facts: string;
}

/** The summary's four fields, derived from the full application. */
export function legacyIntakeForm(app: MediationApplication, labels: LegacyLabels): IntakeFormInput {
  const applicant = app.applicant;
  const phone = applicant.kind === 'person' ? applicant.mobile : applicant.phone;
  const claims = app.claims.map((c, i) => `${i + 1}. ${c}`).join('\n');
  const description = `${labels.claims}\n${claims}\n${labels.facts}\n${app.facts}`;
  return {
    applicantName: applicant.name.slice(0, NAME_MAX),
    mobile: phone,
    disputeType: app.disputeType,
    description: description.length > DESCRIPTION_MAX ? `${description.slice(0, DESCRIPTION_MAX - 1)}\u2026` : description,
  };
}

/** Every evidence photo once, labelled with what the resident called the item. */
export function attachmentsOf(app: MediationApplication): { sha256: string; label?: string }[] {
  const seen = new Set<string>();
  return app.evidence.flatMap((item) =>
    item.photos.filter((sha) => !seen.has(sha) && seen.add(sha)).map((sha256) => ({ sha256, label: item.name.slice(0, 100) })),
  );
}

export async function submitApplication(api: Pick<KioskApi, 'call'>, input: SubmitInput, labels: LegacyLabels): Promise<Receipt> {
  const attachments = attachmentsOf(input.application);
  const result = await api.call('intake.submit', {
    submissionId: input.submissionId,
    language: input.language,
    form: legacyIntakeForm(input.application, labels),
    application: input.application,
    ...(attachments.length > 0 ? { attachments } : {}),
  });
  if (result.ok) return result.value;
  if (result.error.code === 'UNAVAILABLE') throw new Error(SUBMIT_UNAVAILABLE);
  const key = result.error.issues?.map((i) => i.message).find((m) => /^errors\.[A-Za-z]+\.[A-Za-z]+$/.test(m));
  throw new Error(key ?? SUBMIT_FAILED);
}
