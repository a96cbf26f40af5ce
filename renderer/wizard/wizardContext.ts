import type { Language, Receipt } from '../../shared/intake.js';
import type { FieldIssue } from '../../shared/result.js';
import { checkResidentId, residentIdFacts } from '../../shared/validators.js';
import { getAt, isBlank, setAt } from './answerPaths.js';
import { issuesOf, type SignatureValue } from './applicationCandidate.js';
import type { AppDraft } from './questions.js';
import type { Step } from './stepNavigation.js';

// What the wizard machine remembers, and the pure updates it applies to answers and errors.

export interface WizardContext {
  /** The UUID of the application in progress; null when no resident is mid-intake. */
  submissionId: string | null;
  language: Language;
  /** 长辈模式: larger text and targets, each screen read aloud. */
  elderly: boolean;
  application: AppDraft;
  /** Drawn last, never parked in the draft. */
  signature: SignatureValue | null;
  /** Set once the resident has reached the review: then "next" and "back" lead back to it. */
  reviewing: boolean;
  /** Path → i18n key, for the screen on show. */
  errors: Record<string, string>;
  /** Bumped when errors are (re)shown, so the screen can move focus to the first one. */
  errorRevision: number;
  /** i18n key of a problem that belongs to no field (e.g. the submit failed). */
  formError: string | null;
  /** The field an edit-from-review asked for; the screen focuses it and then clears this. */
  focusPath: string | null;
  receipt: Receipt | null;
  /** The wizard step a call was started from ("talk to a person now"); the call returns there. */
  returnStep: Step | null;
  /** The call is a party joining another call's room by its meeting code (from home). */
  joinByCode: boolean;
  /** The hub's ticket for a call about the case just checked (check-my-case); opaque, nothing personal. */
  caseTicket: string | null;
  /** Bumped on every reset so screens remount and drop any local state. */
  generation: number;
  now: () => Date;
}

export const DEFAULT_LANGUAGE: Language = 'zh-CN';

export const emptyContext = (generation: number, now: () => Date = () => new Date()): WizardContext => ({
  submissionId: null,
  language: DEFAULT_LANGUAGE,
  elderly: false,
  application: {},
  signature: null,
  reviewing: false,
  errors: {},
  errorRevision: 0,
  formError: null,
  focusPath: null,
  receipt: null,
  returnStep: null,
  joinByCode: false,
  caseTicket: null,
  generation,
  now,
});

export const errorsOf = (issues: readonly FieldIssue[]): Record<string, string> => Object.fromEntries(issues.map((i) => [i.path, i.message]));

/**
 * After an answer changes, errors already on show stay only while still true: fixing a field clears
 * its message at once, but typing never brings up new ones (those wait for "next").
 */
export function refreshErrors(shown: Record<string, string>, application: AppDraft, signature: SignatureValue | null): Record<string, string> {
  if (Object.keys(shown).length === 0) return shown;
  const now = errorsOf(issuesOf(application, signature));
  return Object.fromEntries(Object.entries(shown).flatMap(([path]) => (now[path] ? [[path, now[path]]] : [])));
}

/** Sets one answer, with the knock-on effects a changed answer has on others. */
export function answerChanged(application: AppDraft, path: string, value: unknown): AppDraft {
  const before = getAt(application, path);
  let next = setAt(application, path, value);
  // Type-specific answers belong to one dispute type; a new type starts its questions afresh.
  if (path === 'disputeType' && before !== value) next = setAt(next, 'typeAnswers', {});
  // A respondent card shows "person" until told otherwise; the answer says so too.
  if (path.startsWith('respondents.') && next.respondents?.some((r) => !r.kind)) {
    next = { ...next, respondents: next.respondents.map((r) => (r.kind ? r : { kind: 'person', ...r })) };
  }
  // A complete, valid ID number already says sex and birth date: they are filled in while blank,
  // and an answer the number gave follows the number (a corrected digit, or a number no longer
  // valid, which leaves them blank again). An answer the resident chose themselves stays.
  if (path === 'applicant.idNumber') {
    const was = validIdFacts(before);
    const now = validIdFacts(value);
    for (const key of ['sex', 'birthDate'] as const) {
      const answer = next.applicant?.[key];
      if (isBlank(answer) || (was !== null && answer === was[key])) next = setAt(next, `applicant.${key}`, now?.[key]);
    }
  }
  return next;
}

const validIdFacts = (value: unknown) => (typeof value === 'string' && checkResidentId(value) === null ? residentIdFacts(value) : null);
