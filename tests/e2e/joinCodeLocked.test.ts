import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchCsp } from './support/cspWatch.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';
import { RESPONDENT, hearingRooms, type Cleanup } from '../support/hearingRoom.js';
import { BUSY_MS } from '../support/hubHarness.js';
import { JOIN_TRIES_PER_CODE, roomPaths } from '../../shared/rooms/joining.js';

// A party joining a mediation on their phone with a code that wrong names or ID endings have
// locked (from another phone, say): the page says plainly that the code will not open again and
// what to do — ask the mediator for a new code — not "try again in a minute" or "mistyped".
// Screenshots: the message in zh-CN and en on a 390×844 phone.

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const { hearingRoom } = hearingRooms(cleanup);
const suite = e2eSuite();

describe('the phone join page and a locked code', () => {
  it('tells the party to ask the mediator for a new code, in both languages', async () => {
    const { h, invite } = await hearingRoom('mediator', [], resolve('dist/console'));
    const origin = new URL(h.url).origin;
    const { code, link } = await invite('respondent');
    for (let i = 0; i < JOIN_TRIES_PER_CODE; i++) {
      const wrong = await fetch(h.url + roomPaths.join, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ code, name: '王五', idLast4: '0000' }) });
      expect(wrong.status).toBe(403);
    }

    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    await watchCsp(context);
    const phone = await context.newPage();
    phone.setDefaultTimeout(BUSY_MS);
    await phone.goto(h.url + link, { waitUntil: 'domcontentloaded' });
    await phone.getByTestId('join-code').fill(code);
    await phone.getByTestId('join-name').fill(RESPONDENT.name);
    await phone.getByTestId('join-idLast4').fill(RESPONDENT.idNumber.slice(-4));
    await phone.getByTestId('join-enter').tap();
    const locked = phone.locator('[data-testid="join-error"][data-code="CODE_LOCKED"]');
    await locked.getByText('请联系调解员，请他给您一个新的会议码。', { exact: false }).waitFor();
    expect(await locked.textContent()).not.toMatch(/分钟后再试|输错、已使用或已过期/);
    await screenshot(phone, 'join-code-locked-zh-CN');
    await phone.getByRole('button', { name: 'English' }).tap();
    await locked.getByText('Please ask the mediator for a new code.', { exact: false }).waitFor();
    expect(await locked.textContent()).not.toMatch(/try again in/);
    await screenshot(phone, 'join-code-locked-en');
    await context.close();
  }, 600_000);
});
