import type { IdCard } from '../../shared/counter/idCard.js';
import type { FieldIssue } from '../../shared/result.js';
import { owns, setAt } from '../wizard/answerPaths.js';
import { issuesOf, type SignatureValue } from '../wizard/applicationCandidate.js';
import type { AppDraft } from '../wizard/questions.js';
import { answerChanged } from '../wizard/wizardContext.js';

// The counter's fast forms, as rules: which screen owns which part of the application, what a
// screen still lacks, and what a read ID card fills in. The checks themselves are the wizard's
// (applicationCandidate → KioskApplication), so a counter filing meets exactly the court's schema.

export const counterSteps = ['applicant', 'respondents', 'claims', 'evidence', 'sign'] as const;
export type CounterStep = (typeof counterSteps)[number];

/** The application paths each screen asks for; an issue belongs to the screen owning its path. */
export const stepPaths: Record<CounterStep, readonly string[]> = {
  applicant: ['applicant'],
  respondents: ['respondents'],
  claims: ['disputeType', 'typeAnswers', 'claims', 'facts', 'process'],
  evidence: ['evidence'],
  // the resident's part, on the touchscreen: consents and the handwritten signature
  sign: ['consents', 'signature'],
};

/**
 * A fresh counter filing: a person applies (staff are not their agent), one respondent to start, on
 * the full form (staff enter everything; the short path is the resident's own choice at the kiosk,
 * and an application without a choice is not submitted — without this the counter's last step sent
 * staff back to the first with nothing to fix).
 */
export function newCounterApplication(): AppDraft {
  return { applicant: { kind: 'person' }, hasAgent: false, shortPath: false, respondents: [{ kind: 'person' }], claims: [''], evidence: [], process: {} };
}

/** What stops `step` from going on, as (path, i18n key). */
export function stepIssues(step: CounterStep, app: AppDraft, signature: SignatureValue | null): FieldIssue[] {
  return issuesOf(app, signature).filter((i) => stepPaths[step].some((p) => owns(p, i.path)));
}

/** The first screen with something missing (the review sends the clerk back there), or null. */
export function firstIncompleteStep(app: AppDraft, signature: SignatureValue | null): CounterStep | null {
  const issues = issuesOf(app, signature);
  return counterSteps.find((step) => issues.some((i) => stepPaths[step].some((p) => owns(p, i.path)))) ?? null;
}

/**
 * An answer the clerk typed, with the wizard's knock-on effects on others (one rule, the wizard's):
 * a typed ID number fills birth date and sex, as a read card does. Without it the clerk who typed
 * 620103197504180036 was told to enter a date the number already says (s18 walk).
 */
export const counterAnswer = (app: AppDraft, path: string, value: unknown): AppDraft => answerChanged(app, path, value);

export type CardTarget = { party: 'applicant' } | { party: 'respondent'; index: number };

/**
 * The application with a read card's details filled in for `target`. The photo is not copied:
 * it is for the clerk's eyes, never part of the filing.
 */
export function fillFromCard(app: AppDraft, card: IdCard, target: CardTarget): AppDraft {
  if (target.party === 'applicant') {
    const applicant = {
      ...(app.applicant ?? {}),
      kind: 'person',
      name: card.name,
      idNumber: card.idNumber,
      sex: card.sex,
      birthDate: card.birthDate,
      ethnicity: card.ethnicity,
      address: card.address,
    };
    return { ...app, applicant };
  }
  const base = `respondents.${target.index}`;
  let next = setAt(app, `${base}.kind`, 'person');
  next = setAt(next, `${base}.name`, card.name);
  next = setAt(next, `${base}.idNumber`, card.idNumber);
  return setAt(next, `${base}.address`, card.address);
}
