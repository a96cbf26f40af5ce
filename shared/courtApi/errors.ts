import { z } from 'zod';
import type { RefusalCode } from '../cases/caseRules.js';

// The error codes of the court API (/api/v1 for staff and court systems), stable and i18n-able:
// a console shows `t('courtErrors.' + code)`. Every refusal is `{ error: { code, message } }` with
// a 4xx status; a case action refused by the rules (shared/cases/caseRules.ts) carries the rule's
// own code, and a 409 carries the case as it is now, so staff see what changed.

export const courtErrorCodes = [
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT', // the record exists already (a username, a site id)
  'INVALID_REFERENCE', // an organisation, mediator, site, session or document that does not exist or does not fit
  'RATE_LIMITED',
  'SIGN_IN_LOCKED', // too many failed sign-ins: wait Retry-After seconds or ask an admin
  'PASSWORD_CHANGE_REQUIRED',
  'OWN_SITE_ONLY', // a site's staff asked for another site's figures (the dashboard; 403)
  'WEAK_PASSWORD',
  'TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'DOCUMENTS_UNAVAILABLE', // this hub has no CJK font to draw court documents with (upload them instead)
  // refusals of shared/cases/caseRules.ts decide()
  'TRANSITION_NOT_ALLOWED',
  'STALE_CASE',
  'ROLE_NOT_ALLOWED',
  'OUT_OF_SCOPE',
  'INVALID_PAYLOAD',
  'EXTENSION_USED',
  'PERIOD_ENDED',
  'SESSION_NOT_SCHEDULED',
  'SESSION_NOT_YET', // a session recorded as held before its start: `date` names the start (court time, to the minute)
  'CALL_ALREADY_HELD', // a session recorded as held on a call that already holds one of this case
  'AGREEMENT_NOT_DRAFTED',
  'ALREADY_SIGNED',
  'SIGNATURES_MISSING',
  'NOT_THE_OUTCOME',
] as const satisfies readonly string[];
export type CourtErrorCode = (typeof courtErrorCodes)[number];

// Every refusal code of the rules is a court API code (checked by the compiler).
const _refusalsAreCodes: readonly CourtErrorCode[] = [] as RefusalCode[];
void _refusalsAreCodes;

export const CourtErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    /** The court time a refusal turns on (SESSION_NOT_YET: when the session is arranged to start, `YYYY-MM-DD HH:MM`). */
    date: z.string().optional(),
    /** On a 409 from a case action: the case as it is now. */
    case: z.unknown().optional(),
  }),
});
