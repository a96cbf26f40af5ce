import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUSY_MS } from '../support/hubHarness.js';
import { seriousA11yProblems } from './support/look.js';
import { hubSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// The reference-case library's console pages in Chromium, by keyboard, against a real hub: a judge
// opens the library from the console's header, writes a case with script in every field (shown as
// text, never run), edits and publishes it; axe finds nothing serious on either page, in zh-CN
// and en. Screenshots: test-results/screenshots/console-reference-cases-*.png.

const suite = hubSuite();
const XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

async function judgePage(lang: 'zh' | 'en'): Promise<Page> {
  const context = await suite.browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(BUSY_MS);
  await page.goto(`${suite.stack.url}/console`);
  await page.locator('#username').waitFor();
  await page.keyboard.type('judge');
  await page.keyboard.press('Tab');
  await page.keyboard.type(suite.stack.hub.initialPasswords.get('judge')!);
  await page.keyboard.press('Enter');
  await page.locator('header .who form[action="/console/logout"]').waitFor();
  return page;
}

/** Focuses a field by keyboard-reachable label and types into it. */
async function type(page: Page, id: string, text: string): Promise<void> {
  await page.locator(`#${id}`).focus();
  await page.keyboard.insertText(text);
}

async function look(page: Page, name: string): Promise<void> {
  expect(await seriousA11yProblems(page, name)).toEqual([]);
  await screenshot(page, `console-reference-cases-${name}`);
}

describe('the reference-case library in the console', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`writes, edits and publishes a case by keyboard, every field inert (${lang})`, async () => {
      const page = await judgePage(lang);
      const link = page.locator('header nav a[href="/console/reference-cases"]');
      await link.focus();
      await page.keyboard.press('Enter');
      await page.locator('form[action="/console/reference-cases/new"]').waitFor();
      await look(page, `${lang}-empty`);

      const title = `${lang === 'zh' ? '民间借贷分期还款案' : 'Instalments'}${XSS}`;
      await type(page, 'new-title', title);
      await type(page, 'new-titleEn', `Instalments ${XSS}`);
      await page.locator('#new-disputeType').selectOption('private_loan');
      for (const field of ['facts', 'factsEn', 'outcome', 'outcomeEn', 'legalBasis', 'legalBasisEn']) await type(page, `new-${field}`, `${field} ${XSS}`);
      await page.locator('form[action="/console/reference-cases/new"] button[type=submit]').focus();
      await page.keyboard.press('Enter');
      await page.locator('form.reference-form input[name=expectedVersion][value="1"]').waitFor({ state: 'attached' });
      expect(await page.locator('h2').textContent()).toContain(title);
      await look(page, `${lang}-edit`);

      await page.locator('#edit-outcome').fill(`${lang}: settled by instalments`);
      await page.locator('form.reference-form button[type=submit]').focus();
      await page.keyboard.press('Enter');
      await page.locator('form.reference-form input[name=expectedVersion][value="2"]').waitFor({ state: 'attached' });
      const publish = page.locator('form[action$="/publication"] button');
      await publish.focus();
      await page.keyboard.press('Enter');
      await page.locator('table [data-reference-case]').first().waitFor();
      await look(page, `${lang}-list`);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      await page.context().close();
    });
  }
});
