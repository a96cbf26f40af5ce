import type { MediationApplication } from '../../shared/application.js';
import type { KioskApi } from '../../shared/contract.js';
import type { Receipt } from '../../shared/intake.js';
import type { SubmitInput } from './wizardMachine.js';

// Hands a finished application to the agent's outbox: the whole MediationApplication (the court
// derives what its lists show from it) and the evidence photos as attachments. Failures reject
// with an i18n key the signature screen shows.

export const SUBMIT_UNAVAILABLE = 'submit.unavailable';
export const SUBMIT_FAILED = 'submit.failed';

/** Every evidence photo once, labelled with what the resident called the item. */
export function attachmentsOf(app: MediationApplication): { sha256: string; label?: string }[] {
  const seen = new Set<string>();
  return app.evidence.flatMap((item) => item.photos.filter((sha) => !seen.has(sha) && seen.add(sha)).map((sha256) => ({ sha256, label: item.name.slice(0, 100) })));
}

export async function submitApplication(api: Pick<KioskApi, 'call'>, input: SubmitInput): Promise<Receipt> {
  const attachments = attachmentsOf(input.application);
  const result = await api.call('intake.submit', {
    submissionId: input.submissionId,
    language: input.language,
    application: input.application,
    ...(attachments.length > 0 ? { attachments } : {}),
  });
  if (result.ok) return result.value;
  if (result.error.code === 'UNAVAILABLE') throw new Error(SUBMIT_UNAVAILABLE);
  const key = result.error.issues?.map((i) => i.message).find((m) => /^errors\.[A-Za-z]+\.[A-Za-z]+$/.test(m));
  throw new Error(key ?? SUBMIT_FAILED);
}
