import { MediationApplicationDraft } from '../../shared/applicationDraft.js';
import type { Draft } from '../../shared/contract.js';
import { isStep, type Step } from './stepNavigation.js';
import type { ResumeData } from './wizardMachine.js';

// THE seam between the wizard and the contract's `Draft`: the only module that knows its shape.
// `Draft.form` is the loose MediationApplicationDraft, so the application in progress is saved as is.

interface DraftState {
  submissionId: string;
  language: Draft['language'];
  elderly: boolean;
  step: Step;
  reviewing: boolean;
  application: MediationApplicationDraft;
}

export function toDraft(state: DraftState): Draft {
  return {
    submissionId: state.submissionId,
    language: state.language,
    step: state.step,
    reviewing: state.reviewing,
    elderly: state.elderly,
    form: state.application,
  };
}

/** What a saved draft resumes, or null when it holds nothing usable. */
export function fromDraft(draft: Draft): ResumeData | null {
  const application = MediationApplicationDraft.safeParse(draft.form);
  if (!application.success) return null;
  return {
    submissionId: draft.submissionId,
    language: draft.language,
    step: isStep(draft.step) ? draft.step : 'preferences',
    reviewing: draft.reviewing === true,
    elderly: draft.elderly === true,
    application: application.data,
  };
}
