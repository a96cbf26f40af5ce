import { describe, expect, it } from 'vitest';
import { errorText, joinWords } from '../../server/console-app/join/joinWords.js';

// The phone join page's refusals say what to do next: a code its wrong answers locked needs a new
// one from the mediator (waiting will not help), and a lock-out says when to try again only when
// the hub gave a time.

describe("the join page's refusals", () => {
  for (const language of ['zh-CN', 'en'] as const) {
    const w = joinWords[language];
    it(`${language}: a code locked by wrong answers sends the party to the mediator for a new code`, () => {
      const text = errorText(w, w.errors, 'CODE_LOCKED', null);
      expect(text).toMatch(language === 'en' ? /ask the mediator for a new code/ : /请他给您一个新的会议码/);
      expect(text).not.toMatch(/\{|try again in|分钟后/);
      // An invalid code says where to get a good one too.
      expect(errorText(w, w.errors, 'NOT_FOUND', null)).toMatch(language === 'en' ? /mediator for a new code/ : /调解员给您一个新的会议码/);
    });
    it(`${language}: a lock-out says when to try again if the hub said, and makes no time up if it did not`, () => {
      expect(errorText(w, w.errors, 'RATE_LIMITED', 125)).toBe(w.errors.RATE_LIMITED!.replace('{wait}', w.waitMinutes.replace('{n}', '3')));
      expect(errorText(w, w.errors, 'RATE_LIMITED', 30)).toContain(w.waitOneMinute);
      const untimed = errorText(w, w.errors, 'RATE_LIMITED', null);
      expect(untimed).toBe(w.errors.RATE_LIMITED_NO_TIME);
      expect(untimed).not.toMatch(/\d/);
      expect(errorText(w, w.afterErrors, 'RATE_LIMITED', null)).toBe(w.afterErrors.RATE_LIMITED_NO_TIME);
      expect(errorText(w, w.errors, 'SOMETHING_NEW', null)).toBe(w.errors.other);
    });
  }
});
