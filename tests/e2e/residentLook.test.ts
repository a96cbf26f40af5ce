import { describe, expect, it } from 'vitest';
import type { MediationApplicationDraft } from '../../shared/applicationDraft.js';
import { CONSENT_AT } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { looks, settled, sizes } from './support/look.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { drawSignature, next, tap } from './support/wizard.js';

// Issue 15's changed screens as a resident sees them, landscape 1280×800 and portrait 1080×1920,
// standard and elderly, Chinese and English: the home screen, the short path's screens and the
// receipt. Screenshots: test-results/screenshots/look-*.png.

const suite = kioskSuite();

const shortDraft = (): MediationApplicationDraft => ({
  shortPath: true,
  consents: { privacy: { accepted: true, at: CONSENT_AT }, onlineMediation: { accepted: true, at: CONSENT_AT } },
  disputeType: 'private_loan',
  applicant: { name: '王建国', mobile: '13812345678' },
  respondents: [{ kind: 'person', name: '李四' }],
  facts: '二〇二四年三月借给邻居李四五万元，说好一年后还，至今不还，电话也不接。',
  claims: ['归还借款50000元'],
});

describe('the home screen', () => {
  for (const size of sizes) {
    for (const look of looks) {
      const tag = `${size.name}-${look.language}${look.elderly ? '-elderly' : ''}`;
      it(`fills the display at ${tag}`, async () => {
        const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, size.viewport);
        if (look.language === 'en') await tap(page, 'lang-en');
        if (look.elderly) await tap(page, 'elderly-toggle');
        await settled(page);
        await screenshot(page, `look-home-${tag}`);
        // No empty band under the last button: the content reaches into the screen's lowest fifth.
        const band = await page.locator('.screen-home').evaluate((home) => {
          const last = [...home.children].filter((c) => c.getBoundingClientRect().height > 0).at(-1)!;
          return (home.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom) / home.getBoundingClientRect().height;
        });
        expect(band).toBeLessThan(0.2);
        await context.close();
      });
    }
  }
});

describe("the short path's who screen", () => {
  // The other side may be a company or a village committee: the intro and the name's hint say so.
  const says = {
    'zh-CN': { intro: '对方的姓名或单位名称', hint: '是公司或单位，写单位全称' },
    en: { intro: 'a person, a company or another organisation', hint: 'A company or organisation: its full name.' },
  };
  for (const size of sizes) {
    for (const look of looks) {
      const tag = `${size.name}-${look.language}${look.elderly ? '-elderly' : ''}`;
      it(`says a person or an organisation at ${tag}`, async () => {
        await seedDraft(suite.stack, { step: 'shortWho', language: look.language, elderly: look.elderly, application: shortDraft() });
        const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, size.viewport, 'shortWho');
        await page.locator('.screen-intro').filter({ hasText: says[look.language].intro }).waitFor();
        const hint = page.getByText(says[look.language].hint);
        await hint.waitFor();
        // below the fold in landscape: brought into view as a resident scrolls to it
        await hint.scrollIntoViewIfNeeded();
        await settled(page);
        await screenshot(page, `look-shortWho-who-${tag}`);
        await context.close();
      });
    }
  }
});

describe("a resident's view of the short path and the receipt", () => {
  // Portrait runs of these screens are not here yet (issue 15 follow-up).
  for (const size of sizes.slice(0, 1)) {
    for (const look of looks) {
      const tag = `${size.name}-${look.language}${look.elderly ? '-elderly' : ''}`;
      it(`shows them at ${tag}`, async () => {
        await seedDraft(suite.stack, { step: 'shortWho', language: look.language, elderly: look.elderly, application: shortDraft() });
        const { context, page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?receiptMs=300000'), size.viewport, 'shortWho');
        await settled(page);
        await screenshot(page, `look-shortWho-${tag}`);
        await next(page, 'facts');
        await settled(page);
        await screenshot(page, `look-shortFacts-${tag}`);
        await next(page, 'claims');
        await next(page, 'review');
        await settled(page);
        await screenshot(page, `look-shortReview-${tag}`);
        await next(page, 'signature');
        await drawSignature(page);
        await tap(page, 'next');
        await page.getByTestId('receipt-qr').waitFor();
        await page.getByTestId('receipt-print-message').filter({ hasText: /./ }).waitFor();
        await settled(page);
        await screenshot(page, `look-receipt-${tag}`);
        expect(await page.getByTestId('provisional-number').isVisible()).toBe(true);
        // The print notice is seen whole, above the button bar, not behind it.
        const notice = await page.getByTestId('receipt-print-message').boundingBox();
        const bar = await page.locator('.receipt-actions').boundingBox();
        expect(notice!.y + notice!.height).toBeLessThanOrEqual(bar!.y);
        await context.close();
      });
    }
  }
});
