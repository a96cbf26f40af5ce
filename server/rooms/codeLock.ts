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
