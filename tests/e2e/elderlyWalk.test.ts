import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { covering } from './support/attractStack.js';
import { completeApplication } from './support/applications.js';
import { agentDraft, seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { startShort } from './support/residents.js';
import { seriousA11yProblems, settled } from './support/look.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { currentStep, drawSignature, fillField, next, startShortPath, tap, typeOnKeyboard, waitForStep, type Pinyin } from './support/wizard.js';
import { BUSY_MS } from '../support/hubHarness.js';

// The resident journey walked again as a 70-year-old who has never used a touchscreen would
// (issue 15): elderly mode, Chinese, a portrait 1080×1920 kiosk. Files a private loan on the
// short path, checks the case with the receipt's number, and tries to join a mediation with a
// code. Every screen is photographed for a person to look at; what such a resident would stumble
// on is checked: the button that moves on is on the screen without scrolling, and big.

const suite = kioskSuite();
const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1280, height: 800 };
const py = (pinyin: string, pick: string): Pinyin => ({ pinyin, pick });
const MOBILE = '13912345678';

async function look(page: Page, name: string): Promise<void> {
  await settled(page);
  await screenshot(page, `elderly-walk-${name}`);
  // Nothing wider than the screen: a button half off the side is a button an old finger misses.
  expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name}: page width`).toBeLessThanOrEqual(page.viewportSize()!.width);
}

/**
 * `testId` can be tapped where it is now: wholly inside the viewport, and the element at its centre
 * is the control itself (not the action bar or anything else lying over it).
 */
async function unobstructed(page: Page, testId: string): Promise<boolean> {
  return page.getByTestId(testId).evaluate((el) => {
    const box = el.getBoundingClientRect();
    if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) return false;
    const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return hit !== null && el.contains(hit);
  });
}

/**
 * Something below the fold in the scrolling area `area`: the "more below" button says so, and tapping
 * it (until `reached`) brings it into view; at the end of the area the button goes.
 */
async function scrollWithMoreBelow(page: Page, area: string, reached: () => Promise<boolean>): Promise<void> {
  const more = page.getByTestId('more-below');
  expect((await more.boundingBox())!.height, 'more-below height').toBeGreaterThanOrEqual(72);
  const scrollTop = () => page.evaluate((selector) => document.querySelector(selector)!.scrollTop, area);
  for (let i = 0; i < 12 && !(await reached()); i++) {
    const before = await scrollTop();
    await more.tap();
    // The area has moved, and then come to rest (the same position at two polls in a row).
    await page.waitForFunction(([selector, top]) => document.querySelector(selector)!.scrollTop !== top, [area, before] as const);
    await page.waitForFunction(
      (selector) => {
        const w = window as unknown as { lastTop?: number };
        const top = document.querySelector(selector)!.scrollTop;
        const still = w.lastTop === top;
        w.lastTop = top;
        return still;
      },
      area,
      { polling: 100 },
    );
  }
  expect(await reached(), `reached with "more below" in ${area}`).toBe(true);
}

/** `testId` lies below the fold of a step: "more below" says so and brings it within reach. */
async function reachedWithMoreBelow(page: Page, testId: string, name: string): Promise<void> {
  expect(await unobstructed(page, testId), `${testId} below the fold at first`).toBe(false);
  const more = page.getByTestId('more-below');
  await more.waitFor();
  await look(page, name);
  await scrollWithMoreBelow(page, '.step-scroll', () => unobstructed(page, testId));
  await more.waitFor({ state: 'detached' });
}

/**
 * Scrolled to the end at once (a finger's fling), `testId` stays where it was when the scroll
 * ended: the band's row went with its button before, and the content jumped by its height a frame
 * later, between a tap's touch and its click.
 */
async function stillAtTheEnd(page: Page, testId: string): Promise<void> {
  const [before, after] = await page.evaluate(async (id) => {
    const area = document.querySelector<HTMLElement>('.step-scroll')!;
    const target = document.querySelector(`[data-testid="${id}"]`)!;
    area.scrollTop = area.scrollHeight;
    const first = target.getBoundingClientRect().top;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 50))));
    return [first, target.getBoundingClientRect().top];
  }, testId);
  expect(after, `${testId} did not move once the end was reached`).toBe(before);
}

/** Dispute-type labels that take more than one line, or run past their tile. */
function brokenDisputeLabels(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('.dispute-label'))
      .filter((label) => {
        const fontSize = parseFloat(getComputedStyle(label).fontSize);
        return label.getBoundingClientRect().height > fontSize * 1.8 || label.scrollWidth > label.clientWidth;
      })
      .map((label) => label.textContent ?? ''),
  );
}

/** The control that moves on is wholly on the screen (no scrolling to find it) and a big target. */
async function reachable(page: Page, testId: string): Promise<void> {
  const target = page.getByTestId(testId);
  const box = await target.boundingBox();
  expect(box, testId).not.toBeNull();
  expect(box!.y + box!.height, `${testId} on screen`).toBeLessThanOrEqual(PORTRAIT.height);
  expect(box!.height, `${testId} height`).toBeGreaterThanOrEqual(72);
}

describe('a 70-year-old, elderly mode, Chinese, portrait kiosk', () => {
  it('files a private loan on the short path, then checks it with the receipt number', async () => {
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, PORTRAIT);
    await tap(page, 'elderly-toggle');
    await page.locator('html.elderly').waitFor();
    await look(page, 'home');
    await reachable(page, 'home-file-button');

    await tap(page, 'home-file-button');
    await waitForStep(page, 'preferences');
    await look(page, 'preferences');
    await tap(page, 'pref-short');
    await reachable(page, 'next');
    await next(page, 'privacy');
    await look(page, 'privacy');
    await tap(page, 'consent-privacy-yes');
    await waitForStep(page, 'onlineConsent');
    await look(page, 'online-consent');
    await tap(page, 'consent-onlineMediation-yes');
    await waitForStep(page, 'disputeType');
    await look(page, 'dispute-type');
    await tap(page, 'dispute-private_loan');
    await look(page, 'dispute-type-chosen');
    // Each name on one line, ticked or not (four narrow columns broke 民间借/贷 once ticked).
    expect(await brokenDisputeLabels(page), 'dispute labels on two lines').toEqual([]);
    await reachable(page, 'next');
    await next(page, 'shortWho');
    await look(page, 'short-who');
    await page.getByTestId('field-applicant.name').tap();
    await page.getByTestId('keyboard').waitFor();
    await typeOnKeyboard(page, [py('zhang', '张')]);
    await typeOnKeyboard(page, { pinyin: 'guiying', pick: '桂英' });
    await look(page, 'short-who-keyboard');
    await tap(page, 'key-done');
    await page.getByTestId('keyboard').waitFor({ state: 'detached' });
    await fillField(page, 'applicant.mobile', MOBILE);
    await fillField(page, 'respondents.0.name', [py('li', '李'), py('si', '四')]);
    await look(page, 'short-who-filled');
    await reachable(page, 'next');
    await next(page, 'facts');
    await fillField(page, 'facts', [py('jiegei', '借给'), py('linju', '邻居'), '2', py('wanyuan', '万元'), py('zhijin', '至今'), py('buhuan', '不还')]);
    await look(page, 'facts');
    // The account gets the screen's height: at least ten lines of it in view, not four.
    const lines = await page.getByTestId('field-facts').evaluate((el) => el.clientHeight / parseFloat(getComputedStyle(el).lineHeight));
    expect(lines, 'lines of the account in view').toBeGreaterThanOrEqual(10);
    await reachable(page, 'next');
    await next(page, 'claims');
    await fillField(page, 'claims.0', [py('guihuan', '归还'), py('jiekuan', '借款'), '20000', py('yuan', '元')]);
    await look(page, 'claims');
    await next(page, 'review');
    await look(page, 'review');
    await reachable(page, 'next');
    await next(page, 'signature');
    await look(page, 'signature');
    // Room for a slow, shaky hand: the portrait display's box is tall (it was a 300 px strip).
    expect((await page.getByTestId('signature-canvas').boundingBox())!.height).toBeGreaterThanOrEqual(480);
    await drawSignature(page);
    await reachable(page, 'next');
    await tap(page, 'next');
    await page.getByTestId('receipt').waitFor();
    await page.locator('[data-testid="receipt-status"][data-state="delivered"]').waitFor({ timeout: BUSY_MS });
    // The failed print's notice (no printer here) scrolls itself into view when it comes, and again
    // only when the delivery changes (delivered, awaited above): after it, so the walk below is not
    // moved under the finger (it reached the end between a check and a tap).
    await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor();
    await look(page, 'receipt');
    // What happens next and the time limits lie below the fold: the receipt says so too.
    await page.getByTestId('more-below').waitFor();
    await scrollWithMoreBelow(page, '.receipt-scroll', async () => (await page.getByTestId('more-below').count()) === 0);
    await look(page, 'receipt-end');
    const provisional = ((await page.getByTestId('provisional-number').textContent()) ?? '').trim();
    expect(provisional).toMatch(/-\d{6}-\d{4}$/);

    // Home again, then "查询进度" with the receipt's number and the phone number. 完成 ends the
    // filing, not the visit: elderly mode stays on (it ends when the kiosk goes idle).
    await tap(page, 'done');
    await page.getByTestId('home-file-button').waitFor();
    expect(await page.locator('html.elderly').count(), 'elderly mode after 完成').toBe(1);
    await tap(page, 'home-check-case');
    await page.getByTestId('check-case').waitFor();
    const prefix = `${suite.stack.host.agent.config.read().terminalId}-`;
    await page.locator(`[data-testid="field-check.provisionalNumber"][value="${prefix}"]`).waitFor();
    await look(page, 'check-case');
    await page.getByTestId('field-check.provisionalNumber').tap();
    await page.locator('[data-testid="keyboard"][data-pad="reference"]').waitFor();
    await typeOnKeyboard(page, provisional.slice(prefix.length));
    await look(page, 'check-case-keyboard');
    await tap(page, 'key-done');
    await page.getByTestId('keyboard').waitFor({ state: 'detached' });
    await fillField(page, 'check.mobile', MOBILE);
    await reachable(page, 'check-case-submit');
    await tap(page, 'check-case-submit');
    await page.locator('[data-testid="case-status"][data-kind="court"]').waitFor({ timeout: BUSY_MS });
    await look(page, 'check-case-result');
    // Where the case is, in a resident's words: not the court's 委派 (delegated mediation).
    expect(await page.getByTestId('case-status').innerText()).not.toContain('委派');
  });

  it('"more below" moves focus to what it brings into view, and jumps without motion when the system asks for none', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, LANDSCAPE);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await startShortPath(page, 'disputeType');
    // Where the area stands when the tap has been handled: a jump has happened by then, a smooth
    // scroll (motion) has not begun.
    await page.evaluate(() => {
      const w = window as unknown as { topAfterTap?: number };
      window.addEventListener('click', () => (w.topAfterTap = document.querySelector('.step-scroll')!.scrollTop));
    });
    expect(await page.evaluate(() => document.querySelector('.step-scroll')!.scrollTop)).toBe(0);
    await page.getByTestId('more-below').tap();
    expect(await page.evaluate(() => (window as unknown as { topAfterTap?: number }).topAfterTap)).toBeGreaterThan(0);
    // Focus is on the first tile that came into view, inside the area and within its visible part
    // (it was on the band's button, which then went: a keyboard user was back at the top).
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const area = document.querySelector('.step-scroll')!;
      const [a, b] = [area.getBoundingClientRect(), el.getBoundingClientRect()];
      return { inArea: area.contains(el), visible: b.top >= a.top && b.bottom <= a.bottom, testId: el.dataset.testid ?? '' };
    });
    expect(focused).toMatchObject({ inArea: true, visible: true, testId: expect.stringMatching(/^dispute-/) });
    await look(page, '1280-dispute-type-after-more-below');
    await context.close();
  });

  it('"more below" over text alone moves focus to a heading a screen reader names, not the bare scrolling area', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, LANDSCAPE);
    await startShortPath(page, 'privacy', { english: true });
    // The notice is text; its answers stand in the action bar: nothing to focus comes into view.
    // A heading not rendered (as a closed section's) at the end is passed over: its empty box at 0,0
    // lies "above" the new bottom of view, yet it cannot take focus.
    await page.evaluate(() => {
      const hidden = document.createElement('h2');
      hidden.textContent = 'not rendered';
      hidden.style.display = 'none';
      document.querySelector('.step-scroll')!.append(hidden);
    });
    await page.getByTestId('more-below').tap();
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const area = document.querySelector('.step-scroll')!;
      return { inArea: area.contains(el), isArea: el === area, tag: el.tagName, text: el.textContent?.trim() ?? '' };
    });
    expect(focused).toMatchObject({ inArea: true, isArea: false, tag: expect.stringMatching(/^H[1-6]$/) });
    expect(focused.text).not.toBe('');
    expect(await seriousA11yProblems(page, '1280-privacy-en-after-more-below')).toEqual([]);
    await look(page, '1280-privacy-en-after-more-below');
    await context.close();
  });

  // The walk (s17 item 5): in elderly mode the short form was preselected below the fold of a
  // 1280×800 display, and "next" took it without the resident ever seeing the choice.
  for (const language of ['en', 'zh-CN'] as const) {
    it(`never takes the short or the full form unseen: "next" without a choice shows the question (1280×800 elderly, ${language})`, async () => {
      const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, LANDSCAPE);
      if (language === 'en') await tap(page, 'lang-en');
      await tap(page, 'elderly-toggle');
      await page.locator('html.elderly').waitFor();
      await tap(page, 'home-file-button');
      await waitForStep(page, 'preferences');
      const pressed = () => page.locator('[data-testid="pref-short"], [data-testid="pref-full"]').evaluateAll((els) => els.map((el) => el.getAttribute('aria-pressed')));
      expect(await pressed(), 'nothing chosen for the resident').toEqual(['false', 'false']);
      await tap(page, 'next');
      // Still here, told what to do, with both answers in view to tap.
      await page.getByTestId('error-shortPath').waitFor();
      expect(await currentStep(page)).toBe('preferences');
      await expect.poll(() => unobstructed(page, 'pref-short'), { message: 'short form in view' }).toBe(true);
      expect(await unobstructed(page, 'pref-full'), 'full form in view').toBe(true);
      expect(await page.getByTestId('error-shortPath').textContent()).toBe(language === 'en' ? 'Please choose one: short, or the full form' : '请选择一种：简便办理，或者完整填写');
      // What suits them is said, on the short form, in sight and in its name, and still not chosen
      // for them (nothing said so once the preselection went).
      const recommended = language === 'en' ? 'Recommended' : '推荐';
      expect(await page.getByTestId('pref-short-recommended').textContent()).toBe(recommended);
      expect(await unobstructed(page, 'pref-short-recommended'), 'the recommendation in view').toBe(true);
      expect(await page.getByRole('button', { name: recommended }).getAttribute('data-testid'), 'the one button named recommended').toBe('pref-short');
      expect(await pressed(), 'recommended, not chosen').toEqual(['false', 'false']);
      await look(page, `1280-preferences-unchosen-${language}`);
      await tap(page, 'pref-full');
      await page.getByTestId('error-shortPath').waitFor({ state: 'detached' });
      expect(await pressed()).toEqual(['false', 'true']);
      // Standard mode recommends neither.
      await tap(page, 'elderly-toggle');
      await page.locator('html:not(.elderly)').waitFor();
      expect(await page.getByTestId('pref-short-recommended').count(), 'no recommendation in standard mode').toBe(0);
      await next(page, 'privacy');
      await context.close();
    });
  }

  // The walk (s17 item 5): on 1280×800 in elderly mode the fixed bars (top, "more below", actions,
  // status) took 383 of its 800 px, and the private loan's questions showed one at a time.
  it('gives a 1280×800 display in elderly mode more room for the questions: the fixed bars give up their padding, not their size', async () => {
    await seedDraft(suite.stack, { step: 'typeQuestions', language: 'en', elderly: true, application: completeApplication() });
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, LANDSCAPE, 'typeQuestions');
    await page.getByTestId('more-below').waitFor();
    await settled(page);
    await look(page, '1280-en-type-questions');
    // Everything but the scrolling area is fixed: the top bar, the "more below" band, the action bar, the status line.
    const area = (await page.locator('.step-scroll').boundingBox())!;
    expect(LANDSCAPE.height - area.height, 'fixed bars, px').toBeLessThanOrEqual(340);
    // the touch targets keep elderly mode's size
    for (const id of ['next', 'back', 'more-below', 'elderly-toggle']) expect((await page.getByTestId(id).boundingBox())!.height, id).toBeGreaterThanOrEqual(80);
    await context.close();
  });

  it('on a 1280×800 landscape kiosk nothing that moves on is under the fold, and what lies below says so', async () => {
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, LANDSCAPE);
    await tap(page, 'elderly-toggle');
    await page.locator('html.elderly').waitFor();
    await tap(page, 'home-file-button');
    await waitForStep(page, 'preferences');
    // The short path's choice was below the fold, with nothing to say so: a resident who does not
    // know that a screen scrolls never saw it.
    await reachedWithMoreBelow(page, 'pref-full', '1280-preferences-more-below');
    await look(page, '1280-preferences-end');
    // Back at the top, "more below" again; flung to the end, nothing under the finger moves.
    await page.evaluate(() => (document.querySelector('.step-scroll')!.scrollTop = 0));
    await page.getByTestId('more-below').waitFor();
    await stillAtTheEnd(page, 'pref-full');
    await tap(page, 'pref-short');
    await next(page, 'privacy');
    await look(page, '1280-privacy');
    // "I agree" is the way on; it lay half under the action bar (tapping its visible half worked
    // only by luck). It is in the action bar now, where "next" is on every other screen.
    expect(await unobstructed(page, 'consent-privacy-yes'), 'privacy: agree').toBe(true);
    await tap(page, 'consent-privacy-yes');
    await waitForStep(page, 'onlineConsent');
    await look(page, '1280-online-consent');
    expect(await unobstructed(page, 'consent-onlineMediation-yes'), 'online: agree').toBe(true);
    expect(await unobstructed(page, 'consent-onlineMediation-no'), 'online: decline').toBe(true);
    await tap(page, 'consent-onlineMediation-yes');
    await waitForStep(page, 'disputeType');
    // "If you are not sure, choose Other" — and "Other" was the one tile below the fold.
    await reachedWithMoreBelow(page, 'dispute-other', '1280-dispute-type-more-below');
    await tap(page, 'dispute-private_loan');
    await next(page, 'shortWho');
    await look(page, '1280-short-who');

    // Their own details typed where the other side's go: asked in the screen's own words ("对方"),
    // not the court's (被申请人), which the short path never shows.
    await fillField(page, 'applicant.name', [py('zhang', '张'), py('guiying', '桂英')]);
    await fillField(page, 'applicant.mobile', MOBILE);
    await fillField(page, 'respondents.0.name', [py('zhang', '张'), py('guiying', '桂英')]);
    await fillField(page, 'respondents.0.mobile', MOBILE);
    await tap(page, 'next');
    const same = page.getByTestId('error-respondents.0.name');
    await same.waitFor();
    await look(page, '1280-short-who-same-party');
    expect(await same.textContent()).toContain('对方的姓名和电话和您的一样');
    expect(await same.textContent()).not.toContain('被申请人');
    await tap(page, 'lang-en');
    await same.filter({ hasText: 'The other side has the same name and phone number as you' }).waitFor();
    expect(await same.textContent()).not.toMatch(/respondent/i);
  });

  it('asks for a person from a middle step and walks away at the camera question: warned, then the draft is wiped, not left for the next person', async () => {
    const { page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?idleMs=4000&warnMs=3000'), PORTRAIT);
    await tap(page, 'elderly-toggle');
    await startShort(page);
    await fillField(page, 'applicant.mobile', MOBILE);
    await tap(page, 'talk-to-person');
    await page.getByTestId('call-consent').waitFor();
    await look(page, 'talk-to-person-consent');
    // Nobody answers the camera question. The screen used to stay so, the draft (a phone number
    // already) under its "back" button for whoever came next; now the kiosk warns, then wipes.
    await page.getByTestId('idle-continue').waitFor();
    await look(page, 'talk-to-person-idle-warning');
    await page.getByTestId('home-file-button').waitFor();
    await expect.poll(() => agentDraft(suite.stack)).toBeNull();
  });

  it('gives an elderly resident twice the time before "still there?", and a big 我还在 to answer it', async () => {
    const { context, page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?idleMs=60000&warnMs=20000'), PORTRAIT);
    // The page's timers move only when the test says: a loaded machine can neither bring the
    // warning early nor let it pass unseen.
    await page.clock.install();
    await tap(page, 'home-file-button');
    await waitForStep(page, 'preferences');
    const warning = page.getByTestId('idle-warning');
    const answer = page.getByTestId('idle-continue');
    // Standard mode warns after the minute the kiosk was given.
    await page.clock.runFor(61_000);
    await warning.waitFor();
    expect(Number(await page.getByTestId('idle-seconds').textContent())).toBeLessThanOrEqual(20);
    await answer.tap();
    await warning.waitFor({ state: 'detached' });
    // Elderly mode: a minute and a half untouched is still reading, not walking away.
    await tap(page, 'elderly-toggle');
    await page.locator('html.elderly').waitFor();
    await page.clock.runFor(90_000);
    expect(await warning.count(), 'no warning yet at 1.5× the standard wait').toBe(0);
    await page.clock.runFor(31_000);
    await warning.waitFor();
    // The countdown is doubled too, and its one answer is big and says what it means.
    expect(Number(await page.getByTestId('idle-seconds').textContent())).toBeGreaterThan(20);
    expect(await answer.textContent()).toBe('我还在');
    const box = (await answer.boundingBox())!;
    expect(box.height, 'button height').toBeGreaterThanOrEqual(119.5);
    expect(box.width, 'button width').toBeGreaterThanOrEqual(480);
    await look(page, 'idle-warning');
    await answer.tap();
    await warning.waitFor({ state: 'detached' });
    await waitForStep(page, 'preferences');
    await context.close();
  });

  it('reads every dispute type whole on a 1920×1080 display in English', async () => {
    const app = completeApplication();
    delete app.disputeType;
    await seedDraft(suite.stack, { step: 'disputeType', language: 'en', elderly: true, application: app });
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, { width: 1920, height: 1080 }, 'disputeType');
    await look(page, '1920-en-dispute-type');
    // "Compensation" ran past its tile's edge in the 1200 px measure; nothing may be cut.
    expect(
      await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.dispute-label'))
          .filter((l) => l.scrollWidth > l.clientWidth)
          .map((l) => l.textContent),
      ),
    ).toEqual([]);
    for (const tile of await page.locator('.dispute-option').all()) expect(await tile.evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
    expect(await unobstructed(page, 'dispute-other'), '"Other" on screen').toBe(true);
  });

  it('leaves elderly mode when the kiosk has gone idle: the touch that wakes the legal-education loop starts a visit in standard mode', async () => {
    const { page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?attractMs=1500'), PORTRAIT);
    await tap(page, 'elderly-toggle');
    await page.locator('html.elderly').waitFor();
    await tap(page, 'lang-en'); // the visit's language goes the same way
    await page.locator('html[lang="en"]').waitFor();
    await covering(page); // the loop has taken the screen: the waking touch presses nothing beneath
    expect(await page.locator('html.elderly').count(), 'the loop keeps the sizes of the visit it follows').toBe(1);
    expect(await page.locator('html[lang="en"]').count(), 'the loop keeps the language of the visit it follows').toBe(1);
    await page.touchscreen.tap(540, 960);
    await page.getByTestId('attract').waitFor({ state: 'detached' });
    await page.locator('html:not(.elderly)').waitFor();
    await page.locator('html[lang="zh-CN"]').waitFor();
    await page.getByTestId('home-file-button').waitFor();
  });

  it('tries to join a mediation with a code it was given wrong, and is told so', async () => {
    const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl, PORTRAIT);
    await tap(page, 'elderly-toggle');
    await page.locator('html.elderly').waitFor();
    await tap(page, 'home-join-meeting');
    await page.getByTestId('call-code').waitFor();
    await look(page, 'join-code');
    for (const d of '000000') await page.getByTestId(`call-code-key-${d}`).tap();
    await page.locator('[data-testid="call-code-digits"][data-code="000000"]').waitFor();
    await look(page, 'join-code-typed');
    await page.getByTestId('call-code-next').tap();
    // Who is joining: the party's name (by pinyin) and the last 4 of the ID number, checked with the code.
    await page.getByTestId('call-identity').waitFor();
    await look(page, 'join-identity');
    await fillField(page, 'join.partyName', [
      { pinyin: 'li', pick: '李' },
      { pinyin: 'si', pick: '四' },
    ]);
    await fillField(page, 'join.idLast4', '1234');
    await page.locator('[data-testid="call-identity-next"]:not([disabled])').tap();
    await page.getByTestId('call-consent-accept').waitFor();
    await look(page, 'join-consent');
    await page.getByTestId('call-consent-accept').tap();
    await page.locator('[data-testid="call-start"]:not([disabled])').waitFor();
    await look(page, 'join-preflight');
    await page.locator('[data-testid="call-start"]:not([disabled])').tap();
    await page.locator('[data-testid="call-code-refused"][data-reason="badCode"]').waitFor();
    await look(page, 'join-code-refused');
  });
});
