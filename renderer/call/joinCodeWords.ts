import { minutesToWait } from '../../shared/wrongGuesses.js';
import type { CodeRefusal } from './callFlow.js';

// What the kiosk's code keypad says when a meeting code was not taken. Too many tries: how long
// to wait, in whole minutes rounded up as the join page, the status page and a record's unlock say
// it (one helper, shared/wrongGuesses.ts); a hub that did not say how long gets no made-up time.

export function codeRefusalMessage(t: (key: string, o?: Record<string, unknown>) => string, refused: CodeRefusal): string {
  if (refused.reason !== 'tooMany') return t(`call.code.${refused.reason}`);
  return refused.retryAfterS ? t('call.code.tooMany', { minutes: minutesToWait(refused.retryAfterS) }) : t('call.code.tooManyNoTime');
}
