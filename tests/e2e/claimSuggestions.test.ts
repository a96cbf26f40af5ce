import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeApplication } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { waitFor } from '../support/hubHarness.js';
import { kioskSuite } from './support/kioskSuite.js';
import { signAndSubmit, startShort } from './support/residents.js';
import { kioskPage, screenshot } from './support/stack.js';
import { fillField, next, tap, tapClaimAmount, typeOnKeyboard, type Pinyin } from './support/wizard.js';

// Issue 15 item 7: the dispute type's common claims as big buttons on the "what do you want" step.
// A resident taps "归还借款", gives the amount on the number pad, edits what the button wrote with
// the keyboard, and the court receives the plain claim text. Then the step in both orientations,
// both modes and both languages, with a look at what an elderly resident could miss.

const suite = kioskSuite();
const py = (pinyin: string, pick: string): Pinyin => ({ pinyin, pick });

const claimValue = (page: Page, i: number) => page.getByTestId(`field-claims.${i}`).inputValue();

describe('common claims as buttons', () => {
  it('writes 归还借款 and its amount at a tap, lets the resident edit and remove it, and the court receives the text', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await startShort(page);
    await fillField(page, 'applicant.name', [py('wang', '王'), py('jianguo', '建国')]);
    await fillField(page, 'applicant.mobile', '13812345678');
    await fillField(page, 'respondents.0.name', [py('li', '李'), py('si', '四')]);
    await next(page, 'facts');
    await fillField(page, 'facts', [py('jiekuan', '借款'), py('bu', '不'), py('huan', '还')]);
    await next(page, 'claims');

    // the private loan's claims, each an accessible button
    await page.getByRole('button', { name: /归还借款/ }).waitFor();
    expect(await page.locator('[data-testid^="claim-suggestion-"]').count()).toBe(3);

    // "归还借款": the amount on the number pad, then written into the empty first box
    await tap(page, 'claim-suggestion-repayLoan');
    await page.getByTestId('claim-amount').waitFor();
    expect(await page.locator('#claim-amount-title').textContent()).toBe('归还借款：多少元？');
    await tapClaimAmount(page, '50000');
    await tap(page, 'claim-amount-write');
    await page.getByTestId('claim-amount').waitFor({ state: 'detached' });
    expect(await claimValue(page, 0)).toBe('归还借款50000元');
    await page.locator('[data-testid="claim-suggestion-repayLoan"][aria-pressed="true"]').waitFor();
    // the box it wrote into is brought into sight (at 1280×800 it starts below the fold)
    await page.waitForFunction(() => {
      const box = document.querySelector('[data-path="claims.0"]')!.getBoundingClientRect();
      const area = document.querySelector('.step-scroll')!.getBoundingClientRect();
      return box.top >= area.top && box.bottom <= area.bottom;
    });
    await screenshot(page, 'claims-suggestions-written-zh-CN-standard-1280x800');

    // tapped again: nothing doubled, nothing asked
    await tap(page, 'claim-suggestion-repayLoan');
    expect(await page.locator('[data-testid^="field-claims."]').count()).toBe(1);
    expect(await page.getByTestId('claim-amount').count()).toBe(0);

    // "支付利息": a limit said in words, not cut silently; then left without an amount, in a new box
    await tap(page, 'claim-suggestion-payInterest');
    await tapClaimAmount(page, '1234567890');
    await page.getByTestId('claim-amount').getByTestId('key-1').tap();
    await page.getByTestId('claim-amount-limit').waitFor();
    expect(await page.getByTestId('claim-amount-value').getAttribute('data-digits')).toBe('1234567890');
    await tap(page, 'claim-amount-skip');
    await page.getByTestId('claim-amount').waitFor({ state: 'detached' });
    expect(await claimValue(page, 1)).toBe('支付利息');

    // the resident's own words are never written over: a third button goes into a new box
    await tap(page, 'claim-suggestion-repayDate');
    await page.getByTestId('field-claims.2').waitFor();
    expect([await claimValue(page, 0), await claimValue(page, 1), await claimValue(page, 2)]).toEqual(['归还借款50000元', '支付利息', '约定还款时间']);

    // edit what the button wrote: the amount becomes 60000 (caret before 元, five digits out, five in)
    await tap(page, 'field-claims.0');
    await page.getByTestId('keyboard').waitFor();
    await page.getByTestId('key-right').tap(); // wherever the tap put the caret, the end is a few keys away
    for (let i = 0; i < 12; i++) await page.getByTestId('key-right').tap();
    await page.getByTestId('key-left').tap();
    for (let i = 0; i < 5; i++) await page.getByTestId('key-backspace').tap();
    await typeOnKeyboard(page, '60000');
    await tap(page, 'key-done');
    await page.getByTestId('keyboard').waitFor({ state: 'detached' });
    expect(await claimValue(page, 0)).toBe('归还借款60000元');
    // still the loan button's claim: still shown as chosen
    await page.locator('[data-testid="claim-suggestion-repayLoan"][aria-pressed="true"]').waitFor();

    // and removed: the interest claim goes, its button can be used again
    await tap(page, 'remove-claim-1');
    await page.locator('[data-testid="claim-suggestion-payInterest"][aria-pressed="false"]').waitFor();
    expect([await claimValue(page, 0), await claimValue(page, 1)]).toEqual(['归还借款60000元', '约定还款时间']);

    await next(page, 'review');
    await signAndSubmit(page);
    await context.close();
    await waitFor(async () => (await suite.stack.hub.intakes()).length >= 1, 'the filing reaches the court');
    const [intake] = await suite.stack.hub.intakes();
    expect((JSON.parse(intake!.application_json) as { claims: string[] }).claims).toEqual(['归还借款60000元', '约定还款时间']);
  });

  it('says why the unused buttons are greyed when every claim box is written, and lets them write again once one is removed', async () => {
    const ten = Array.from({ length: 10 }, (_, i) => `请求事项${i + 1}`);
    await seedDraft(suite.stack, { step: 'claims', elderly: true, language: 'zh-CN', application: { ...completeApplication(), claims: ten } });
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, { width: 1280, height: 800 }, 'claims');
    await page.getByTestId('claim-suggestions-full').waitFor();
    expect(await page.getByTestId('claim-suggestions-full').textContent()).toBe('已经写满 10 项请求。要再写一项，请先删除一项。');
    expect(await page.getByTestId('claim-suggestion-repayLoan').isDisabled()).toBe(true);
    await screenshot(page, 'claims-suggestions-full-zh-CN-elderly-1280x800');
    // one removed: the words go and the buttons write again
    await tap(page, 'remove-claim-9');
    await page.getByTestId('claim-suggestions-full').waitFor({ state: 'detached' });
    expect(await page.getByTestId('claim-suggestion-repayLoan').isDisabled()).toBe(false);
    await context.close();
  });

  it('shows the step fit for an elderly resident at 1280×800 and 1080×1920, standard and elderly, in Chinese and English', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1080, height: 1920 },
    ]) {
      for (const elderly of [false, true]) {
        for (const language of ['zh-CN', 'en'] as const) {
          const written = language === 'en' ? 'Repay the loan: 50000 yuan' : '归还借款50000元';
          await seedDraft(suite.stack, { step: 'claims', elderly, language, application: { ...completeApplication(), claims: [written] } });
          const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, viewport, 'claims');
          const name = `claims-suggestions-${language}-${elderly ? 'elderly' : 'standard'}-${viewport.width}x${viewport.height}`;
          await page.locator('[data-testid="claim-suggestion-repayLoan"][aria-pressed="true"]').waitFor();
          await page.locator('[data-testid="claim-suggestion-payInterest"][aria-pressed="false"]').waitFor();
          // big targets, words whole inside them, nothing wider than the screen
          const boxes = await page
            .locator('[data-testid^="claim-suggestion-"]')
            .evaluateAll((els) => els.map((e) => ({ height: e.getBoundingClientRect().height, right: e.getBoundingClientRect().right, clipped: e.scrollWidth > e.clientWidth + 1 })));
          const touch = elderly ? 80 : 64;
          for (const b of boxes) {
            expect(b.height, name).toBeGreaterThanOrEqual(touch * 1.4 - 1);
            expect(b.right, name).toBeLessThanOrEqual(viewport.width);
            expect(b.clipped, name).toBe(false);
          }
          await screenshot(page, name);

          // the amount question: every key and every answer on the screen, none under the fold
          await tap(page, 'claim-suggestion-payInterest');
          await page.getByTestId('claim-amount').waitFor();
          for (const id of ['key-1', 'key-0', 'key-backspace', 'claim-amount-write', 'claim-amount-skip', 'claim-amount-cancel']) {
            const box = await page.getByTestId('claim-amount').getByTestId(id).boundingBox();
            expect(box, `${name} ${id}`).not.toBeNull();
            expect(box!.y + box!.height, `${name} ${id}`).toBeLessThanOrEqual(viewport.height);
            expect(box!.height, `${name} ${id}`).toBeGreaterThanOrEqual(56);
          }
          await tapClaimAmount(page, '3000');
          await screenshot(page, `${name}-amount`);
          await tap(page, 'claim-amount-cancel');
          await page.getByTestId('claim-amount').waitFor({ state: 'detached' });
          expect(await page.locator('[data-testid^="field-claims."]').count()).toBe(1);
          await context.close();
        }
      }
    }
  });
});
