import type { Draft } from '../../shared/contract.js';
import type { DisputeType } from '../../shared/disputeTypes.js';
import type { Language, Receipt } from '../../shared/intake.js';
import type { FieldIssue } from '../../shared/result.js';

// The resident's flow as one explicit state machine. Screens render from this state and send
// it events; nothing else decides which screen is shown. Pure: no I/O, no timers.

export type Screen = 'home' | 'form' | 'receipt';

export const formFields = ['applicantName', 'mobile', 'disputeType', 'description'] as const;
export type FormField = (typeof formFields)[number];

export interface FormValues {
  applicantName: string;
  mobile: string;
  disputeType: DisputeType | null;
  description: string;
}

/** Field → i18n key of what is wrong with it. */
export type FieldErrors = Partial<Record<FormField, string>>;

export interface FlowState {
  screen: Screen;
  language: Language;
  /** The UUID of the intake in progress; null when no resident is mid-intake. */
  submissionId: string | null;
  form: FormValues;
  fieldErrors: FieldErrors;
  /** i18n key of a problem that belongs to no single field. */
  formError: string | null;
  submitting: boolean;
  receipt: Receipt | null;
  staffHelpOpen: boolean;
  /** Bumped on every reset so screens remount and drop any local state. */
  generation: number;
  /** Bumped when field errors are (re)set, so the screen can move focus to the first one. */
  errorRevision: number;
}

export const DEFAULT_LANGUAGE: Language = 'zh-CN';
export const FORM_STEP = 'form';

export const emptyForm = (): FormValues => ({ applicantName: '', mobile: '', disputeType: null, description: '' });

export const initialFlowState = (generation = 0): FlowState => ({
  screen: 'home',
  language: DEFAULT_LANGUAGE,
  submissionId: null,
  form: emptyForm(),
  fieldErrors: {},
  formError: null,
  submitting: false,
  receipt: null,
  staffHelpOpen: false,
  generation,
  errorRevision: 0,
});

export type FlowEvent =
  | { type: 'languageChosen'; language: Language }
  | { type: 'intakeStarted'; submissionId: string }
  | { type: 'draftFound'; draft: Draft }
  | { type: 'fieldChanged'; field: 'applicantName' | 'mobile' | 'description'; value: string }
  | { type: 'disputeTypeChosen'; disputeType: DisputeType }
  | { type: 'validationFailed'; fieldErrors: FieldErrors }
  | { type: 'submitStarted' }
  | { type: 'submitFailed'; fieldErrors: FieldErrors; formError: string | null }
  | { type: 'submitSucceeded'; receipt: Receipt }
  | { type: 'backToHome' }
  | { type: 'staffHelpOpened' }
  | { type: 'staffHelpClosed' }
  /** Done on the receipt, receipt timeout or idle timeout: forget the resident entirely. */
  | { type: 'reset' };

export function flowReducer(state: FlowState, event: FlowEvent): FlowState {
  switch (event.type) {
    case 'languageChosen':
      return state.language === event.language ? state : { ...state, language: event.language };

    case 'intakeStarted':
      if (state.screen !== 'home') return state;
      // Going back home keeps the intake in memory, so "file a dispute" resumes it.
      if (state.submissionId) return { ...state, screen: 'form' };
      return { ...state, screen: 'form', submissionId: event.submissionId, form: emptyForm(), fieldErrors: {}, formError: null };

    case 'draftFound':
      // Only resumes when nobody has started a new intake in the meantime.
      if (state.submissionId || state.screen !== 'home') return state;
      return {
        ...state,
        screen: 'form',
        language: event.draft.language,
        submissionId: event.draft.submissionId,
        form: {
          applicantName: event.draft.form.applicantName ?? '',
          mobile: event.draft.form.mobile ?? '',
          disputeType: event.draft.form.disputeType ?? null,
          description: event.draft.form.description ?? '',
        },
      };

    case 'fieldChanged': {
      if (state.screen !== 'form' || state.submitting) return state;
      const { [event.field]: _cleared, ...fieldErrors } = state.fieldErrors;
      return { ...state, form: { ...state.form, [event.field]: event.value }, fieldErrors };
    }

    case 'disputeTypeChosen': {
      if (state.screen !== 'form' || state.submitting) return state;
      const { disputeType: _cleared, ...fieldErrors } = state.fieldErrors;
      return { ...state, form: { ...state.form, disputeType: event.disputeType }, fieldErrors };
    }

    case 'validationFailed':
      if (state.screen !== 'form' || state.submitting) return state;
      return { ...state, fieldErrors: event.fieldErrors, formError: null, errorRevision: state.errorRevision + 1 };

    case 'submitStarted':
      if (state.screen !== 'form' || state.submitting || !state.submissionId) return state;
      return { ...state, submitting: true, fieldErrors: {}, formError: null };

    case 'submitFailed':
      if (!state.submitting) return state;
      return {
        ...state,
        submitting: false,
        fieldErrors: event.fieldErrors,
        formError: event.formError,
        errorRevision: state.errorRevision + 1,
      };

    case 'submitSucceeded':
      if (!state.submitting) return state;
      if (event.receipt.submissionId !== state.submissionId) {
        return { ...state, submitting: false, formError: 'submit.failed', errorRevision: state.errorRevision + 1 };
      }
      // The form is dropped from memory here: the receipt is all the resident needs now.
      return { ...state, screen: 'receipt', submitting: false, receipt: event.receipt, form: emptyForm(), fieldErrors: {}, formError: null };

    case 'backToHome':
      if (state.screen !== 'form' || state.submitting) return state;
      return { ...state, screen: 'home', fieldErrors: {}, formError: null };

    case 'staffHelpOpened':
      return state.staffHelpOpen ? state : { ...state, staffHelpOpen: true };

    case 'staffHelpClosed':
      return state.staffHelpOpen ? { ...state, staffHelpOpen: false } : state;

    case 'reset':
      return initialFlowState(state.generation + 1);
  }
}

/** The draft to persist for the current state, or null when there is nothing to keep. */
export function draftOf(state: FlowState): Draft | null {
  if (!state.submissionId || state.screen === 'receipt' || state.receipt) return null;
  const form: Draft['form'] = {};
  if (state.form.applicantName) form.applicantName = state.form.applicantName;
  if (state.form.mobile) form.mobile = state.form.mobile;
  if (state.form.disputeType) form.disputeType = state.form.disputeType;
  if (state.form.description) form.description = state.form.description;
  return { submissionId: state.submissionId, language: state.language, step: FORM_STEP, form };
}

/** Is a resident's data on screen or in memory (so the idle timeout must guard it)? */
export const holdsResidentData = (state: FlowState): boolean => state.submissionId !== null && state.screen !== 'receipt';

/**
 * Maps issues (from IntakeForm.safeParse or a server INVALID_INPUT) to fields. Paths may be
 * relative to the form (`mobile`) or to the submission (`form.mobile`). The first issue per field
 * wins; issues that belong to no field become the form-level error.
 */
export function fieldErrorsFromIssues(issues: readonly FieldIssue[]): { fieldErrors: FieldErrors; formError: string | null } {
  const fieldErrors: FieldErrors = {};
  let formError: string | null = null;
  for (const issue of issues) {
    const path = issue.path.startsWith('form.') ? issue.path.slice('form.'.length) : issue.path;
    const field = formFields.find((f) => f === path || path.startsWith(`${f}.`));
    if (field) {
      fieldErrors[field] ??= issue.message;
    } else {
      formError ??= issue.message;
    }
  }
  return { fieldErrors, formError };
}
