import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { kioskSuite } from './support/kioskSuite.js';
import { displays, looks, settled } from './support/look.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { drawSignature, fillField, next, tap, tapSelected, typeOnKeyboard, waitForStep, type Typing } from './support/wizard.js';

// Issue 15's closing walk: the whole resident journey by touch as a 70-year-old makes it — home,
// the short path's filing, the receipt, check-my-case with the receipt's number, and the video
// call from its consent through the camera check and the queue to its ended card — in Chinese and English, standard and elderly, on the three displays kiosks
// have (1280×800 and 1920×1080 landscape, 1080×1920 portrait). On every screen: nothing wider
// than the display, no control smaller than a finger (48 px), no label cut off. Screenshots:
// test-results/screenshots/journey-<size>-<look>-NN-<screen>.png (look at them).

const suite = kioskSuite();
const MOBILE = '13912345678';

/**
 * The walks that add cover: elderly type (the largest, where screens overflow) at every display,
 * standard type only on the wide panel. residentLook already photographs standard type at
 * 1280×800 and 1080×1920, and elderlyWalk walks elderly Chinese on the portrait panel.
 */
const walks = displays.flatMap((display) =>
  looks.filter((look) => (look.elderly ? !(display.name === '1080x1920' && look.language === 'zh-CN') : display.name === '1920x1080')).map((look) => ({ display, look })),
);

/** What a resident types, in their language (names of letters in English). */
const answers: Record<'zh-CN' | 'en', Record<'name' | 'other' | 'facts' | 'claim', Typing>> = {
  'zh-CN': {
    name: [
      { pinyin: 'wang', pick: '王' },
      { pinyin: 'jianguo', pick: '建国' },
    ],
    other: [
      { pinyin: 'li', pick: '李' },
      { pinyin: 'si', pick: '四' },
    ],
    facts: [{ pinyin: 'jiegei', pick: '借给' }, { pinyin: 'linju', pick: '邻居' }, '2', { pinyin: 'wanyuan', pick: '万元' }],
    claim: [{ pinyin: 'guihuan', pick: '归还' }, '20000', { pinyin: 'yuan', pick: '元' }],
  },
  en: { name: 'Wang Jianguo', other: 'Li Si', facts: 'Lent 20000 not repaid', claim: 'Repay 20000' },
};

/**
 * What a 70-year-old would stumble on here: the page wider than the display, a control smaller
 * than a finger (48 px either way) or covered where it should be tapped, a label or title cut off.
 */
