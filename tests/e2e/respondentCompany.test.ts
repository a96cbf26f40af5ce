import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PinyinEngine, type PinyinDictionary } from '../../renderer/ime/pinyinEngine.js';
import { BUSY_MS } from '../support/hubHarness.js';
import { completeApplication } from './support/applications.js';
import { agentDraft, seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot } from './support/stack.js';
import { tap } from './support/wizard.js';

// Issue 15 item 5, follow-up: the respondent of a wage or contract dispute is often a company.
// Its name typed in pinyin, through the real keyboard and the dictionary the page fetches: common
// words lead the composed names (gongsi is 公司, not 龚思), and a space or 完成 writes them.

const suite = kioskSuite();
const engine = new PinyinEngine(JSON.parse(readFileSync(new URL('../../renderer/ime/dictionary.json', import.meta.url), 'utf8')) as PinyinDictionary);
const FIELD = 'respondents.0.name';

/** The seeded filing, at the respondents' screen, the respondent a company whose name is `name` so far. */
function atRespondents(name?: string) {
  const app = completeApplication();
  app.respondents = [{ kind: 'organisation', ...(name ? { name } : {}), address: '兰州市城关区庆阳路2号' }];
  return app;
}

async function openName(page: Page): Promise<void> {
  await page.getByTestId(`field-${FIELD}`).tap();
  await page.locator('[data-testid="keyboard"][data-mode="pinyin"]').waitFor();
}

/** Taps the letters and waits for the candidates for all of them, the first being `first`. */
async function typeLetters(page: Page, letters: string, first: string): Promise<void> {
  for (const k of letters) await tap(page, `key-${k}`);
  await page.locator(`[data-testid="candidate-0"][data-candidate="${first}"]`).waitFor({ timeout: BUSY_MS });
}

/**
 * Every candidate page by page, checking each shown wholly inside the bar (a page once held seven
 * whatever fitted: in portrait and elderly mode the last ones were cut off and skipped by "next").
 */
async function pagedCandidates(page: Page): Promise<string[]> {
  const seen: string[] = [];
  for (;;) {
    const shown = await page.locator('.candidate-list').evaluate((list) => {
      const edge = list.getBoundingClientRect().right + 0.5;
      const buttons = [...list.querySelectorAll('[data-candidate]')];
      return { texts: buttons.map((el) => el.getAttribute('data-candidate')!), cut: buttons.filter((el) => el.getBoundingClientRect().right > edge).length };
    });
    expect(shown.cut, `cut off: ${shown.texts.join(' ')}`).toBe(0);
    expect(shown.texts.length).toBeGreaterThan(0);
    seen.push(...shown.texts);
    if (await page.getByTestId('candidate-next').isDisabled()) return seen;
    await tap(page, 'candidate-next');
    await page.locator(`[data-testid="candidate-0"]:not([data-candidate="${shown.texts[0]}"])`).waitFor();
  }
}

const candidates = (page: Page) => page.locator('[data-testid="candidate-bar"] [data-candidate]').evaluateAll((els) => els.map((el) => el.getAttribute('data-candidate')));

describe("the respondent's name, a company", () => {
  it('is typed word by word: 兰州 + 建筑 + 劳务 + 有限公司, each written by the space key; gongsi offers 公司 first, 龚思 after it', async () => {
    await seedDraft(suite.stack, { step: 'respondents', application: atRespondents() });
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'respondents');
    await openName(page);
    for (const [letters, word] of [
      ['lanzhou', '兰州'],
      ['jianzhu', '建筑'],
      ['laowu', '劳务'],
    ] as const) {
      await typeLetters(page, letters, word);
      await tap(page, 'key-space');
    }
    await expect.poll(() => page.getByTestId('keyboard-value').textContent(), { timeout: BUSY_MS }).toBe('兰州建筑劳务');
    await typeLetters(page, 'youxiangongsi', '有限公司');
    await tap(page, 'key-done');
    await page.getByTestId('keyboard').waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId(`field-${FIELD}`).inputValue(), { timeout: BUSY_MS }).toBe('兰州建筑劳务有限公司');

    // The composed name stays on offer for a respondent who is a person called 龚思.
    await openName(page);
    await typeLetters(page, 'gongsi', '公司');
    expect((await candidates(page)).slice(0, 5)).toContain('龚思');
    // The draft keeps what was typed (the answer, not the letters still being composed).
    await expect.poll(async () => JSON.stringify(await agentDraft(suite.stack)), { timeout: BUSY_MS }).toContain('兰州建筑劳务有限公司');
    await context.close();
  });

  it('looks right with the candidates open: zh-CN and elderly, landscape and portrait', async () => {
    const looks = [
      { tag: 'zh-CN-1280x800', viewport: { width: 1280, height: 800 }, elderly: false },
      { tag: 'zh-CN-1080x1920', viewport: { width: 1080, height: 1920 }, elderly: false },
      { tag: 'zh-CN-elderly-1280x800', viewport: { width: 1280, height: 800 }, elderly: true },
      { tag: 'zh-CN-elderly-1080x1920', viewport: { width: 1080, height: 1920 }, elderly: true },
    ];
    for (const look of looks) {
      await seedDraft(suite.stack, { step: 'respondents', elderly: look.elderly, application: atRespondents('兰州建筑劳务有限') });
      const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, look.viewport, 'respondents');
      await openName(page);
      await typeLetters(page, 'gongsi', '公司');
      await settled(page);
      await screenshot(page, `${look.tag}-respondent-company-pinyin`);
      // Paging shows each candidate the engine offers, in order, none skipped, none cut off.
      expect(await pagedCandidates(page), look.tag).toEqual(engine.candidates('gongsi', 'party').map((c) => c.text));
      await tap(page, 'key-done');
      await page.getByTestId('keyboard').waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId(`field-${FIELD}`).inputValue(), { timeout: BUSY_MS }).toBe('兰州建筑劳务有限公司');
      await settled(page);
      await screenshot(page, `${look.tag}-respondent-company-typed`);
      await context.close();
    }
  });
});
