import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { deferrableFields } from '../../shared/application.js';
import { waitFor } from '../support/hubHarness.js';
import { kioskSuite } from './support/kioskSuite.js';
import { fillContactZh, fillIdentityZh, fillRestZh, signAndSubmit, startAsPerson, startShort } from './support/residents.js';
import { openFiledApplication } from './support/filedApplication.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { chooseClaim, fillField, next, tap, waitForStep, type Pinyin } from './support/wizard.js';

// Issue 15 item 7: a short path for the elderly. After the dispute type, three screens (who, what
// happened, what you want); the rest is asked by the mediator or staff. The same private-loan
// filing is made on both paths, counting every touch and every screen, and the figures are
// printed for BENCHMARKS.md. Then "talk to a person now" from a step, and back with the draft.

const suite = kioskSuite();
const py = (pinyin: string, pick: string): Pinyin => ({ pinyin, pick });

/** Counts touches (each touchstart: a tap, a key, a signature stroke) and the screens shown. */
function countTouchesAndScreens() {
  const w = window as unknown as { touches: number; screens: string[] };
  w.touches = 0;
  w.screens = [];
  window.addEventListener('touchstart', () => w.touches++, { capture: true });
  const look = () => {
    const step = document.querySelector('[data-step]')?.getAttribute('data-step') ?? (document.querySelector('[data-testid="receipt"]') ? 'receipt' : null);
    if (step && w.screens.at(-1) !== step) w.screens.push(step);
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-step'] });
}
const counted = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { touches: number; screens: string[] };
    return { touches: w.touches, screens: [...w.screens] };
  });

/** home → receipt on the short path: the same loan, the same words for what happened and what they want. */
async function fileShort(page: Page): Promise<void> {
  await startShort(page);
  await fillField(page, 'applicant.name', [py('wang', '王'), py('jianguo', '建国')]);
  await fillField(page, 'applicant.mobile', '13812345678');
  await fillField(page, 'respondents.0.name', [py('li', '李'), py('si', '四')]);
  await next(page, 'facts');
  await fillField(page, 'facts', [py('jiegei', '借给'), py('linju', '邻居'), '5', py('wanyuan', '万元'), py('zhijin', '至今'), py('bu', '不'), py('huan', '还')]);
  await next(page, 'claims');
  // what they want by its button, the amount on the number pad (the full form's filing types it)
  await chooseClaim(page, 'repayLoan', '50000');
  await next(page, 'review');
  await signAndSubmit(page);
}

describe("the elderly's short path", () => {
  it('files a private loan in far fewer taps and screens than the full form, and the court sees the rest as "to be asked"', async () => {
    const url = withQuery(suite.stack.kioskUrl, '?receiptMs=300000');
    const full = await kioskPage(suite.browser, url, undefined, 'home', countTouchesAndScreens);
    await startAsPerson(full.page);
    await fillIdentityZh(full.page);
    await fillContactZh(full.page);
    await next(full.page, 'agent');
    await fillRestZh(full.page);
    await signAndSubmit(full.page);
    const fullCount = await counted(full.page);
    await full.context.close();

    const short = await kioskPage(suite.browser, url, undefined, 'home', countTouchesAndScreens);
    await fileShort(short.page);
    const shortCount = await counted(short.page);
    const provisional = (await short.page.getByTestId('provisional-number').textContent()) ?? '';
    await short.context.close();

    console.log(`bench: taps_full ${fullCount.touches}`);
    console.log(`bench: taps_short ${shortCount.touches}`);
    console.log(`bench: screens_full ${fullCount.screens.length}`);
    console.log(`bench: screens_short ${shortCount.screens.length}`);
    expect(shortCount.screens).toEqual(['preferences', 'privacy', 'onlineConsent', 'disputeType', 'shortWho', 'facts', 'claims', 'review', 'signature', 'receipt']);
    // "Well under half of today's taps" (issue 15).
    expect(shortCount.touches).toBeLessThan(fullCount.touches / 2);

    // The court received it whole, with what was left for later listed, and shows it as such.
    await waitFor(async () => (await suite.stack.hub.intakes()).length >= 2, 'delivery of both filings');
    const filed = (await suite.stack.hub.intakes()).map((i) => JSON.parse(i.application_json) as { deferred?: string[]; applicant: { name: string }; claims: string[] });
    // the claim typed on the full form and the one its button wrote on the short path are the same words
    expect(filed.map((a) => a.claims)).toEqual([['归还借款50000元'], ['归还借款50000元']]);
    expect(filed.filter((a) => a.deferred).map((a) => a.deferred)).toEqual([[...deferrableFields]]);
    const staff = await openFiledApplication(suite.browser, suite.stack, provisional);
    const page = await staff.locator('body').innerText();
    expect(page).toContain('王建国');
    expect(page.match(/待询问/g)?.length).toBeGreaterThanOrEqual(deferrableFields.length);
    await screenshot(staff, 'hub-console-short-application');
    // the case page's parties say the same, not "—" (which reads as none): in the browser's English, then through the switch in Chinese
    await staff.locator('a[href^="/console/cases/"]').first().click();
    await staff.getByRole('heading', { name: 'Parties' }).waitFor();
    expect(await staff.locator('.to-be-asked').allInnerTexts()).toEqual(['To be asked', 'To be asked', 'To be asked']);
    await screenshot(staff, 'hub-console-short-case-en');
    await staff.locator('header form[action="/console/language"] button').click();
    await staff.getByRole('heading', { name: '当事人' }).waitFor();
    expect(await staff.locator('.to-be-asked').allInnerTexts()).toEqual(['待询问', '待询问', '待询问']);
    await screenshot(staff, 'hub-console-short-case');
    await staff.close();
  });

  it("claims no number of steps on the first screen until a path is chosen, then the chosen one's", async () => {
    // "第 1 步，共 16 步" on the screen that offers the 9-step short path told an elderly resident the long one (s18 walk)
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await tap(page, 'elderly-toggle');
    await tap(page, 'home-file-button');
    await waitForStep(page, 'preferences');
    const progress = page.getByTestId('step-progress');
    expect(await progress.textContent()).toBe('第 1 步');
    await tap(page, 'pref-short');
    await expect.poll(() => progress.textContent()).toBe('第 1 步，共 9 步');
    await tap(page, 'pref-full');
    await expect.poll(() => progress.textContent()).toBe('第 1 步，共 16 步');
    await context.close();
  });

  it('talks to a person from any step and comes back to it with the draft', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await startShort(page);
    await fillField(page, 'applicant.mobile', '13812345678');
    await tap(page, 'talk-to-person');
    await page.getByTestId('call-consent').waitFor();
    await tap(page, 'call-consent-back');
    await waitForStep(page, 'shortWho');
    expect(await page.getByTestId('field-applicant.mobile').inputValue()).toBe('13812345678');
    await context.close();
  });
});