function stumbles(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const name = (el: Element) => el.getAttribute('data-testid') ?? `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    if (document.documentElement.scrollWidth > window.innerWidth) found.push(`page ${document.documentElement.scrollWidth} px wide`);
    const unclipped = (el: Element, box: DOMRect) => {
      for (let up = el.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflowY === 'visible') continue;
        const clip = up.getBoundingClientRect();
        if (box.top < clip.top - 0.5 || box.bottom > clip.bottom + 0.5) return false;
      }
      return true;
    };
    const shown = (el: Element) => el.getClientRects().length > 0 && !el.closest('[inert], [aria-hidden="true"]') && getComputedStyle(el).visibility !== 'hidden';
    for (const el of document.querySelectorAll<HTMLElement>('button, [role="button"], input, textarea, a[href]')) {
      if (!shown(el)) continue;
      const box = el.getBoundingClientRect();
      if (box.bottom <= 0 || box.top >= window.innerHeight) continue;
      if (box.height < 47.5 || box.width < 47.5) found.push(`${name(el)}: ${Math.round(box.width)}×${Math.round(box.height)} px`);
      if (box.right > window.innerWidth + 0.5 || box.left < -0.5) found.push(`${name(el)}: off the side`);
      // wholly in view (within the display and every scrolling area around it: below the fold
      // the band says so): the element at its centre is itself, not a bar or band over it
      if (box.top >= 0 && box.bottom <= window.innerHeight && unclipped(el, box)) {
        const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
        if (hit && !el.contains(hit) && !hit.contains(el)) found.push(`${name(el)}: covered by ${name(hit)}`);
      }
    }
    for (const el of document.querySelectorAll<HTMLElement>('button, h1, h2, h3, label, .field-label, .screen-intro, dt, dd, li, p')) {
      if (!shown(el)) continue;
      const style = getComputedStyle(el);
      const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1 && style.overflowX !== 'auto' && style.overflowX !== 'scroll') found.push(`${name(el)}: text cut off (${el.scrollWidth} > ${el.clientWidth})`);
    }
    return found;
  });
}

/** `selector` lies wholly inside the visible part of the scrolling area `area`. */
function wholeIn(page: Page, selector: string, area: string): Promise<boolean> {
  return page.evaluate(
    ([s, a]) => {
      const box = document.querySelector(s)!.getBoundingClientRect();
      const view = document.querySelector(a)!.getBoundingClientRect();
      return box.height > 0 && box.top >= view.top - 0.5 && box.bottom <= view.bottom + 0.5;
    },
    [selector, area] as const,
  );
}

/** The receipt's numbers (on the card, in the failed print's notice): lines each takes, and whether it lies inside the card. */
function numberLines(page: Page): Promise<{ id: string | null; lines: number; inside: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="provisional-number"], [data-testid="receipt-print-number"]')].map((el) => {
      const text = document.createRange();
      text.selectNodeContents(el);
      const box = text.getBoundingClientRect();
      const card = document.querySelector('.receipt-card')!.getBoundingClientRect();
      return { id: el.getAttribute('data-testid'), lines: new Set([...text.getClientRects()].map((r) => Math.round(r.bottom))).size, inside: box.left >= card.left && box.right <= card.right };
    }),
  );
}

/** The print button starts right of the QR code (its notice stands under the number, in the first screenful). */
function besideQr(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const qr = document.querySelector('[data-testid="receipt-qr"]')!.getBoundingClientRect();
    return document.querySelector('[data-testid="receipt-print"]')!.getBoundingClientRect().left >= qr.right;
  });
}

/** Rows of buttons that are uneven: buttons of a row not all the same width and height, or rows not spanning the same width. */
function unevenRows(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((buttons) => {
    const rows = new Map<number, DOMRect[]>();
    for (const b of buttons) {
      const box = b.getBoundingClientRect();
      rows.set(Math.round(box.top), [...(rows.get(Math.round(box.top)) ?? []), box]);
    }
    const found: string[] = [];
    const spans = new Set<string>();
    for (const [top, boxes] of rows) {
      if (new Set(boxes.map((b) => Math.round(b.width))).size > 1) found.push(`row at ${top}: widths ${boxes.map((b) => Math.round(b.width)).join(', ')}`);
      if (new Set(boxes.map((b) => Math.round(b.height))).size > 1) found.push(`row at ${top}: heights ${boxes.map((b) => Math.round(b.height)).join(', ')}`);
      spans.add(`${Math.round(Math.min(...boxes.map((b) => b.left)))}–${Math.round(Math.max(...boxes.map((b) => b.right)))}`);
    }
    if (spans.size > 1) found.push(`rows span ${[...spans].join(' and ')}`);
    return found;
  });
}

describe("the resident's whole journey, as issue 15 asks it walked", () => {
  for (const { display, look } of walks) {
    const tag = `${display.name}-${look.language}${look.elderly ? '-elderly' : ''}`;
    it(`home → short filing → receipt → check-my-case → call, queued and ended, at ${tag}`, async () => {
      const { context, page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?receiptMs=600000&endedMs=600000'), display.viewport);
      const problems: string[] = [];
      let n = 0;
      const seen = async (screen: string) => {
        await settled(page);
        await screenshot(page, `journey-${tag}-${String(++n).padStart(2, '0')}-${screen}`);
        problems.push(...(await stumbles(page)).map((p) => `${screen}: ${p}`));
      };
      if (look.language === 'en') await tap(page, 'lang-en');
      if (look.elderly) await tap(page, 'elderly-toggle');
      await page.locator(`html[lang="${look.language}"]`).waitFor();
      await seen('home');

      await tap(page, 'home-file-button');
      await waitForStep(page, 'preferences');
      await seen('preferences');
      await tapSelected(page, 'pref-short');
      await next(page, 'privacy');
      await seen('privacy');
      await tap(page, 'consent-privacy-yes');
      await waitForStep(page, 'onlineConsent');
      await seen('online-consent');
      await tap(page, 'consent-onlineMediation-yes');
      await waitForStep(page, 'disputeType');
      await seen('dispute-type');
      await tap(page, 'dispute-private_loan');
      await next(page, 'shortWho');
      await seen('short-who');
      const say = answers[look.language];
      await fillField(page, 'applicant.name', say.name);
      await fillField(page, 'applicant.mobile', MOBILE);
      await fillField(page, 'respondents.0.name', say.other);
      await seen('short-who-filled');
      await next(page, 'facts');
      await fillField(page, 'facts', say.facts);
      await seen('facts');
      await next(page, 'claims');
      await fillField(page, 'claims.0', say.claim);
      await seen('claims');
      await next(page, 'review');
      await seen('review');
      await next(page, 'signature');
      await seen('signature');
      await drawSignature(page);
      await tap(page, 'next');
      await page.getByTestId('receipt-qr').waitFor();
      // No printer here: the notice under the number names it.
      await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor();
      // The notice is in view, whole, and so is the number above it: the receipt opens at its top.
      await expect.poll(() => wholeIn(page, '[data-testid="receipt-print-message"]', '.receipt-scroll'), { message: 'the print notice in view' }).toBe(true);
      expect(await wholeIn(page, '[data-testid="provisional-number"]', '.receipt-scroll'), 'the number in view').toBe(true);
      await seen('receipt');
      const provisional = ((await page.getByTestId('provisional-number').textContent()) ?? '').trim();
      expect(await page.getByTestId('receipt-print-message').textContent()).toContain(provisional);
      // A number is read whole: the receipt's and the notice's each on one line, inside the card (the
      // notice's broke at a hyphen in its narrow column).
      expect(await numberLines(page), 'the numbers on the receipt').toEqual([
        { id: 'provisional-number', lines: 1, inside: true },
        { id: 'receipt-print-number', lines: 1, inside: true },
      ]);
      // Portrait: the print button beside the QR code, not under it in a narrow column.
      if (display.viewport.width < display.viewport.height) expect(await besideQr(page), 'print button beside the QR code').toBe(true);

      await tap(page, 'done');
      await page.getByTestId('home-file-button').waitFor();
      await tap(page, 'home-check-case');
      await page.getByTestId('check-case').waitFor();
      const prefix = `${suite.stack.host.agent.config.read().terminalId}-`;
      await page.locator(`[data-testid="field-check.provisionalNumber"][value="${prefix}"]`).waitFor();
      await seen('check-case');
      await page.getByTestId('field-check.provisionalNumber').tap();
      await page.locator('[data-testid="keyboard"][data-pad="reference"]').waitFor();
      await typeOnKeyboard(page, provisional.slice(prefix.length));
      await tap(page, 'key-done');
      await page.getByTestId('keyboard').waitFor({ state: 'detached' });
      await fillField(page, 'check.mobile', MOBILE);
      await tap(page, 'check-case-submit');
      await page.getByTestId('case-status').waitFor();
      await seen('check-case-answer');
      // The answer is another screen: it starts at its top, its title in view (it kept the form's scroll).
      const titleInView = await page.evaluate(() => {
        const title = document.getElementById('check-case-title')!.getBoundingClientRect();
        return title.top >= document.querySelector('.check-case-scroll')!.getBoundingClientRect().top;
      });
      expect(titleInView, 'check-my-case title in view over the answer').toBe(true);
      // Its choices in one row on a landscape panel: a second row of buttons left the answer a
      // strip, its stage cut off. The portrait panel is narrow: they may wrap there (kioskAgreement).
      const rows = await page.locator('.screen-check-case .action-buttons > .button').evaluateAll((buttons) => new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top))).size);
      if (display.viewport.width > display.viewport.height) expect(rows, "rows of check-my-case's buttons").toBe(1);
      else expect(await unevenRows(page, '.screen-check-case .action-buttons > .button'), "check-my-case's rows of buttons").toEqual([]);

      await tap(page, 'check-case-home');
      await page.getByTestId('home-file-button').waitFor();
      await tap(page, 'call-mediator-button');
      await page.getByTestId('call-consent').waitFor();
      await seen('call-consent');
      // On to the queue (a real hub; no mediator is needed to wait), then the call's ended card.
      await tap(page, 'call-consent-accept');
      await page.locator('[data-testid="call-start"]:not([disabled])').waitFor();
      await seen('call-preflight');
      await tap(page, 'call-start');
      await page.getByTestId('call-position').waitFor();
      await seen('call-waiting');
      await tap(page, 'call-cancel');
      await page.locator('[data-testid="call-ended"][data-reason="cancelled"]').waitFor();
      // Its return home is 10 minutes off here (endedMs): the look is of the card, however slow the
      // machine, and it is still the card after the look; then "done" takes the resident home.
      await seen('call-ended');
      expect(await page.getByTestId('call-ended').isVisible(), 'the ended card still shown after its look').toBe(true);
      await tap(page, 'call-done');
      await page.getByTestId('home-file-button').waitFor();
      expect(problems).toEqual([]);
      await context.close();
    });
  }
});
