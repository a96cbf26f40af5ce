import type { KioskApi } from '../../shared/contract.js';
import { IntakeForm, type Language } from '../../shared/intake.js';
import { fieldErrorsFromIssues, type FieldErrors, type FlowEvent, type FormValues } from './intakeFlow.js';

// Checks the form with the same schema the agent and the hub use, and turns the agent's answer
// to intake.submit into a flow event.

export const SUBMIT_UNAVAILABLE = 'submit.unavailable';
export const SUBMIT_FAILED = 'submit.failed';

export type FormCheck = { ok: true; form: IntakeForm } | { ok: false; fieldErrors: FieldErrors };

export function checkForm(values: FormValues): FormCheck {
  const parsed = IntakeForm.safeParse({
    applicantName: values.applicantName,
    mobile: values.mobile,
    disputeType: values.disputeType ?? undefined,
    description: values.description,
  });
  if (parsed.success) return { ok: true, form: parsed.data };
  const { fieldErrors } = fieldErrorsFromIssues(
    parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  );
  return { ok: false, fieldErrors };
}

export async function submitIntake(
  api: Pick<KioskApi, 'call'>,
  submissionId: string,
  language: Language,
  form: IntakeForm,
): Promise<Extract<FlowEvent, { type: 'submitSucceeded' | 'submitFailed' }>> {
  const result = await api.call('intake.submit', { submissionId, language, form });
  if (result.ok) return { type: 'submitSucceeded', receipt: result.value };
  const { code, issues } = result.error;
  if (code === 'UNAVAILABLE') return { type: 'submitFailed', fieldErrors: {}, formError: SUBMIT_UNAVAILABLE };
  if (issues && issues.length > 0) {
    const mapped = fieldErrorsFromIssues(issues);
    const anyField = Object.keys(mapped.fieldErrors).length > 0;
    return { type: 'submitFailed', fieldErrors: mapped.fieldErrors, formError: mapped.formError ?? (anyField ? null : SUBMIT_FAILED) };
  }
  return { type: 'submitFailed', fieldErrors: {}, formError: SUBMIT_FAILED };
}
