import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, BUSY_MS } from '../support/hubHarness.js';
import { signInByKeyboard } from './support/consolePages.js';
import { hubSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// English text on the hub's pages draws its quotes and apostrophes in proportional forms ("the
// party’s call"), not as the CJK font's full-width glyphs: the rule is in the one stylesheet every
// hub page carries (server/web/hubType.ts, joined onto the palette), as the kiosk's is in renderer/styles/global.css.
// Measured on the console's home in a staff member's English browser ("Judge’s assistant").

const suite = hubSuite();

/** Each ’ in English text on the page: its width in ems of its text. */
function apostropheWidths(page: Page): Promise<Array<{ text: string; em: number }>> {
  return page.evaluate(() => {
    const found: Array<{ text: string; em: number }> = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const at = text.indexOf('’');
      const el = node.parentElement;
      if (at < 0 || !el?.closest('[lang="en"]')) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      found.push({ text: text.trim(), em: range.getBoundingClientRect().width / parseFloat(getComputedStyle(el).fontSize) });
    }
    return found;
  });
}

describe('an English apostrophe on the hub’s pages', () => {
  it('is drawn narrow, as in English type (the console in an English browser)', async () => {
    const context = await suite.browser.newContext({ locale: 'en-US', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(BUSY_MS);
    await page.goto(suite.stack.url + '/console');
    await signInByKeyboard(page, 'admin', ADMIN_PASSWORD);
    await screenshot(page, 'hub-english-apostrophe-console-en');
    const widths = await apostropheWidths(page);
    expect(widths.length, 'English text with an apostrophe on the page').toBeGreaterThan(0);
    for (const { text, em } of widths) expect(em, text).toBeLessThan(0.5);
    await context.close();
  });
});
