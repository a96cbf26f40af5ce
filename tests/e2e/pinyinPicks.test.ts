import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BUSY_MS } from '../support/hubHarness.js';
import { completeApplication } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { startShort } from './support/residents.js';
import { kioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { fillField, next, tap, type Pinyin } from './support/wizard.js';

// Issue 15 item 5, session 12, through the real keyboard: a word the resident picked once comes
// first the next time the same letters are typed, full pinyin or initials; abbreviated letters are
// composed into phrases; a word written whole with space or 完成 is learned like a pick; and the
// idle wipe that ends a resident's session forgets the picks (the next resident, on the same page,
// is offered the dictionary's order again).

const suite = kioskSuite();
const py = (pinyin: string, pick: string): Pinyin => ({ pinyin, pick });

/** Types letters on the open keyboard and waits until the bar shows candidates for all of them. */
async function letters(page: Page, text: string): Promise<void> {
  for (const k of text) await page.getByTestId('keyboard').getByTestId(`key-${k}`).tap({ force: true });
  await page
    .locator('[data-testid="candidate-pinyin"]:not(.is-hint)')
    .filter({ hasText: text.slice(-1) })
    .waitFor({ timeout: BUSY_MS });
  await page.getByTestId('candidate-0').waitFor({ timeout: BUSY_MS });
}
const first = (page: Page) => page.getByTestId('candidate-0').getAttribute('data-candidate');

/** Deletes the pending letters (the composition), leaving the answer as it was. */
async function dropLetters(page: Page): Promise<void> {
  while ((await page.locator('[data-testid="candidate-pinyin"].is-hint').count()) === 0) await page.getByTestId('key-backspace').first().tap();
}

describe("the resident's own picks", () => {
  it('offers a picked word first for the same letters, full or initials, and forgets it when the session is wiped', async () => {
    const app = completeApplication();
    app.facts = '';
    await seedDraft(suite.stack, { step: 'facts', application: app });
    // The idle wipe is driven by the page's clock, never raced by real time: its waits are long (no
    // resident is wiped mid-tap on a loaded machine), and the walk-away below jumps over them.
    const idleMs = 600_000;
    const warnMs = 20_000;
    const { page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, `?idleMs=${idleMs}&warnMs=${warnMs}`), undefined, 'facts');
    await page.clock.install();
    await page.clock.resume();
    const facts = page.getByTestId('field-facts');
    await facts.tap();
    await page.getByTestId('keyboard').waitFor();

    // The dictionary's order: "qk" is 情况 first (two initials name hundreds of words).
    await letters(page, 'qk');
    const before = await first(page);
    expect(before).not.toBe('欠款');
    await dropLetters(page);
    // The resident writes 欠款 in full pinyin and picks it.
    await letters(page, 'qiankuan');
    await page.locator('[data-testid="candidate-bar"] [data-candidate="欠款"]').first().tap();
    await expect.poll(() => facts.inputValue(), { timeout: BUSY_MS }).toBe('欠款');
    // The second time, initials are enough: 欠款 is first, one tap.
    await letters(page, 'qk');
    await expect.poll(() => first(page), { timeout: BUSY_MS }).toBe('欠款');
    await settled(page);
    await screenshot(page, 'zh-CN-pinyin-pick-first');
    await tap(page, 'candidate-0');
    await expect.poll(() => facts.inputValue(), { timeout: BUSY_MS }).toBe('欠款欠款');
    // Abbreviated letters mixed with syllables are composed: 民间 + jd.
    await letters(page, 'minjianjd');
    expect(await first(page)).toMatch(/^民间[\u4e00-\u9fff]{2}$/);
    expect(await page.getByTestId('candidate-pinyin').textContent()).toBe('min jian j d');
    await settled(page);
    await screenshot(page, 'zh-CN-pinyin-composed-initials');
    await dropLetters(page);
    await tap(page, 'key-done');
    await page.getByTestId('keyboard').waitFor({ state: 'detached' });

    // The resident walks away: the idle wipe ends the session, on this same page. The warning's
    // countdown starts when it shows, so the clock jumps past each wait in turn.
    await page.clock.fastForward(idleMs);
    await page.getByTestId('idle-warning').waitFor({ timeout: BUSY_MS });
    await page.clock.fastForward(warnMs);
    await page.getByTestId('home-file-button').waitFor({ timeout: BUSY_MS });

    // The next resident (same page, no reload) reaches a free-text answer on the short path.
    await startShort(page);
    await fillField(page, 'applicant.name', [py('li', '李'), py('si', '四')]);
    await fillField(page, 'applicant.mobile', '13812345678');
    await fillField(page, 'respondents.0.name', [py('wang', '王'), py('wu', '五')]);
    await next(page, 'facts');
    await page.getByTestId('field-facts').tap();
    await page.getByTestId('keyboard').waitFor();
    await letters(page, 'qk');
    expect(await first(page)).toBe(before);
  });

  it('learns a word written whole with the space key or 完成 (no candidate tapped) as it learns a pick', async () => {
    const app = completeApplication();
    app.facts = '';
    await seedDraft(suite.stack, { step: 'facts', application: app });
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'facts');
    const facts = page.getByTestId('field-facts');
    await facts.tap();
    await page.getByTestId('keyboard').waitFor();
    // The dictionary's order: "fz" is 发展 first, "gz" 工作.
    await letters(page, 'fz');
    expect(await first(page)).not.toBe('房租');
    await dropLetters(page);
    await letters(page, 'gz');
    expect(await first(page)).not.toBe('工资');
    await dropLetters(page);
    // 房租 in full pinyin, ended with the space key: its letters' first word, written, and learned.
    await letters(page, 'fangzu');
    await page.getByTestId('keyboard').getByTestId('key-space').tap({ force: true });
    await expect.poll(() => facts.inputValue(), { timeout: BUSY_MS }).toBe('房租');
    await letters(page, 'fz');
    await expect.poll(() => first(page), { timeout: BUSY_MS }).toBe('房租');
    await dropLetters(page);
    // 工资 ended with 完成, the keyboard closed: learned too, for the next time it opens.
    await letters(page, 'gongzi');
    await tap(page, 'key-done');
    await page.getByTestId('keyboard').waitFor({ state: 'detached' });
    expect(await facts.inputValue()).toBe('房租工资');
    await facts.tap();
    await page.getByTestId('keyboard').waitFor();
    await letters(page, 'gz');
    await expect.poll(() => first(page), { timeout: BUSY_MS }).toBe('工资');
    await context.close();
  });

  it('looks right on the other screens: elderly portrait (zh-CN) and elderly landscape (en, pinyin switched on)', async () => {
    const app = completeApplication();
    app.facts = '';
    await seedDraft(suite.stack, { step: 'facts', application: app, elderly: true });
    const portrait = await kioskPage(suite.browser, suite.stack.kioskUrl, { width: 1080, height: 1920 }, 'facts');
    await portrait.page.getByTestId('field-facts').tap();
    await portrait.page.getByTestId('keyboard').waitFor();
    await letters(portrait.page, 'ldzhongcai');
    expect(await first(portrait.page)).toBe('劳动仲裁');
    await settled(portrait.page);
    await screenshot(portrait.page, 'zh-CN-elderly-portrait-pinyin-composed');
    await portrait.context.close();

    await seedDraft(suite.stack, { step: 'facts', application: app, elderly: true, language: 'en' });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, { width: 1920, height: 1080 }, 'facts');
    await page.getByTestId('field-facts').tap();
    await page.getByTestId('keyboard').waitFor();
    await page.getByTestId('key-mode').tap();
    await page.locator('[data-testid="keyboard"][data-mode="pinyin"]').waitFor();
    await letters(page, 'qiankuan');
    await page.locator('[data-testid="candidate-bar"] [data-candidate="欠款"]').first().tap();
    await letters(page, 'qk');
    await expect.poll(() => first(page), { timeout: BUSY_MS }).toBe('欠款');
    await settled(page);
    await screenshot(page, 'en-elderly-landscape-pinyin-pick-first');
  });
});
