import { existsSync, readdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { MediationApplicationDraft } from '../../shared/applicationDraft.js';
import { BUSY_MS, waitFor } from '../support/hubHarness.js';
import { completeApplication, PERSON_ID } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { openFiledApplication } from './support/filedApplication.js';
import { kioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { drawSignature, next, tap } from './support/wizard.js';

// The resident's receipt: QR code for checking progress, the ID number masked, an automatic
// print (no printer here: the screen says to photograph or note the number), and a print button
// that keeps a PDF for staff. Screenshots: test-results/screenshots/receipt-*.png.

const suite = kioskSuite();

const spooled = () => (existsSync(suite.stack.host.printer.spoolDir) ? readdirSync(suite.stack.host.printer.spoolDir) : []);

/** From a complete application to its receipt: review → signature → submit. */
async function fileToReceipt(application: MediationApplicationDraft, language: 'zh-CN' | 'en' = 'zh-CN', { elderly = false, viewport = { width: 1280, height: 800 } } = {}) {
  await seedDraft(suite.stack, { step: 'review', reviewing: true, language, elderly, application });
  // The receipt stays until the test is done with it: it would go home by itself a minute after
  // it appeared, which a busy machine can spend on these screenshots.
  const { context, page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?receiptMs=300000'), viewport, 'review');
  await next(page, 'signature');
  await drawSignature(page);
  await watchBelowNotice(page);
  await tap(page, 'next');
  await page.getByTestId('receipt').waitFor();
  await page.getByTestId('receipt-qr').waitFor();
  return { context, page };
}

/**
 * From the receipt's first frame on, at each state the print notice takes (its data-phase), where
 * the facts below it start, measured from the notice's top: laid out as each state is committed, so
 * a state that lasts no longer than the print's answer is caught too.
 */
const watchBelowNotice = (page: Page) =>
  page.evaluate(() => {
    const seen: { phase: string; below: number }[] = [];
    (window as unknown as { belowNotice: typeof seen }).belowNotice = seen;
    new MutationObserver(() => {
      const notice = document.querySelector('[data-testid="receipt-print-message"]');
      const facts = document.querySelector('.receipt-main .fact-list');
      const phase = notice?.getAttribute('data-phase');
      if (!notice || !facts || !phase || seen.at(-1)?.phase === phase) return;
      seen.push({ phase, below: facts.getBoundingClientRect().top - notice.getBoundingClientRect().top });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-phase'] });
  });
const belowNotice = (page: Page) => page.evaluate(() => (window as unknown as { belowNotice: { phase: string; below: number }[] }).belowNotice);

const bodyText = (page: Page) => page.locator('body').innerText();
/** The receipt scrolls inside its card: the lower half for the screenshots. */
const scrollReceipt = (page: Page) => page.locator('.receipt-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));

/** Where the receipt stands: its scroll, and whether the title, the number and the print notice are each whole in view. */
const receiptInView = (page: Page) =>
  page.evaluate(() => {
    const area = document.querySelector('.receipt-scroll')!;
    const view = area.getBoundingClientRect();
    const whole = (selector: string) => {
      const box = document.querySelector(selector)!.getBoundingClientRect();
      return box.height > 0 && box.top >= view.top - 0.5 && box.bottom <= view.bottom + 0.5;
    };
    return {
      scrollTop: area.scrollTop,
      title: whole('#receipt-title'),
      number: whole('[data-testid="provisional-number"]'),
      notice: whole('[data-testid="receipt-print-message"]'),
    };
  });

describe('the receipt', () => {
  it('shows the QR code and the masked ID, prints by itself, and offers a print button; video now comes first', async () => {
    const before = spooled().length;
    const { context, page } = await fileToReceipt(completeApplication());
    expect(await page.getByTestId('receipt-qr').getAttribute('src')).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(await page.getByTestId('receipt-masked-id').textContent()).toBe('620102********0310');
    expect(await page.getByTestId('receipt-applicant').textContent()).toBe('王**');
    expect(await bodyText(page)).not.toContain(PERSON_ID);
    expect(await page.content()).not.toContain(PERSON_ID);

    // The automatic print found no printer: a calm message, and no PDF left behind for nobody.
    const message = page.getByTestId('receipt-print-message');
    await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor();
    // named in the notice itself: bringing the notice into view can scroll the number above away
    expect(await message.textContent()).toContain(`请拍照或记下您的临时编号：${(await page.getByTestId('provisional-number').textContent())!.trim()}`);
    expect(spooled().length).toBe(before);

    // The resident chose video mediation now: "talk to a mediator" is the primary action.
    expect(await page.getByTestId('call-mediator-button').getAttribute('class')).toContain('button-primary');
    expect(await page.getByTestId('done').getAttribute('class')).toContain('button-secondary');
    expect(await page.locator('.receipt-section-limits').innerText()).toContain('30日内');
    await settled(page); // "done" fades to secondary once the receipt knows the mode
    await screenshot(page, 'receipt-zh-CN');
    await scrollReceipt(page);
    await screenshot(page, 'receipt-zh-CN-scrolled');

    // Asked for explicitly: the PDF is kept for staff to print (deleted after a day).
    await tap(page, 'receipt-print');
    await page.getByTestId('receipt-print-message').filter({ hasText: '工作人员稍后可以帮您补打' }).waitFor();
    expect(spooled().length).toBe(before + 1);

    await tap(page, 'elderly-toggle');
    // Elderly mode gives three times as long (here 3 × 300 s), said in minutes, with a button to keep it.
    await expect.poll(async () => Number(await page.getByTestId('receipt-auto-return').getAttribute('data-seconds')), { timeout: BUSY_MS }).toBeGreaterThan(300);
    expect(await page.getByTestId('receipt-auto-return').textContent()).toMatch(/^1[45] 分 \d+ 秒后自动回到首页$/);
    await tap(page, 'receipt-keep');
    expect(await page.getByTestId('receipt').count()).toBe(1);
    await settled(page);
    await screenshot(page, 'receipt-zh-CN-elderly');
    await tap(page, 'elderly-toggle');
    await tap(page, 'lang-en');
    await page.locator('#receipt-section-limits').filter({ hasText: 'Time limits' }).waitFor();
    await settled(page);
    expect(await page.getByTestId('receipt-masked-id').textContent()).toBe('620102********0310');
    await screenshot(page, 'receipt-en');
    await tap(page, 'elderly-toggle');
    await settled(page); // the toggle's colour transition
    await screenshot(page, 'receipt-en-elderly');
    await scrollReceipt(page);
    await screenshot(page, 'receipt-en-elderly-scrolled');
    const provisional = (await page.getByTestId('provisional-number').textContent()) ?? '';
    await context.close();

    // The court's side: the list links to the whole application as filed, signature included.
    await waitFor(async () => (await suite.stack.hub.intakes()).length > 0, 'delivery');
    const staff = await openFiledApplication(suite.browser, suite.stack, provisional);
    expect(await staff.locator('body').innerText()).toContain(PERSON_ID); // staff see it in full
    expect(await staff.locator('img.signature').evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await screenshot(staff, 'hub-console-application');
    await staff.close();
  });

  // The walk (s17 item 6): on 1280×800 the receipt opened scrolled down by the automatic print's
  // notice being brought into view, "Submitted" and the provisional number above the top edge.
  for (const look of [
    { language: 'en', elderly: true, viewport: { width: 1280, height: 800 }, name: '1280-en-elderly' },
    { language: 'zh-CN', elderly: false, viewport: { width: 1280, height: 800 }, name: '1280-zh-CN' },
    { language: 'zh-CN', elderly: true, viewport: { width: 1080, height: 1920 }, name: '1080-zh-CN-elderly' },
  ] as const) {
    it(`opens at its top, the number and the print notice in view (${look.name})`, async () => {
      const { context, page } = await fileToReceipt(completeApplication(), look.language, look);
      await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor();
      await settled(page);
      expect(await receiptInView(page)).toEqual({ scrollTop: 0, title: true, number: true, notice: true });
      await screenshot(page, `receipt-opens-${look.name}`);
      // The notice's box has the room of its longest state from the first frame: the facts below it
      // stay put from "printing…" to the failed print's lines, and through a print asked for (whose
      // failure adds "staff can print it later"). It grew with its words before.
      await tap(page, 'receipt-print');
      await page
        .getByTestId('receipt-print-message')
        .filter({ hasText: look.language === 'en' ? 'Staff can print' : '工作人员稍后可以帮您补打' })
        .waitFor();
      const states = await belowNotice(page);
      expect(states.map((s) => s.phase)).toEqual(['printing', 'failed', 'printing', 'failed']);
      for (const s of states) expect(s.below, `facts below the notice (${s.phase})`).toBeCloseTo(states[0]!.below, 1);
      await screenshot(page, `receipt-print-kept-${look.name}`);
      await context.close();
    });
  }

  it('keeps "done" first for a resident who chose a scheduled mediation', async () => {
    const app = completeApplication();
    app.process = { mode: 'scheduled', timePreferences: ['weekday_morning'], interpreter: false, accessibility: [] };
    const { context, page } = await fileToReceipt(app, 'en');
    expect(await page.getByTestId('done').getAttribute('class')).toContain('button-primary');
    expect(await page.getByTestId('call-mediator-button').getAttribute('class')).toContain('button-secondary');
    expect(await page.locator('.receipt-section-next').innerText()).toContain('arrange a time');
    await tap(page, 'done');
    await page.getByTestId('home-file-button').waitFor();
    // 完成 ends the filing, not the visit: the resident who chose English keeps it (to check the case).
    await tap(page, 'home-check-case');
    await page.getByTestId('check-case').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang), 'language after 完成').toBe('en');
    expect(await bodyText(page)).toContain('Check');
    await context.close();
  });
});
