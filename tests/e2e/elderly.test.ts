import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { completeApplication } from './support/applications.js';
import { startAttractStack } from './support/attractStack.js';
import { seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { kioskPage } from './support/stack.js';
import { tap, waitForStep } from './support/wizard.js';

// Elderly mode (长辈模式) makes every word on the kiosk bigger: each text on a screen is measured
// in standard mode and in elderly mode, and none may stay the same size or shrink. Sizes come
// from the design tokens (renderer/styles/tokens.css), so this holds only while no stylesheet
// pins a size of its own or overrides a token per mode the wrong way.

const suite = kioskSuite();

type Sizes = Record<string, number>;

/** The font size of every element that shows text, keyed by where it sits (state classes left out). */
function measure(page: Page): Promise<Sizes> {
  return page.evaluate(() => {
    const sizes: Record<string, number> = {};
    const keyOf = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
        const testId = (e as HTMLElement).dataset.testid;
        const classes = [...e.classList].filter((c) => !/^(is-|has-|kiosk-|sync-)|^elderly$/.test(c)).join('.');
        const index = e.parentElement ? [...e.parentElement.children].indexOf(e) : 0;
        parts.unshift(`${e.tagName.toLowerCase()}${testId ? `[${testId}]` : ''}${classes ? `.${classes}` : ''}:${index}`);
      }
      return parts.join('>');
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim()) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      sizes[keyOf(el)] = parseFloat(getComputedStyle(el).fontSize);
    }
    return sizes;
  });
}

/** Texts that elderly mode did not make bigger, as "where: standard → elderly". */
function notGrown(standard: Sizes, elderly: Sizes): string[] {
  return Object.entries(standard).flatMap(([key, size]) => {
    const bigger = elderly[key];
    return bigger === undefined || bigger > size ? [] : [`${key}: ${size}px → ${bigger}px`];
  });
}

/** Home, its dialog, check-my-case with its keyboard, the call's consent, a question with the keyboard. */
async function visit(elderly: boolean): Promise<Record<string, Sizes>> {
  await suite.stack.host.agent.dispatch('draft.discard', undefined);
  const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
  const seen: Record<string, Sizes> = {};
  if (elderly) {
    await tap(page, 'elderly-toggle');
    await page.locator('.kiosk[data-elderly="true"]').waitFor();
  }
  seen.home = await measure(page);
  await tap(page, 'ask-staff');
  await page.getByTestId('staff-help').waitFor();
  seen.staffHelp = await measure(page);
  await tap(page, 'staff-help-close');
  await tap(page, 'home-check-case');
  await tap(page, 'field-check.provisionalNumber');
  await page.locator('[data-testid="keyboard"][data-pad="reference"]').waitFor();
  seen.checkCase = await measure(page);
  await tap(page, 'key-done');
  await tap(page, 'check-case-home');
  await tap(page, 'call-mediator-button');
  await page.getByTestId('call-consent').waitFor();
  seen.callConsent = await measure(page);
  await tap(page, 'call-consent-back');
  await page.getByTestId('home-file-button').waitFor();

  await seedDraft(suite.stack, { step: 'applicantIdentity', elderly, application: completeApplication() });
  await page.reload();
  await waitForStep(page, 'applicantIdentity');
  await tap(page, 'field-applicant.name');
  await page.getByTestId('keyboard').waitFor();
  seen.question = await measure(page);
  await context.close();
  return seen;
}

describe('elderly mode', () => {
  it('makes every word on the kiosk bigger, the main "file a dispute" button included', async () => {
    const standard = await visit(false);
    const elderly = await visit(true);
    for (const screen of Object.keys(standard)) {
      const compared = Object.keys(standard[screen]!).filter((key) => key in elderly[screen]!);
      expect(compared.length, `${screen}: texts found in both modes`).toBeGreaterThan(5);
      expect(notGrown(standard[screen]!, elderly[screen]!), screen).toEqual([]);
    }
    const hero = Object.keys(standard.home!).find((key) => key.includes('[home-file-button]'))!;
    expect(elderly.home![hero]).toBeGreaterThan(standard.home![hero]!);
  });

  it("makes the idle loop's words bigger too", async () => {
    const loop = await startAttractStack([]);
    try {
      const sizes: Sizes[] = [];
      for (const elderly of [false, true]) {
        const context = await suite.browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 }, locale: 'zh-CN', deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.goto(loop.url('?attractMs=8000'));
        await page.getByTestId('home-file-button').waitFor();
        if (elderly) {
          await tap(page, 'elderly-toggle');
          await page.locator('.kiosk[data-elderly="true"]').waitFor();
        }
        await page.locator('[data-testid="attract"][data-mode="standby"]').waitFor({ timeout: 30_000 });
        sizes.push(await measure(page));
        await context.close();
      }
      const texts = Object.keys(sizes[0]!).filter((key) => key.includes('attract'));
      expect(texts.length).toBeGreaterThan(4);
      expect(notGrown(Object.fromEntries(texts.map((key) => [key, sizes[0]![key]!])), sizes[1]!)).toEqual([]);
    } finally {
      await loop.close();
    }
  });
});
