import { describe, expect, it } from 'vitest';
import { codeRefusalMessage } from '../../renderer/call/joinCodeWords.js';
import { createI18n } from '../../renderer/i18n/index.js';
import { JOIN_CODE_TTL_MS, TerminalJoinAnswer } from '../../shared/rooms/joining.js';

// A party at a kiosk locked out of joining by code for too many tries is told how long for, in the
// words and the rounding of the join page and a record's unlock (minutesToWait), in both languages.

describe("the kiosk's join-by-code refusal", () => {
  it('says in how many minutes to try again, rounded up, and makes up no time when the hub gave none', async () => {
    const i18n = createI18n();
    const t = i18n.t.bind(i18n);
    const say = (retryAfterS?: number) => codeRefusalMessage(t, { joined: false, reason: 'tooMany', ...(retryAfterS ? { retryAfterS } : {}) });
    expect(say(42)).toBe('尝试次数过多，请 1 分钟后再试。');
    expect(say(61)).toBe('尝试次数过多，请 2 分钟后再试。');
    // a code locked for its wrong names lives out its window: up to the code's whole life
    expect(say(JOIN_CODE_TTL_MS / 1000 - 1)).toBe('尝试次数过多，请 15 分钟后再试。');
    expect(say()).not.toMatch(/\d/);
    expect(say()).toContain('联系调解员');
    expect(codeRefusalMessage(t, { joined: false, reason: 'badCode' })).toBe(t('call.code.badCode'));
    await i18n.changeLanguage('en');
    expect(say(600)).toBe('Too many tries. Please try again in 10\u00a0min.' /* the number and its unit kept on one line */);
    expect(say()).toBe('Too many tries. Please wait a little, then try again, or ask the mediator.');
  });

  it('says of a code locked by wrong names or ID endings that only a new code from the mediator helps, with no time to wait', async () => {
    const i18n = createI18n();
    const t = i18n.t.bind(i18n);
    const say = () => codeRefusalMessage(t, { joined: false, reason: 'codeLocked' });
    expect(say()).toContain('请他给您一个新的会议码');
    expect(say()).not.toMatch(/\d|分钟后再试/);
    await i18n.changeLanguage('en');
    expect(say()).toContain('Please ask the mediator for a new code');
    expect(say()).not.toMatch(/\d|try again in/);
  });

  it('carries whole positive seconds through the kiosk contract', () => {
    expect(TerminalJoinAnswer.parse({ joined: false, reason: 'tooMany', retryAfterS: 37 })).toEqual({ joined: false, reason: 'tooMany', retryAfterS: 37 });
    expect(TerminalJoinAnswer.safeParse({ joined: false, reason: 'tooMany', retryAfterS: 0 }).success).toBe(false);
    expect(TerminalJoinAnswer.safeParse({ joined: false, reason: 'tooMany', retryAfterS: 2.5 }).success).toBe(false);
  });
});
