import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeApplication } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot } from './support/stack.js';
import { tap } from './support/wizard.js';

// It looks like the court's own terminal (issue 15, item 8): the court's name and emblem and the
// date and time in the top bar, pictograms on the dispute-type tiles, a home screen that fills a
// portrait display as well as a landscape one with nothing under the status line, an elderly
// mode that makes every label larger (the home screen's main button included), and a pinyin hint
// shown whole. Screenshots of each screen at the three displays, standard and elderly, zh-CN/en.

const suite = kioskSuite();

const displays = [
  { name: '1280x800', width: 1280, height: 800 },
  { name: '1080x1920', width: 1080, height: 1920 },
  { name: '1920x1080', width: 1920, height: 1080 },
];
const courtNames = { 'zh-CN': '兰州市七里河区人民法院', en: "Qilihe District People's Court, Lanzhou" };

async function choose(page: Page, language: 'zh-CN' | 'en', elderly: boolean) {
  if (language === 'en') await tap(page, 'lang-en');
  if (elderly) await tap(page, 'elderly-toggle');
  await settled(page);
}

const box = async (page: Page, testId: string) => {
  const b = await page.getByTestId(testId).boundingBox();
  if (!b) throw new Error(`${testId} is not on screen`);
  return b;
};
const fontPx = (page: Page, testId: string) => page.getByTestId(testId).evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

describe("the court's own terminal", () => {
  for (const display of displays) {
    it(`home at ${display.name}: court name, emblem, clock; fills the screen; elderly makes the main button larger`, async () => {
      const sizes: Record<string, { height: number; font: number }> = {};
      for (const language of ['zh-CN', 'en'] as const) {
        for (const elderly of [false, true]) {
          const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, display);
          await choose(page, language, elderly);
          // The court's name comes with the terminal's settings from the hub: wait for it, not for a time.
          await expect.poll(() => page.getByTestId('court-name').textContent()).toBe(courtNames[language]);
          // Taken before the checks, so a failing look can be seen.
          await screenshot(page, `court-home-${display.name}-${language}${elderly ? '-elderly' : ''}`);
          // The name is shown in every mode, beside the clock and not under it, and keeps the bar no
          // taller than its buttons need (elderly mode at 1280×800 once hid it for want of room).
          const name = await box(page, 'court-name');
          const clock = await box(page, 'topbar-clock');
          const staff = await box(page, 'ask-staff');
          const bar = await page.locator('.topbar').boundingBox();
          expect(name.x + name.width, 'court name beside the clock').toBeLessThanOrEqual(clock.x);
          expect(name.y + name.height, 'court name inside the top bar').toBeLessThanOrEqual(bar!.y + bar!.height);
          // (A portrait display puts the buttons on a second row of the bar by design.)
          if (display.width > display.height) expect(bar!.height, 'top bar height').toBeLessThanOrEqual(staff.height + 48);
          // Whole, not clamped (a clamped line would hide 20 px or more; a glyph may overhang a few).
          const lines = await page.getByTestId('court-name').evaluate((el) => ({ shown: el.clientHeight, needed: el.scrollHeight }));
          expect(lines.needed, `court name whole (${language}${elderly ? ' elderly' : ''})`).toBeLessThanOrEqual(lines.shown + 10);
          expect(await page.getByTestId('court-emblem').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
          expect(await page.getByTestId('topbar-clock').innerText()).toMatch(/\d{2}:\d{2}/);
          // Nothing of the home screen is under the status line or off the screen.
          const status = await page.locator('.statusbar').boundingBox();
          const more = await box(page, 'home-check-case');
          expect(more.y + more.height).toBeLessThanOrEqual(status!.y);
          // The content spans the screen's height, not a band in its middle.
          const title = await page.locator('#home-title').boundingBox();
          expect(more.y + more.height - title!.y, 'home content height').toBeGreaterThan((status!.y - 100) * 0.55);
          const hero = await box(page, 'home-file-button');
          sizes[`${language}/${elderly}`] = { height: hero.height, font: await fontPx(page, 'home-file-button') };
          await page.context().close();
        }
        const standard = sizes[`${language}/false`]!;
        const elderly = sizes[`${language}/true`]!;
        expect(elderly.font, 'elderly main button font').toBeGreaterThan(standard.font);
        expect(elderly.height, 'elderly main button height').toBeGreaterThanOrEqual(standard.height);
      }
    });

    it(`dispute-type tiles with pictograms at ${display.name}, standard and elderly, zh-CN and en`, async () => {
      for (const language of ['zh-CN', 'en'] as const) {
        for (const elderly of [false, true]) {
          await seedDraft(suite.stack, { step: 'disputeType', language, elderly, application: { ...completeApplication(), disputeType: 'private_loan' } });
          const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, display, 'disputeType');
          expect(await page.locator('.dispute-option svg.dispute-pictogram').count()).toBe(13);
          const picture = await page.locator('[data-testid="dispute-labour"] svg').boundingBox();
          expect(picture!.width).toBeGreaterThanOrEqual(elderly ? 50 : 40);
          await settled(page);
          await screenshot(page, `court-dispute-types-${display.name}-${language}${elderly ? '-elderly' : ''}`);
          await page.context().close();
        }
      }
    });
  }

  it('shows the pinyin hint whole, standard and elderly', async () => {
    for (const elderly of [false, true]) {
      await seedDraft(suite.stack, { step: 'applicantIdentity', elderly, application: completeApplication() });
      const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'applicantIdentity');
      await page.getByTestId('field-applicant.address').first().count();
      await page.getByTestId('field-applicant.name').tap();
      const keyboard = page.getByTestId('keyboard');
      await keyboard.waitFor();
      if ((await keyboard.getAttribute('data-mode')) !== 'pinyin') await keyboard.getByTestId('key-mode').tap();
      const hint = page.getByTestId('candidate-pinyin');
      await page.locator('[data-testid="candidate-pinyin"].is-hint').waitFor();
      // Wait for the dictionary: the hint replaces "preparing…".
      await page.getByText('请按拼音输入，再点选汉字').waitFor();
      const cut = await hint.evaluate((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
      expect(cut).toBe(false);
      await settled(page);
      await screenshot(page, `court-pinyin-hint-1280x800-zh-CN${elderly ? '-elderly' : ''}`);
      await page.context().close();
    }
  });
});
