import type { FieldIssue } from '../../shared/result.js';
import { owns } from './answerPaths.js';
import { issuesOf, type SignatureValue } from './applicationCandidate.js';
import type { AppDraft } from './questions.js';

// The wizard's screens in order, and which answers each one owns. A step is complete when the
// application schema reports no issue on anything it owns; navigation is computed from that, so
// "next", "back", edit-from-review and resume all agree on where the resident may be.

export const steps = [
  'preferences',
  'privacy',
  'onlineConsent',
  'applicantKind',
  'applicantIdentity',
  'applicantContact',
  'agent',
  'respondents',
  'disputeType',
  'typeQuestions',
  'claims',
  'facts',
  'evidence',
  'process',
  'review',
  'signature',
] as const;
export type Step = (typeof steps)[number];
export const isStep = (value: unknown): value is Step => typeof value === 'string' && (steps as readonly string[]).includes(value);

const personIdentityPaths = ['applicant.name', 'applicant.idNumber', 'applicant.sex', 'applicant.birthDate', 'applicant.ethnicity'];
const organisationIdentityPaths = ['applicant.name', 'applicant.creditCode', 'applicant.legalRepresentative'];

/** Issue paths a step answers for. */
function ownedPaths(step: Step, app: AppDraft): string[] {
  const organisation = app.applicant?.kind === 'organisation';
  switch (step) {
    case 'preferences':
      return [];
    case 'privacy':
      return ['consents.privacy'];
    case 'onlineConsent':
      return ['consents.onlineMediation'];
    case 'applicantKind':
      return ['applicant.kind'];
    case 'applicantIdentity':
      return organisation ? organisationIdentityPaths : personIdentityPaths;
    case 'applicantContact':
      return organisation ? ['applicant.phone', 'applicant.address'] : ['applicant.mobile', 'applicant.address'];
    case 'agent':
      return ['hasAgent', 'agent'];
    case 'respondents':
      return ['respondents'];
    case 'disputeType':
      return ['disputeType'];
    case 'typeQuestions':
      return ['typeAnswers'];
    case 'claims':
      return ['claims'];
    case 'facts':
      return ['facts'];
    case 'evidence':
      return ['evidence'];
    case 'process':
      return ['process'];
    case 'review':
      return steps.filter((s) => s !== 'review' && s !== 'signature').flatMap((s) => ownedPaths(s, app));
    case 'signature':
      return ['signature'];
  }
}

export function stepIssues(step: Step, app: AppDraft, signature: SignatureValue | null, all: FieldIssue[] = issuesOf(app, signature)): FieldIssue[] {
  const owned = ownedPaths(step, app);
  return all.filter((issue) => owned.some((owner) => owns(owner, issue.path)));
}

/** The first step before `limit` that still has something to answer, if any. */
export function firstIncomplete(app: AppDraft, limit: Step = 'review', from: Step = 'preferences'): Step | null {
  const all = issuesOf(app, null);
  for (const step of steps.slice(steps.indexOf(from), steps.indexOf(limit))) {
    if (stepIssues(step, app, null, all).length > 0) return step;
  }
  return null;
}

/** May the resident be on `step`? Only once everything before it is answered (or they are reviewing). */
export function canEnter(step: Step, app: AppDraft, reviewing: boolean): boolean {
  if (reviewing && step !== 'signature') return true;
  return firstIncomplete(app, step) === null;
}

/** Where "next" leads from a completed `step`: onwards, or while reviewing, to what an edit left open, else the review. */
export function stepAfter(step: Step, app: AppDraft, reviewing: boolean): Step {
  if (step === 'review') return 'signature';
  if (step === 'signature') return 'signature';
  if (reviewing) return firstIncomplete(app, 'review', step) ?? 'review';
  return steps[steps.indexOf(step) + 1]!;
}

/** Where "back" leads: the previous screen, or while reviewing, the review. `null` means home. */
export function stepBefore(step: Step, reviewing: boolean): Step | null {
  if (reviewing && step !== 'review') return 'review';
  const index = steps.indexOf(step);
  return index <= 0 ? null : steps[index - 1]!;
}

/** A resumed draft goes back to its step, or to the first one that still needs an answer. */
export function resumeStep(saved: Step, app: AppDraft, reviewing: boolean): Step {
  if (saved === 'signature') return reviewing || firstIncomplete(app) === null ? 'review' : (firstIncomplete(app) ?? 'review');
  if (canEnter(saved, app, reviewing)) return saved;
  return firstIncomplete(app, saved) ?? saved;
}

/** 1-based position among the question screens, for "step 3 of 14". */
export const progressOf = (step: Step) => ({ index: steps.indexOf(step) + 1, total: steps.length });
