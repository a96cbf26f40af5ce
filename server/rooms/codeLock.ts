import { JOIN_TRIES_PER_CODE } from '../../shared/rooms/joining.js';
import type { StoredInvitation } from './invitationStore.js';

// A meeting code its wrong names or ID endings have locked (JOIN_TRIES_PER_CODE of them). Whoever
// typed them knew the code, so they are told that waiting will not help and a new code will: by
// the join page (410 CODE_LOCKED, ./roomRoutes.ts) and at a terminal (the error frame CODE_LOCKED,
// ./terminalJoin.ts) alike. A used or expired code is not locked: it gets every wrong code's answer.

export const CODE_LOCKED_MESSAGE = 'This meeting code is locked after too many wrong names or ID endings: ask the mediator for a new code';

/** The invitation is live (unused, unexpired at `at`) and its wrong answers have used up its tries. */
export function lockedByWrongAnswers(invitation: Pick<StoredInvitation, 'usedAt' | 'expiresAt' | 'failures'>, at: Date): boolean {
  return invitation.usedAt === null && invitation.expiresAt > at.toISOString() && invitation.failures >= JOIN_TRIES_PER_CODE;
}

/** What a try is told when the code's own tries this minute are used up (`codeWait` s to wait). */
export type CodeLimitAnswer = { kind: 'locked' } | { kind: 'wait'; retryAfterS: number };

/**
 * The code's tries this minute are used up: a code its wrong answers locked is told so, since "try
 * again in a minute" would only meet the same lock (it lasts the code's whole life); any other
 * code, or none, is told to wait. The lock is revealed only here and after the code's own answers.
 */
export function codeLimitAnswer(invitation: Pick<StoredInvitation, 'usedAt' | 'expiresAt' | 'failures'> | null | undefined, at: Date, codeWait: number): CodeLimitAnswer {
  return invitation && lockedByWrongAnswers(invitation, at) ? { kind: 'locked' } : { kind: 'wait', retryAfterS: codeWait };
}
