import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProvisionalNumber } from '../../renderer/receipt/ProvisionalNumber.js';
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
      contents: [
        "export { showFirstProblem } from './renderer/ui/firstProblem.ts';",
        "export { holdsFocusable } from './renderer/ui/focusable.ts';",
        "export { ScrollArea } from './renderer/ui/ScrollArea.tsx';",
        "export { createElement } from 'react';",
        "export { createRoot } from 'react-dom/client';",
      ].join(' '),
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    loader: { '.css': 'empty' },
    define: { 'process.env.NODE_ENV': '"production"' },
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

/** Each character's place in the number `el`: the lines it makes, and how many lie past the inside of its box (its parent less border and padding). */
function numberLines(el: Element): { lines: string[]; outside: number; text: string | null; fontPx: number } {
  const box = el.parentElement!;
  const style = getComputedStyle(box);
  const rect = box.getBoundingClientRect();
  const inner = {
    left: rect.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft),
    right: rect.right - parseFloat(style.borderRightWidth) - parseFloat(style.paddingRight),
  };
  const lines: string[] = [];
  let lastTop: number | null = null;
  let outside = 0;
  for (const node of [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE)) {
    for (let i = 0; i < node.textContent!.length; i++) {
      const range = document.createRange();
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      if (r.left < inner.left || r.right > inner.right) outside++;
      const char = node.textContent!.charAt(i);
      if (lastTop === null || Math.abs(r.top - lastTop) > r.height / 2) lines.push(char);
      else lines.push(`${lines.pop() ?? ''}${char}`);
      lastTop = r.top;
    }
  }
  return { lines, outside, text: el.textContent, fontPx: parseFloat(getComputedStyle(el).fontSize) };
}

// Terminal ids are the installer's (KIOSK_TERMINAL_ID, an EntityId: up to 80 characters): the
// default form, npm start's, a court's longer name, and the longest an id may be.
const longestId = 'KSK-HAIDIAN-PEOPLES-COURT-ZHONGGUANCUN-TRIBUNAL-SERVICE-HALL-NORTH-ENTRANCE-0001';
const numbers = ['KSK-0ECD51-261207-0002', 'KSK-LOCAL-01-261207-0002', 'KSK-COURT-QILIHE-01-261207-0002', `${longestId}-261207-0002`];

// The receipt screen's own CSS, for its number boxes drawn on a page of their own.
const receiptCss = ['renderer/styles/tokens.css', 'renderer/receipt/receipt.css'].map((f) => readFileSync(f, 'utf8')).join('\n');

describe('ScrollArea', () => {
  it('is a Tab stop (tabindex 0) while a class or style hides its only control, and gives it up (-1) when the control is shown', async () => {
    const page = await pageWith('<style>.gone { display: none }</style><div id="root"></div>');
    await page.evaluate(() => {
      type Rules = { ScrollArea: unknown; createElement: (...args: unknown[]) => unknown; createRoot: (el: Element) => { render(node: unknown): void } };
      const { ScrollArea, createElement, createRoot } = (window as unknown as { screenRules: Rules }).screenRules;
      createRoot(document.getElementById('root')!).render(createElement(ScrollArea, { testId: 'area' }, createElement('button', { id: 'only' }, 'only control')));
    });
    const stop = () => page.getByTestId('area').getAttribute('tabindex');
    const toggle = (change: 'class' | 'style', hidden: boolean) =>
      page.evaluate(
        ({ change, hidden }) => {
          const button = document.getElementById('only')!;
          if (change === 'class') button.classList.toggle('gone', hidden);
          else button.style.display = hidden ? 'none' : '';
        },
        { change, hidden },
      );
    await expect.poll(stop).toBe('-1'); // the control shown: not a stop of its own
    for (const change of ['class', 'style'] as const) {
      await toggle(change, true);
      await expect.poll(stop).toBe('0'); // its only control hidden: the area is the stop
      await toggle(change, false);
      await expect.poll(stop).toBe('-1');
    }
    await page.context().close();
  });
});

