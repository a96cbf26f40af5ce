import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { kioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot } from './support/stack.js';
import { tap, typeOnKeyboard } from './support/wizard.js';

// Issue 15's walk, check-my-case as a 70-year-old finds it at 1280×800 in elderly English: the
// other party's name field lies below the fold, so the "more below" band says so (every resident
// screen that scrolls shows it: renderer/ui/ScrollArea.tsx), and after a refused "open" the name's
// error is brought into view (renderer/ui/firstProblem.ts): a resident who only touches never
// scrolls by accident. Screenshots: test-results/screenshots/scrolling-*.png.

const suite = kioskSuite();
const LANDSCAPE = { width: 1280, height: 800 };

/** `testId` lies wholly inside the visible part of the scrolling area `area` (not under the band, bar or keyboard). */
function inView(page: Page, testId: string, area: string): Promise<boolean> {
  return page.evaluate(
    ([id, selector]) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      const box = el?.getBoundingClientRect();
      const view = document.querySelector(selector)!.getBoundingClientRect();
      return box !== undefined && box.height > 0 && box.top >= view.top && box.bottom <= view.bottom;
    },
    [testId, area] as const,
  );
}

/** A new resident at a 1280×800 kiosk, in English and elderly mode, at home. */
async function elderlyEnglishHome(): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await kioskPage(suite.browser, suite.stack.kioskUrl, LANDSCAPE);
  await tap(opened.page, 'lang-en');
  await tap(opened.page, 'elderly-toggle');
  await opened.page.locator('.kiosk.elderly').waitFor();
  return opened;
}

async function elderlyEnglishCheckCase(page: Page): Promise<void> {
  await tap(page, 'home-check-case');
  await page.getByTestId('check-case').waitFor();
}

/** The rest of a well-formed provisional number after this kiosk's part, on the number pad. */
async function completeNumber(page: Page): Promise<void> {
  await page.getByTestId('field-check.provisionalNumber').tap();
  await page.locator('[data-testid="keyboard"][data-pad="reference"]').waitFor();
  await typeOnKeyboard(page, '2612050001');
  await tap(page, 'key-done');
  await page.getByTestId('keyboard').waitFor({ state: 'detached' });
}

/** Taps "more below" under the scrolling area `area` until its end is reached (the band's button goes). */
async function tapMoreBelowToTheEnd(page: Page, area: string): Promise<void> {
  const more = page.getByTestId('more-below');
  for (let i = 0; i < 10 && (await more.count()) > 0; i++) {
    const before = await page.evaluate((selector) => document.querySelector(selector)!.scrollTop, area);
    await tap(page, 'more-below');
    // the band's button gone (the end reached), or the area moved and came to rest (the same at two polls)
    await page.waitForFunction(
      ([selector, top]) => {
        const w = window as unknown as { lastTop?: number };
        const now = document.querySelector(selector)!.scrollTop;
        const still = now !== top && w.lastTop === now;
        w.lastTop = now;
        return still || !document.querySelector('[data-testid="more-below"]');
      },
      [area, before] as const,
      { polling: 100 },
    );
  }
  await more.waitFor({ state: 'detached' });
}

describe('check-my-case at 1280×800, elderly English', () => {
  it("says there is more below the other party's first field, and brings the name's error into view", async () => {
    const { context, page } = await elderlyEnglishHome();
    await elderlyEnglishCheckCase(page);
    await tap(page, 'check-case-party');
    await page.getByTestId('check-case-party-submit').waitFor();
    await completeNumber(page);
    expect(await inView(page, 'field-check.partyName', '.check-case-scroll'), 'the name field is below the fold').toBe(false);
    // Its fields are Tab stops: the area is not one more, unnamed, before them.
    expect(await page.locator('.check-case-scroll').getAttribute('tabindex'), "the area's Tab stop").toBe('-1');
    const more = page.getByTestId('more-below');
    await more.waitFor();
    expect((await more.boundingBox())!.height, 'more-below height').toBeGreaterThanOrEqual(72);
    await settled(page);
    await screenshot(page, 'scrolling-check-case-party-1280x800-en-elderly');

    // "Open" with the number but no name and no ID ending: the name's error is the first problem, in view.
    await tap(page, 'check-case-party-submit');
    await page.getByTestId('error-check.partyName').waitFor();
    await expect.poll(() => inView(page, 'error-check.partyName', '.check-case-scroll'), { message: 'the name error in view' }).toBe(true);
    expect(await inView(page, 'field-check.partyName', '.check-case-scroll'), 'its field in view').toBe(true);
    await settled(page);
    await screenshot(page, 'scrolling-check-case-party-error-1280x800-en-elderly');
    await context.close();
  });

  it("brings the phone's error into view after a refused check", async () => {
    const { context, page } = await elderlyEnglishHome();
    await elderlyEnglishCheckCase(page);
    await completeNumber(page);
    await tap(page, 'check-case-submit');
    await page.getByTestId('error-check.mobile').waitFor();
    await expect.poll(() => inView(page, 'error-check.mobile', '.check-case-scroll'), { message: 'the phone error in view' }).toBe(true);
    await context.close();
  });
});

describe('the call consent card at 1280×800, elderly English', () => {
  it('shows the band while its last point is below the fold, and the band brings it into view', async () => {
    const { context, page } = await elderlyEnglishHome();
    await tap(page, 'call-mediator-button');
    await page.getByTestId('call-consent').waitFor();
    await settled(page);
    await screenshot(page, 'scrolling-call-consent-1280x800-en-elderly');
    // At this size and type the card's last point lies below the fold (else this test shows nothing).
    const hidden = await page.getByTestId('call-consent-card').evaluate((card) => card.scrollHeight - card.scrollTop - card.clientHeight > 24);
    expect(hidden, 'the consent card overflows').toBe(true);
    expect(await page.getByTestId('more-below').count(), 'the band shows while something is hidden').toBe(1);
    await tapMoreBelowToTheEnd(page, '.call-card');
    await context.close();
  });
});
