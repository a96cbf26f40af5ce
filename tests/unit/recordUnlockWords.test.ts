import { describe, expect, it } from 'vitest';
import { createI18n } from '../../renderer/i18n/index.js';
import { recordUnlockMessage } from '../../renderer/call/recordUnlockWords.js';
import { RecordUnlockAnswer, RECORD_UNLOCK_WINDOW_MS } from '../../shared/rooms/hearingRecord.js';
import { minutesToWait } from '../../shared/wrongGuesses.js';

// A party locked out of a pending record at the kiosk is told how long for, in the words and the
// rounding of the status page and check-my-case (minutesToWait), in both languages.

describe("the kiosk's record unlock refusal", () => {
  it('says in how many minutes to try again, rounded up as everywhere else', async () => {
    const i18n = createI18n();
    const say = (retryAfterS?: number) => recordUnlockMessage(i18n.t.bind(i18n), { unlocked: false, reason: 'tooMany', ...(retryAfterS ? { retryAfterS } : {}) });
    expect(say(RECORD_UNLOCK_WINDOW_MS / 1000 - 1)).toBe('输错次数过多，请 60 分钟后再试，或联系法院工作人员。');
    expect(say(61)).toBe(`输错次数过多，请 ${minutesToWait(61)} 分钟后再试，或联系法院工作人员。`);
    expect(say(61)).toContain(' 2 分钟');
    expect(say(5)).toContain(' 1 分钟');
    // a hub that did not say how long: no made-up time, court staff instead
    expect(say()).not.toMatch(/\d/);
    expect(say()).toContain('联系法院工作人员');
    await i18n.changeLanguage('en');
    expect(say(1800)).toBe('Too many wrong tries. Please try again in 30 min, or ask court staff.');
    expect(say()).toContain('ask court staff');
    expect(recordUnlockMessage(i18n.t.bind(i18n), { unlocked: false, reason: 'badIdentity' })).toBe(i18n.t('call.record.unlock.badIdentity'));
  });

  it('carries whole positive seconds through the kiosk contract', () => {
    expect(RecordUnlockAnswer.parse({ unlocked: false, reason: 'tooMany', retryAfterS: 3540 })).toEqual({ unlocked: false, reason: 'tooMany', retryAfterS: 3540 });
    expect(RecordUnlockAnswer.safeParse({ unlocked: false, reason: 'tooMany', retryAfterS: 0 }).success).toBe(false);
    expect(RecordUnlockAnswer.safeParse({ unlocked: false, reason: 'tooMany', retryAfterS: 1.5 }).success).toBe(false);
  });
});
