import { describe, expect, it } from 'vitest';
import { courtPath } from '../../shared/courtApi/routes.js';
import { guidancePaths } from '../../shared/rooms/guidance.js';
import { BUSY_MS, startHub, type RunningHub } from '../support/hubHarness.js';
import { seriousA11yProblems } from './support/look.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// The judges' guidance desk with no mediation open (the walk, s17 item 15): it said only "no
// mediation is open now". It now says what will appear there, that the page updates itself, and
// that a judge joins any listed room without being invited.

const suite = e2eSuite<RunningHub>({ start: () => startHub() });

describe('the guidance desk when no mediation is open', () => {
  it('says what will appear and how a judge comes in', async () => {
    const hub = suite.stack;
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const signedIn = await context.request.post(`${hub.url}${courtPath('signIn')}`, {
      headers: { origin: hub.url },
      data: { username: 'judge', password: hub.hub.initialPasswords.get('judge') },
    });
    expect(signedIn.status()).toBe(200);
    const page = await context.newPage();
    page.setDefaultTimeout(BUSY_MS);
    await page.goto(hub.url + guidancePaths.page);
    const empty = page.getByTestId('guide-empty');
    await empty.waitFor();
    const text = await empty.innerText();
    for (const words of [
      '现在没有正在进行的调解。',
      '调解员在调解台接通视频调解后，这场调解就会出现在这里，列出地点、案号、调解员、当事人和开始时间；本页自动更新，不用刷新。',
      'When a mediator connects a video mediation at their desk, it appears here with its site, case, mediator, parties and start time; this page updates by itself.',
      '点“进入指导”即可作为指导法官加入，不需要调解员邀请。',
      'Press “Guide” to join as the guiding judge; no invitation from the mediator is needed.',
    ])
      expect(text).toContain(words);
    expect(await seriousA11yProblems(page, 'guidance-empty')).toEqual([]);
    await screenshot(page, 'guidance-empty');
    await context.close();
  });
});