describe('the printed receipt', () => {
  it.each(numbers)('prints %s whole within the 72 mm the printer prints, breaking only after a hyphen', async (provisional) => {
    expect(longestId).toHaveLength(80);
    const doc = queuedReceiptDocument(provisional, 'en');
    const context = await suite.browser.newContext({ viewport: { width: 400, height: 800 } });
    const page = await context.newPage();
    await page.setContent(receiptHtml(doc));
    await page.evaluate(() => document.fonts.ready);
    const number = await page.locator('.number strong').evaluate(numberLines);
    expect(number.text, 'every character printed').toBe(provisional);
    expect(number.outside, 'characters past the printable width').toBe(0);
    if (provisional.length <= 31) expect(number.lines, 'one line').toHaveLength(1);
    else expect(number.lines.length, 'too long for one legible line').toBeGreaterThan(1);
    for (const line of number.lines.slice(0, -1)) expect(line, 'a line ends only after a hyphen').toMatch(/-$/);
    await context.close();
  });
});

describe("the receipt card's number", () => {
  // The card's number box as the receipt screen draws it (its own component and CSS), at a wide
  // card (landscape) and a narrow one, in both modes.
  const boxes = [
    { width: 800, elderly: false },
    { width: 800, elderly: true },
    { width: 420, elderly: true },
  ];

  it.each(numbers)('shows %s whole inside the card, breaking only after a hyphen', async (provisional) => {
    const page = await pageWith('');
    await page.addStyleTag({ content: receiptCss });
    for (const { width, elderly } of boxes) {
      const markup = renderToStaticMarkup(createElement(ProvisionalNumber, { number: provisional }));
      await page.evaluate(
        ({ markup, width, elderly }) => {
          document.body.className = elderly ? 'elderly' : '';
          document.body.innerHTML = `<div class="receipt-number" style="width:${width}px">${markup}</div>`;
        },
        { markup, width, elderly },
      );
      const number = await page.getByTestId('provisional-number').evaluate(numberLines);
      const where = `${width} px${elderly ? ' elderly' : ''}`;
      expect(number.text, `every character shown (${where})`).toBe(provisional);
      expect(number.outside, `characters past the card's box (${where})`).toBe(0);
      expect(number.fontPx, `no smaller than --font-lg (${where})`).toBeGreaterThanOrEqual(26);
      if (width === 800 && provisional.length <= 31) expect(number.lines, `one line (${where})`).toHaveLength(1);
      if (provisional.length > 80) expect(number.lines.length, `too long for one legible line (${where})`).toBeGreaterThan(1);
      for (const line of number.lines.slice(0, -1)) expect(line, `a line ends only after a hyphen (${where})`).toMatch(/-$/);
    }
    await page.context().close();
  });
});

describe("the failed print's notice", () => {
  // The notice under the receipt's number as the receipt screen draws it (its CSS, the notice naming
  // the number through ProvisionalNumber), on a wide landscape display, a short one (1280×800) and
  // portrait, in both modes.
  const displays = [
    { width: 1920, height: 1080, elderly: false },
    { width: 1920, height: 1080, elderly: true },
    { width: 1280, height: 800, elderly: true },
    { width: 1080, height: 1920, elderly: true },
  ];

  it.each(numbers)('names %s whole inside its column, breaking only after a hyphen, and the column keeps its width', async (provisional) => {
    const page = await pageWith('');
    await page.addStyleTag({ content: receiptCss });
    const inline = renderToStaticMarkup(createElement(ProvisionalNumber, { number: provisional, inline: true }));
    for (const { width, height, elderly } of displays) {
      await page.setViewportSize({ width, height });
      const column = await page.evaluate(
        ({ inline, elderly }) => {
          document.body.className = elderly ? 'elderly' : '';
          document.body.innerHTML = `<div style="width:900px"><div class="receipt-main"><p class="receipt-print-message is-failed">Please note your provisional number: ${inline}</p></div></div>`;
          return { width: document.querySelector('.receipt-main')!.getBoundingClientRect().width, own: 900 };
        },
        { inline, elderly },
      );
      const number = await page.getByTestId('receipt-print-number').evaluate(numberLines);
      const where = `${width}×${height}${elderly ? ' elderly' : ''}`;
      expect(column.width, `the column keeps its width (${where})`).toBeCloseTo(column.own, 0);
      expect(number.text, `every character shown (${where})`).toBe(provisional);
      expect(number.outside, `characters past the column (${where})`).toBe(0);
      expect(number.fontPx, `no smaller than --font-2xs (${where})`).toBeGreaterThanOrEqual(18);
      if (provisional.length <= 22) expect(number.lines, `one line (${where})`).toHaveLength(1);
      if (provisional.length > 80) expect(number.lines.length, `too long for one legible line (${where})`).toBeGreaterThan(1);
      for (const line of number.lines.slice(0, -1)) expect(line, `a line ends only after a hyphen (${where})`).toMatch(/-$/);
    }
    await page.context().close();
  });
});
