import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../support/hubHarness.js';
import { attractPage, axeFindings, cached, shown, startAttractStack, startOfflineKiosk, waitForShown, type AttractStack } from './support/attractStack.js';
import { launchChromium, screenshot } from './support/stack.js';

// The legal-education loop in Debian's Chromium through the browser host, with a real hub:
// three items play in order and wrap, a touch returns home at once, and every play reaches the
// hub as proof of play.

let browser: Browser;
let stack: AttractStack;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startAttractStack([
    { id: 'item-a', file: 'clip-a.webm', title: '人民调解', titleEn: "People's mediation" },
    { id: 'item-b', file: 'clip-b.webm', title: '诉前调解', titleEn: 'Pre-litigation mediation' },
    { id: 'item-c', file: 'clip-c.webm', title: '司法确认', titleEn: 'Judicial confirmation' },
  ]);
  await cached(stack, 3);
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('legal-education loop', () => {
  it('plays three items in order, wraps, returns home within 100 ms of a touch, and proof of play reaches the hub', async () => {
    const { context, page } = await attractPage(browser, stack.url('?attractMs=1500'));
    const order = await waitForShown(page, 5);
    expect(order.slice(0, 5)).toEqual(['item-a', 'item-b', 'item-c', 'item-a', 'item-b']);
    await expect(page.getByTestId('attract-caption').innerText()).resolves.toMatch(/调解|确认/);
    await screenshot(page, 'attract-zh-CN');
    expect(await axeFindings(page)).toEqual([]);

    // A touch anywhere: home is back within 100 ms, and the tap does not press a home button.
    const measuring = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let t0 = 0;
          window.addEventListener('pointerdown', () => (t0 = performance.now()), { capture: true, once: true });
          const check = () => {
            if (t0 > 0 && !document.querySelector('[data-testid="attract"]')) requestAnimationFrame(() => resolve(performance.now() - t0));
            else requestAnimationFrame(check);
          };
          check();
        }),
    );
    await page.touchscreen.tap(640, 400);
    const exitMs = await measuring;
    console.log(`attract: touch to home ${exitMs.toFixed(1)} ms`);
    expect(exitMs).toBeLessThan(100);
    await page.getByTestId('home-file-button').waitFor();
    expect(await page.locator('[data-testid="attract"]').count()).toBe(0);
    expect(await page.getAttribute('.kiosk', 'data-screen')).toBe('home'); // the waking tap pressed nothing
    await screenshot(page, 'attract-exit-home');

    // Proof of play: completed plays of each item, and the interrupted one, at the hub.
    const terminalId = stack.host.agent.config.read().terminalId;
    const plays = await waitFor(() => {
      const rows = stack.hubPlays();
      return rows.some((r) => r.reason === 'interrupted') && rows.filter((r) => r.outcome === 'completed').length >= 4 ? rows : null;
    }, 'plays at the hub', 15_000);
    expect(new Set(plays.map((p) => p.terminal_id))).toEqual(new Set([terminalId]));
    const completed = plays.filter((p) => p.outcome === 'completed').map((p) => p.item_id);
    expect(completed.slice(0, 4)).toEqual(['item-a', 'item-b', 'item-c', 'item-a']);
    for (const p of plays) expect(Date.parse(p.ended_at)).toBeGreaterThanOrEqual(Date.parse(p.started_at));
    expect((await shown(page)).length).toBeGreaterThanOrEqual(5);
    await context.close();
  });

  it('a kiosk that never reached its hub plays the bundled default content', async () => {
    const kiosk = await startOfflineKiosk();
    try {
      expect(kiosk.agent.playlist.current()).toMatchObject({ source: 'bundled' });
      expect(kiosk.agent.playlist.current().items.map((i) => i.title)).toEqual(['人民调解', '诉前调解', '司法确认']);
      const { context, page } = await attractPage(browser, kiosk.url('?attractMs=800'));
      await waitForShown(page, 1);
      expect(await shown(page)).toEqual(['default-people-mediation']);
      await page.waitForTimeout(2_500); // the clip's text has faded in
      await screenshot(page, 'attract-default-zh-CN');
      await context.close();
    } finally {
      await kiosk.close();
    }
  });
});
