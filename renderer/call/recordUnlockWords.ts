import type { RecordUnlockAnswer } from '../../shared/rooms/hearingRecord.js';
import { minutesToWait } from '../../shared/wrongGuesses.js';

// What the kiosk says when a pending record's unlock is refused. Locked out for too many wrong
// tries: how long for, in whole minutes rounded up as the status page and check-my-case say it
// (one helper, shared/wrongGuesses.ts); a hub that did not say how long gets "ask court staff".

export type RecordUnlockRefused = Extract<RecordUnlockAnswer, { unlocked: false }>;

export function recordUnlockMessage(t: (key: string, o?: Record<string, unknown>) => string, refused: RecordUnlockRefused): string {
  if (refused.reason !== 'tooMany') return t(`call.record.unlock.${refused.reason}`);
  return refused.retryAfterS ? t('call.record.unlock.tooMany', { minutes: minutesToWait(refused.retryAfterS) }) : t('call.record.unlock.tooManyAskStaff');
}
