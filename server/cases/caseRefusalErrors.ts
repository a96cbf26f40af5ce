import type { CaseFile } from '../../shared/cases/caseFile.js';
import type { Refusal } from '../../shared/cases/caseRules.js';
import { HubError } from '../http/errors.js';
import type { InvalidActionDetails } from './caseActions.js';

// A case rule's refusal or an action's refused details as the hub's error: one mapping, read by
// every route that acts on a case (the court API's, the agreement desk's, the kiosks' signing).

export const refusalMessages: Record<Refusal['code'], string> = {
  TRANSITION_NOT_ALLOWED: 'The case is not at a step where this can happen',
  STALE_CASE: 'Someone acted on this case first; here it is as it is now',
  ROLE_NOT_ALLOWED: 'Your role does not allow this',
  OUT_OF_SCOPE: 'This case is not in your part of the court',
  INVALID_PAYLOAD: 'The details of this action are not valid',
  EXTENSION_USED: 'The one extension allowed has been used',
  PERIOD_ENDED: 'The period for this has ended',
  SESSION_NOT_SCHEDULED: 'No such scheduled session',
  SESSION_NOT_YET: 'The session has not started yet; it cannot have been held',
  CALL_ALREADY_HELD: 'This call already holds a session of this case; one call is one session',
  AGREEMENT_NOT_DRAFTED: 'No agreement has been drafted',
  ALREADY_SIGNED: 'This signer has already signed',
  SIGNATURES_MISSING: 'Not every party has signed',
  NOT_THE_OUTCOME: 'That event cannot be voided',
};

export const invalidMessages = {
  INVALID_REFERENCE: 'The action names something that does not exist or does not fit',
  INVALID_PAYLOAD: 'The details of this action are missing or not valid',
} as const;

/** An action's details refused (InvalidActionDetails): its own code, words and the fields' i18n keys, whichever route refused it. */
export const invalidDetailsError = (err: InvalidActionDetails) => new HubError(400, err.code, invalidMessages[err.code], err.issues);

export const refusalError = (refusal: Refusal, current: CaseFile | null) =>
  new HubError(refusal.status, refusal.code, refusalMessages[refusal.code], undefined, {
    ...(refusal.status === 409 && current ? { case: current } : {}),
    ...('date' in refusal ? { date: refusal.date } : {}),
  });
