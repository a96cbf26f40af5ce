import type { FieldIssue } from '../../shared/result.js';
import { owns } from './answerPaths.js';
import { issuesOf, type SignatureValue } from './applicationCandidate.js';
import type { AppDraft } from './questions.js';

// The wizard's screens in order, and which answers each one owns. A step is complete when the
// application schema reports no issue on anything it owns; navigation is computed from that, so
// "next", "back", edit-from-review and resume all agree on where the resident may be.
// Two paths run through them: the full form, and the elderly's short path (after the dispute
// type: who, what happened, what you want; the rest is asked on the call or by staff).

const fullPath = [
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
const shortPath = ['preferences', 'privacy', 'onlineConsent', 'disputeType', 'shortWho', 'facts', 'claims', 'review', 'signature'] as const;
/** Every screen either path shows. */
export const steps = [...fullPath, 'shortWho'] as const;
export type Step = (typeof steps)[number];
/** The screens of the path the resident chose, in order. */
export const pathOf = (app: AppDraft): readonly Step[] => (app.shortPath === true ? shortPath : fullPath);
export const isStep = (value: unknown): value is Step => typeof value === 'string' && (steps as readonly string[]).includes(value);

const personIdentityPaths = ['applicant.name', 'applicant.idNumber', 'applicant.sex', 'applicant.birthDate', 'applicant.ethnicity'];
const organisationIdentityPaths = ['applicant.name', 'applicant.creditCode', 'applicant.legalRepresentative'];

/** Issue paths a step answers for. */
function ownedPaths(step: Step, app: AppDraft): string[] {
  const organisation = app.applicant?.kind === 'organisation';
  switch (step) {
    case 'preferences':
      return ['shortPath'];
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
    case 'shortWho':
      return ['applicant.kind', 'applicant.name', 'applicant.mobile', 'respondents'];
    case 'review':
      return pathOf(app)
        .filter((s) => s !== 'review' && s !== 'signature')
        .flatMap((s) => ownedPaths(s, app));
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
  const path = pathOf(app);
  const start = Math.max(0, path.indexOf(from));
  const end = path.includes(limit) ? path.indexOf(limit) : path.length;
  for (const step of path.slice(start, end)) {
    if (stepIssues(step, app, null, all).length > 0) return step;
  }
  return null;
}

/** May the resident be on `step`? Only once everything before it is answered (or they are reviewing). */
export function canEnter(step: Step, app: AppDraft, reviewing: boolean): boolean {
  if (!pathOf(app).includes(step)) return false;
  if (reviewing && step !== 'signature') return true;
  return firstIncomplete(app, step) === null;
}

/** Where "next" leads from a completed `step`: onwards, or while reviewing, to what an edit left open, else the review. */
export function stepAfter(step: Step, app: AppDraft, reviewing: boolean): Step {
  if (step === 'review') return 'signature';
  if (step === 'signature') return 'signature';
  if (reviewing) return firstIncomplete(app, 'review', step) ?? 'review';
  const path = pathOf(app);
  return path[path.indexOf(step) + 1] ?? 'review';
}

/** Where "back" leads: the previous screen, or while reviewing, the review. `null` means home. */
export function stepBefore(step: Step, app: AppDraft, reviewing: boolean): Step | null {
  if (reviewing && step !== 'review') return 'review';
  const path = pathOf(app);
  const index = path.indexOf(step);
  return index <= 0 ? null : path[index - 1]!;
}

/** A resumed draft goes back to its step, or to the first one that still needs an answer. */
export function resumeStep(saved: Step, app: AppDraft, reviewing: boolean): Step {
  if (saved === 'signature') return reviewing || firstIncomplete(app) === null ? 'review' : (firstIncomplete(app) ?? 'review');
  if (canEnter(saved, app, reviewing)) return saved;
  return firstIncomplete(app, saved) ?? saved;
}

/**
 * 1-based position among the chosen path's screens, for "step 3 of 9". Before the resident has
 * chosen a path there is no total to tell (null: "step 1"): the first screen said "of 16" while it
 * offered the 9-step short path (s18 walk).
 */
export const progressOf = (step: Step, app: AppDraft): { index: number; total: number | null } => ({
  index: pathOf(app).indexOf(step) + 1,
  total: app.shortPath === undefined ? null : pathOf(app).length,
});
