import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdfText.js';
import { completeApplication } from './support/applications.js';
import { seedDraft } from './support/drafts.js';
import { gatedKioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { expectStateInSight, statusOf } from './support/receiptSight.js';
import { recordSpeech, spokenOn } from './support/speech.js';
import { BUSY_MS } from '../support/busy.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { drawSignature, next, tap } from './support/wizard.js';

// The receipt tells the truth and keeps telling it (issue 15, item 1). The kiosk reaches the hub
// through a gate, so the test sees each moment a resident sees: the filing saved on the kiosk
// and on its way (the intake held at the gate), delivered with the court's case number when the
// acknowledgement carries one, delivered without one (the court numbers a dispute when it
// registers it), and "sent when the network returns" only while the court is out of reach. What
// is printed at any moment says what the screen says at that moment.

const { suite, gate: theGate } = gatedKioskSuite();

const spooled = () => (existsSync(suite.stack.host.printer.spoolDir) ? readdirSync(suite.stack.host.printer.spoolDir).sort() : []);
const flat = (text: string) => text.replace(/\s+/g, '');

async function fileToReceipt(language: 'zh-CN' | 'en', elderly = false) {
  await seedDraft(suite.stack, { step: 'review', reviewing: true, language, elderly, application: completeApplication() });
  const { context, page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?receiptMs=300000'), undefined, 'review', recordSpeech);
  await next(page, 'signature');
  await drawSignature(page);
  await tap(page, 'next');
  await page.getByTestId('receipt').waitFor();
  return { context, page };
}

/**
 * Counts the page's receipt.view calls and their answers (window.receiptViews): a sync status
 * event refreshes the receipt with no change on screen, so the test waits for the answer itself.
 */
function countReceiptViews(): void {
  const counts = { asked: 0, answered: 0 };
  const asked = new Set<number>();
  (window as unknown as { receiptViews: typeof counts }).receiptViews = counts;
  const parse = (data: unknown): { t?: string; id?: number; name?: string } => {
    try {
      return typeof data === 'string' ? (JSON.parse(data) as { t?: string; id?: number; name?: string }) : {};
    } catch {
      return {};
    }
  };
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the socket as this
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (this: WebSocket, data: Parameters<WebSocket['send']>[0]) {
    const frame = parse(data);
    if (frame.t === 'call' && frame.name === 'receipt.view' && frame.id !== undefined && !asked.has(frame.id)) {
      asked.add(frame.id);
      counts.asked += 1;
      const answered = (event: MessageEvent) => {
        const reply = parse(event.data);
        if (reply.t !== 'result' || reply.id !== frame.id) return;
        counts.answered += 1;
        this.removeEventListener('message', answered);
      };
      this.addEventListener('message', answered);
    }
    send.call(this, data);
  };
}

const receiptViews = (page: Page) => page.evaluate(() => (window as unknown as { receiptViews: { asked: number; answered: number } }).receiptViews);

/** Elderly mode reads the state aloud, as shown. */
async function expectStateSpoken(page: Page, state: string): Promise<void> {
  const words = (await statusOf(page, state).textContent()) ?? '';
  expect(words.length).toBeGreaterThan(0);
  await expect.poll(async () => (await spokenOn(page)).map((s) => s.text), { message: `"${words}" read aloud`, timeout: BUSY_MS }).toContain(words);
}

/** Prints (no printer here: the PDF is kept for staff) and returns the paper's text. */
async function printed(page: Page): Promise<string> {
  const before = spooled();
  await tap(page, 'receipt-print');
  await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor();
  const added = spooled().filter((f) => !before.includes(f));
  expect(added).toHaveLength(1);
  return pdfText(join(suite.stack.host.printer.spoolDir, added[0]!));
}

/** The screen's status and case-number rows are on the paper, word for word. */
async function expectPaperMatchesScreen(page: Page, paper: string): Promise<void> {
  for (const id of ['receipt-status', 'case-number', 'provisional-number']) {
    const shown = (await page.getByTestId(id).textContent()) ?? '';
    expect(shown.length, id).toBeGreaterThan(0);
    expect(flat(paper), id).toContain(flat(shown));
  }
}

describe('the receipt follows the submission', () => {
  it('says "saved, being sent" while the court has not answered, then "delivered at HH:MM", the case number to come from the court; paper = screen', async () => {
    const g = theGate();
    g.caseNumbers = 'as_hub';
    g.holding = true;
    const { page } = await fileToReceipt('zh-CN', true);
    await g.whenHeld();
    await statusOf(page, 'saved').waitFor();
    await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor();
    await settled(page);
    await expectStateInSight(page, 'saved');
    await expectStateSpoken(page, 'saved');
    const status = page.getByTestId('receipt-status');
    expect(await status.textContent()).toBe('已保存在本终端，正在发送给法院');
    // The hub is reachable: nothing about the network while the intake is on its way.
    await page.locator('[data-testid="sync-indicator"][data-state="online"]').waitFor();
    expect(await statusOf(page, 'saved').count()).toBe(1);
    expect(await page.locator('.receipt-card').innerText()).not.toContain('网络恢复');
    await expectPaperMatchesScreen(page, await printed(page));
    await settled(page);
    await screenshot(page, 'receipt-truth-saved-zh-CN');

    g.release();
    await statusOf(page, 'delivered').waitFor();
    expect(await status.textContent()).toMatch(/^已于 \d\d:\d\d 送达法院$/);
    await page.locator('.receipt-scroll').evaluate((el) => el.scrollTo(0, 0));
    await expectStateInSight(page, 'delivered');
    await expectStateSpoken(page, 'delivered');
    const ack = g.acks.at(-1)!;
    const caseNumber = page.getByTestId('case-number');
    // The hub numbers no intake: the court gives the case its number when it diverts it.
    expect(ack.caseNumber).toBeNull();
    expect(await caseNumber.getAttribute('data-assigned')).toBe('false');
    expect(await caseNumber.textContent()).toContain('法院登记后给出案号');
    const paper = await printed(page);
    await expectPaperMatchesScreen(page, paper);
    expect(flat(paper)).not.toContain(flat('已保存在本终端'));
    await settled(page);
    await screenshot(page, 'receipt-truth-delivered-zh-CN');
  });

  it('says plainly that the court gives the case number when the acknowledgement carries none', async () => {
    const g = theGate();
    g.caseNumbers = 'withheld';
    const { page } = await fileToReceipt('en');
    await statusOf(page, 'delivered').waitFor();
    expect(await page.getByTestId('receipt-status').textContent()).toMatch(/^Delivered to the court at \d\d:\d\d$/);
    expect(g.acks.at(-1)?.caseNumber).toBeNull();
    const caseNumber = page.getByTestId('case-number');
    expect(await caseNumber.getAttribute('data-assigned')).toBe('false');
    expect(await caseNumber.textContent()).toContain('The court gives the case number when it registers the dispute');
    expect(await caseNumber.textContent()).toContain('Check my case');
    await expectPaperMatchesScreen(page, await printed(page));
    await settled(page);
    await screenshot(page, 'receipt-truth-no-case-number-en');
    await tap(page, 'elderly-toggle');
    await settled(page);
    await screenshot(page, 'receipt-truth-no-case-number-en-elderly');
    g.caseNumbers = 'as_hub';
  });

  it("leaves a resident reading the receipt's end there when the network comes and goes (the print notice stays put)", async () => {
    const g = theGate();
    await seedDraft(suite.stack, { step: 'review', reviewing: true, language: 'en', application: completeApplication() });
    const { context, page } = await kioskPage(suite.browser, withQuery(suite.stack.kioskUrl, '?receiptMs=300000'), undefined, 'review', countReceiptViews);
    await tap(page, 'elderly-toggle');
    await next(page, 'signature');
    await drawSignature(page);
    await tap(page, 'next');
    await statusOf(page, 'delivered').waitFor();
    await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor();
    await settled(page);
    await expectStateInSight(page, 'delivered');
    const area = page.locator('.receipt-scroll');
    const atEnd = () => area.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight <= 1);
    await area.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(atEnd, { message: 'scrolled to the end' }).toBe(true);
    const noticeInView = await page.getByTestId('receipt-print-message').evaluate((p) => {
      const box = p.getBoundingClientRect();
      const view = p.closest('.receipt-scroll')!.getBoundingClientRect();
      return box.bottom > view.top && box.top < view.bottom;
    });
    expect(noticeInView, 'the notice is above the end (else nothing could pull the reader back)').toBe(false);

    // Each sync status event (out of reach, reachable again) refreshes the receipt: a new view, the same delivery.
    for (const [change, online] of [
      [() => g.goDark(), 'offline'],
      [() => g.light(), 'online'],
    ] as const) {
      const before = await receiptViews(page);
      change();
      await page.locator(`[data-testid="sync-indicator"][data-state="${online}"]`).waitFor({ timeout: 30_000 });
      await expect
        .poll(
          async () => {
            const n = await receiptViews(page);
            return n.answered > before.asked && n.answered === n.asked;
          },
          { message: `receipt refreshed (${online})`, timeout: 30_000 },
        )
        .toBe(true);
      // the answer is rendered and its effects have run by the second frame after it
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      expect(await statusOf(page, 'delivered').count()).toBe(1);
      expect(await atEnd(), `still at the end after the hub went ${online}`).toBe(true);
    }
    await context.close();
  });

  it('says "sent when the network returns" only while the court is out of reach, and catches up by itself', async () => {
    const g = theGate();
    g.goDark();
    const { page } = await fileToReceipt('zh-CN', true);
    await page.locator('[data-testid="sync-indicator"][data-state="offline"]').waitFor();
    await statusOf(page, 'waiting_for_network').waitFor();
    await page.locator('[data-testid="receipt-print-message"][data-phase="failed"]').waitFor();
    await settled(page);
    await expectStateInSight(page, 'waiting_for_network');
    expect(await page.getByTestId('receipt-status').textContent()).toContain('网络恢复后会自动发送');
    await expectPaperMatchesScreen(page, await printed(page));
    await settled(page);
    await screenshot(page, 'receipt-truth-offline-zh-CN');
    // English says it in more words: still in sight at the receipt's top
    await tap(page, 'lang-en');
    await expect.poll(() => statusOf(page, 'waiting_for_network').textContent()).toContain('when the network returns');
    await page.locator('.receipt-scroll').evaluate((el) => el.scrollTo(0, 0));
    await settled(page);
    await expectStateInSight(page, 'waiting_for_network');
    await screenshot(page, 'receipt-truth-offline-en-elderly');

    g.light();
    await statusOf(page, 'delivered').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid="sync-indicator"][data-state="online"]').waitFor();
  });
});
