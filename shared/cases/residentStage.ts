import { z } from 'zod';
import { missingSigners, runningDeadline, type CaseFile } from './caseFile.js';
import { isOverdue } from './deadlines.js';

// What a resident is told about their dispute (issue 10 item 7): the stage in plain words, the
// next session if one is arranged (date, video or the place), the next step and its last day.
// Derived from the dispute's CaseFile only, which holds no personal data, so nothing about the
// other party can leak through it. The kiosk's check-my-case, the hub's status API and the public
// status page all show this, with their own words for each stage and step.

export const residentStages = [
  'received', // at the court, waiting to be diverted to mediation or filed
  'with_mediator', // diverted; a mediation organisation has it
  'session_scheduled', // a session is arranged (see `session`)
  'settled', // agreement reached; the written agreement is being prepared
  'agreement_to_sign', // the agreement is ready and waits for signatures
  'agreement_signed', // signed by everyone
  'in_confirmation', // the court is examining it for judicial confirmation
  'confirmed', // the court confirmed the agreement
  'confirmation_refused',
  'mediation_failed',
  'withdrawn',
  'filed', // filed as a lawsuit
  'closed',
] as const;
export type ResidentStageName = (typeof residentStages)[number];

export const nextSteps = [
  'await_diversion', // the court decides how the dispute goes on; it will contact you
  'await_session', // the mediator will arrange a session
  'attend_session', // come to / join the arranged session
  'sign_agreement', // sign the mediation agreement
  'apply_confirmation', // apply jointly for judicial confirmation (by dueDate)
  'await_ruling', // the court rules by dueDate
  'perform_agreement', // carry out what was agreed
  'consider_lawsuit', // mediation ended: you may sue, or mediate again
  'follow_lawsuit', // the lawsuit goes on in the court's trial system
  'none',
] as const;
export type NextStep = (typeof nextSteps)[number];

export const ResidentSession = z.object({
  startsAt: z.string(),
  mode: z.enum(['video', 'in_person']),
  siteId: z.string().nullable(),
  place: z.string().nullable(),
});

export const ResidentStage = z.object({
  stage: z.enum(residentStages),
  /** When the case last changed. */
  since: z.string(),
  session: ResidentSession.nullable(),
  next: z.object({ step: z.enum(nextSteps), dueDate: z.string().nullable() }),
});
export type ResidentStage = z.infer<typeof ResidentStage>;

/**
 * What a resident filing a dispute is told comes next (the receipt, screen and paper): the next
 * step of a dispute the court has received and not yet diverted or filed, the same step check-my-case
 * then shows. The court decides first whether it goes to mediation; no court rule sets a time for
 * that decision (./deadlines.ts), so no words for this step promise a call within a number of days.
 */
export const nextStepOnFiling = 'await_diversion' satisfies NextStep;

type Next = ResidentStage['next'];
const step = (s: NextStep, dueDate: string | null = null): Next => ({ step: s, dueDate });

/** The resident's view of a dispute on `today` (court date). */
export function residentStage(c: CaseFile, today: string): ResidentStage {
  const upcoming = c.sessions.filter((s) => s.status === 'scheduled').sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1))[0];
  const session = upcoming ? { startsAt: upcoming.startsAt, mode: upcoming.mode, siteId: upcoming.siteId, place: upcoming.place } : null;
  const due = runningDeadline(c)?.dueDate ?? null;
  const at = (stage: ResidentStageName, next: Next, withSession = false): ResidentStage => ({ stage, since: c.updatedAt, session: withSession ? session : null, next });

  switch (c.state) {
    case 'received':
      return at('received', step(nextStepOnFiling));
    case 'in_mediation':
      return session ? at('session_scheduled', step('attend_session', due), true) : at('with_mediator', step('await_session', due));
    case 'settled':
      if (!c.agreement) return at('settled', step('sign_agreement'));
      // every signature in, the signed agreement being drawn: the 30 days to apply run from the last signature
      return missingSigners(c).length > 0 ? at('agreement_to_sign', step('sign_agreement')) : at('agreement_signed', step('apply_confirmation', due));
    case 'agreement_signed':
      return due && !isOverdue(due, today) ? at('agreement_signed', step('apply_confirmation', due)) : at('agreement_signed', step('perform_agreement'));
    case 'in_confirmation':
      return at('in_confirmation', step('await_ruling', due));
    case 'confirmed':
      return at('confirmed', step('perform_agreement'));
    case 'confirmation_refused':
      return at('confirmation_refused', step('consider_lawsuit'));
    case 'failed':
      return at('mediation_failed', step('consider_lawsuit'));
    case 'withdrawn':
      return at('withdrawn', step('none'));
    case 'filed':
      return at('filed', step('follow_lawsuit'));
    default:
      return at('closed', step('none'));
  }
}
