import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { receiptHtml } from '../../shared/receiptHtml.js';
import { queuedReceiptDocument } from '../support/receiptFixtures.js';
import { e2eSuite } from './support/kioskSuite.js';

// Rules of what the resident sees where the browser's layout is the point, tested in Chromium on a
// page of their own (the kiosk's screens have no field that tall, nor an area whose only controls
// are hidden, to walk to): renderer/ui/firstProblem.ts brings the message of a field taller than
// its area into view, renderer/ui/focusable.ts counts only controls that can take focus (each the
// kiosk's own source, bundled as for the renderer), and the printed receipt (shared/receiptHtml.ts)
// keeps its number on one line.

const suite = e2eSuite();
let rules = '';

beforeAll(async () => {
  const bundled = await build({
    stdin: {
      contents: "export { showFirstProblem } from './renderer/ui/firstProblem.ts'; export { holdsFocusable } from './renderer/ui/focusable.ts';",
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    globalName: 'screenRules',
    write: false,
  });
  rules = bundled.outputFiles[0]!.text;
});

async function pageWith(body: string): Promise<Page> {
  const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.setContent(`<!doctype html><html><body style="margin:0">${body}</body></html>`);
  await page.addScriptTag({ content: rules });
  return page;
}

/** Whether `selector` lies wholly inside the visible part of `.area`. */
function inArea(page: Page, selector: string): Promise<boolean> {
  return page.evaluate((s) => {
    const box = document.querySelector(s)!.getBoundingClientRect();
    const view = document.querySelector('.area')!.getBoundingClientRect();
    return box.top >= view.top - 0.5 && box.bottom <= view.bottom + 0.5;
  }, selector);
}

describe('a refused step with a field taller than its area', () => {
  it("brings the field's message into view, not only the field's middle", async () => {
    const page = await pageWith(`
      <div class="area" style="height:400px;overflow-y:auto">
        <div style="height:600px">earlier questions</div>
        <div class="field has-error">
          <label>What happened</label>
          <textarea data-path="facts" style="display:block;height:900px;width:600px"></textarea>
          <p class="field-error" data-testid="error">Please say what happened</p>
        </div>
        <div style="height:600px">later questions</div>
      </div>`);
    expect(await inArea(page, '.field-error'), 'the message starts out of view').toBe(false);
    await page.evaluate(() => (window as unknown as { screenRules: { showFirstProblem(el: HTMLElement): void } }).screenRules.showFirstProblem(document.body));
    // scrollIntoView is instant here (no smooth behaviour asked): the area has moved when it returns
    expect(await inArea(page, '.field-error'), 'the message in view').toBe(true);
    await page.context().close();
  });
});

describe("a scrolling area's Tab stop", () => {
  it('counts a control under display:none, visibility:hidden or inert as nothing to reach', async () => {
    const page = await pageWith(`
      <div class="area" id="hidden"><button style="display:none">a</button><div style="display:none"><input></div><a href="#" style="visibility:hidden">b</a><div inert><button>c</button></div></div>
      <div class="area" id="shown"><button style="display:none">a</button><button>d</button></div>`);
    const holds = (id: string) => page.evaluate((i) => (window as unknown as { screenRules: { holdsFocusable(el: Element): boolean } }).screenRules.holdsFocusable(document.getElementById(i)!), id);
    expect(await holds('hidden'), 'only hidden controls').toBe(false);
    expect(await holds('shown'), 'one rendered control').toBe(true);
    await page.context().close();
  });
});

describe('the printed receipt', () => {
  it('keeps the provisional number on one line within the 72 mm the printer prints', async () => {
    const doc = queuedReceiptDocument('KSK-0ECD51-261207-0002', 'en');
    const context = await suite.browser.newContext({ viewport: { width: 400, height: 800 } });
    const page = await context.newPage();
    await page.setContent(receiptHtml(doc));
    await page.evaluate(() => document.fonts.ready);
    const number = await page.locator('.number strong').evaluate((el) => {
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      const box = el.parentElement!.getBoundingClientRect();
      return { lines, text: el.textContent, inside: range.getBoundingClientRect().right <= box.right && range.getBoundingClientRect().left >= box.left };
    });
    expect(number).toEqual({ lines: 1, text: 'KSK-0ECD51-261207-0002', inside: true });
    await context.close();
  });
});
