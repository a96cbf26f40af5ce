import { describe, expect, it } from 'vitest';
import { completeApplication } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { looks, settled, sizes } from './support/look.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { tap } from './support/wizard.js';

// Session 13's changed screens as a resident sees them, landscape 1280×800 and portrait 1080×1920,
// standard and elderly, Chinese and English: a name of digits and a wrong ID number (only the ID
// is flagged, not the sex and birth date it gives), the full path's "is that you again?" question
// in the same words as the short path's, and the idle warning's big answer. Screenshots:
// test-results/screenshots/look13-*.png.

const suite = kioskSuite();

const cases = sizes.flatMap((size) => looks.map((look) => ({ size, ...look, tag: `${size.name}-${look.language}${look.elderly ? '-elderly' : ''}` })));

describe("the applicant's identity, answered wrong", () => {
  for (const { size, language, elderly, tag } of cases) {
    it(`flags the name and the ID number only, at ${tag}`, async () => {
      const application = { ...completeApplication(), applicant: { kind: 'person', name: '123', idNumber: '620102195803120311' } };
      await seedDraft(suite.stack, { step: 'applicantIdentity', language, elderly, application });
      const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, size.viewport, 'applicantIdentity');
      await tap(page, 'next');
      await page.getByTestId('error-applicant.idNumber').waitFor();
      await page.getByTestId('error-applicant.name').waitFor();
      expect(await page.getByTestId('error-applicant.sex').count()).toBe(0);
      expect(await page.getByTestId('error-applicant.birthDate').count()).toBe(0);
      await page.getByTestId('field-applicant.birthDate').scrollIntoViewIfNeeded();
      await settled(page);
      await screenshot(page, `look13-identity-${tag}`);
      await context.close();
    });
  }
});

describe('the full path, when the other side looks like the applicant', () => {
  for (const { size, language, elderly, tag } of cases) {
    it(`asks in the short path's words at ${tag}`, async () => {
      const application = completeApplication();
      application.respondents = [{ kind: 'person', name: '王建国', mobile: '13812345678', address: '兰州市城关区庆阳路2号' }];
      await seedDraft(suite.stack, { step: 'respondents', language, elderly, application });
      const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, size.viewport, 'respondents');
      await tap(page, 'next');
      const same = page.getByTestId('error-respondents.0.name');
      await same.waitFor();
      const words = language === 'en' ? /other side/ : /对方/;
      expect(await same.textContent()).toMatch(words);
      expect(await page.locator('#respondent-0-title').textContent()).toMatch(words);
      expect(await page.locator('main').innerText()).not.toMatch(/被申请人|respondent|other party/i);
      await settled(page);
      await screenshot(page, `look13-same-party-${tag}`);
      await context.close();
    });
  }
});

describe('the idle warning', () => {
  for (const { size, language, elderly, tag } of cases) {
    it(`has one big answer at ${tag}`, async () => {
      await seedDraft(suite.stack, { step: 'applicantIdentity', language, elderly, application: completeApplication() });
      // Warns a second after the last touch (two in elderly mode) and keeps counting for minutes.
      const { context, page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?idleMs=1000&warnMs=600000'), size.viewport, 'applicantIdentity');
      const answer = page.getByTestId('idle-continue');
      await answer.waitFor();
      expect(await answer.textContent()).toBe(language === 'en' ? "I'm still here" : '我还在');
      const box = (await answer.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(119.5);
      expect(box.width).toBeGreaterThanOrEqual(size.viewport.width * 0.45);
      await settled(page);
      await screenshot(page, `look13-idle-${tag}`);
      await context.close();
    });
  }
});
