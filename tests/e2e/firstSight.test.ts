import { describe, expect, it } from 'vitest';
import { completeApplication } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { gatedKioskSuite } from './support/kioskSuite.js';
import { displays, looks, settled } from './support/look.js';
import { expectStateInSight, statusOf } from './support/receiptSight.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { drawSignature, next, tap } from './support/wizard.js';

// What a resident sees first on the screens s18 changed, on every display kiosks have (1280×800,
// 1080×1920, 1920×1080), standard and elderly, Chinese and English: the receipt says where the
// filing is without scrolling, saved and then delivered; the first step claims no number of steps
// before a path is chosen; the facts field's count beside the keyboard reads as two whole lines.
// Screenshots: test-results/screenshots/sight18-*.png.

const { suite, gate } = gatedKioskSuite();

const cases = displays.flatMap((size) => looks.map((look) => ({ size, ...look, tag: `${size.name}-${look.language}${look.elderly ? '-elderly' : ''}` })));

describe('the receipt, where it opens', () => {
  for (const { size, language, elderly, tag } of cases) {
    it(`says where the filing is without scrolling, saved and then delivered, at ${tag}`, async () => {
      const g = gate();
      g.holding = true;
      try {
        await seedDraft(suite.stack, { step: 'review', reviewing: true, language, elderly, application: completeApplication() });
        const { context, page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?receiptMs=300000'), size.viewport, 'review');
        await next(page, 'signature');
        await drawSignature(page);
        await tap(page, 'next');
        await g.whenHeld();
        await statusOf(page, 'saved').waitFor();
        // the print's answer (no printer: the notice's longest words) is in too, the receipt at its top
        await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor();
        await settled(page);
        await expectStateInSight(page, 'saved');
        await screenshot(page, `sight18-receipt-saved-${tag}`);
        g.release();
        await statusOf(page, 'delivered').waitFor();
        await settled(page);
        await expectStateInSight(page, 'delivered');
        await screenshot(page, `sight18-receipt-delivered-${tag}`);
        await context.close();
      } finally {
        g.release();
      }
    });
  }
});

describe('the first step', () => {
  for (const { size, language, elderly, tag } of cases) {
    it(`claims no number of steps before a path is chosen, at ${tag}`, async () => {
      await seedDraft(suite.stack, { step: 'preferences', language, elderly, application: {} });
      const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, size.viewport, 'preferences');
      expect(await page.getByTestId('step-progress').textContent()).toBe(language === 'en' ? 'Step 1' : '第 1 步');
      await settled(page);
      await screenshot(page, `sight18-first-step-${tag}`);
      await context.close();
    });
  }
});

describe("the facts field's count beside the keyboard", () => {
  for (const { size, language, elderly, tag } of cases) {
    it(`reads as two whole lines at most, at ${tag}`, async () => {
      await seedDraft(suite.stack, { step: 'facts', language, elderly, application: { ...completeApplication(), facts: '' } });
      const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, size.viewport, 'facts');
      await tap(page, 'field-facts');
      const count = page.getByTestId('keyboard-count');
      await count.waitFor();
      await settled(page);
      const layout = await count.evaluate((el) => {
        const lineHeight = parseFloat(getComputedStyle(el).lineHeight);
        // each phrase ("已写 0 字，", "最多 10000 字") on one line of its own, never broken inside
        const phrases = [...el.querySelectorAll('.length-count-part')].map((part) => part.getClientRects().length);
        return { lines: Math.round(el.getBoundingClientRect().height / lineHeight), phrases };
      });
      expect(layout.lines, 'lines of the count').toBeLessThanOrEqual(2);
      expect(layout.phrases).toEqual([1, 1]);
      await screenshot(page, `sight18-facts-keyboard-${tag}`);
      await context.close();
    });
  }
});
