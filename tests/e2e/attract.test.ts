import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_ITEM_MS } from '../../shared/playlist.js';
import { waitFor } from '../support/hubHarness.js';
import { seedHubPlaylist } from '../support/playlistFixtures.js';
import { attractPage, cached, covering, playsAtHub, shown, startAttractStack, startOfflineKiosk, waitForItem, waitForShown } from './support/attractStack.js';
import { e2eSuite } from './support/kioskSuite.js';
import { seriousA11yProblems } from './support/look.js';
import { screenshot } from './support/stack.js';

// The legal-education loop in Debian's Chromium through the browser host, with a real hub:
// three items play in order and wrap, a touch returns home at once, and every play reaches the
// hub as proof of play.

const suite = e2eSuite({
  start: async () => {
    const stack = await startAttractStack([
      { id: 'item-a', file: 'clip-a.webm', title: '人民调解', titleEn: "People's mediation" },
      { id: 'item-b', file: 'clip-b.webm', title: '诉前调解', titleEn: 'Pre-litigation mediation' },
      { id: 'item-c', file: 'clip-c.webm', title: '司法确认', titleEn: 'Judicial confirmation' },
    ]);
    await cached(stack, 3);
    return stack;
  },
});

describe('legal-education loop', () => {
  it('plays three items in order, wraps, returns home in the frame of a touch, and proof of play reaches the hub', async () => {
    const stack = suite.stack;
    const { page } = await attractPage(suite.browser, stack.url('?attractMs=1500'));
    const order = await waitForShown(page, 5);
    expect(order.slice(0, 5)).toEqual(['item-a', 'item-b', 'item-c', 'item-a', 'item-b']);
    await expect(page.getByTestId('attract-caption').innerText()).resolves.toMatch(/调解|确认/);
    await screenshot(page, 'attract-zh-CN');
    expect(await seriousA11yProblems(page, 'attract')).toEqual([]);

    // The court adds a poster shown for half an hour: the touch below lands while it plays, so the
    // kiosk must report it interrupted (a 1 s clip may just as well be at its last frame).
    await seedHubPlaylist(stack.hub.hub, [{ id: 'poster', bytes: readFileSync(resolve('assets/playlist/judicial-confirmation.png')), mimeType: 'image/png', durationMs: MAX_ITEM_MS, order: 40 }]);
    await cached(stack, 4);
    await waitForItem(page, 'poster');
    await covering(page);

    // A touch anywhere: home is back by the first frame after it, and the tap presses nothing on home.
    const framesWithLoop = page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          window.addEventListener(
            'pointerdown',
            () => {
              let frames = 0;
              const check = () => {
                if (!document.querySelector('[data-testid="attract"]')) resolve(frames);
                else {
                  frames++;
                  requestAnimationFrame(check);
                }
              };
              requestAnimationFrame(check);
            },
            { capture: true, once: true },
          );
        }),
    );
    await page.touchscreen.tap(640, 400);
    expect(await framesWithLoop).toBe(0);
    await page.getByTestId('home-file-button').waitFor();
    expect(await page.locator('[data-testid="attract"]').count()).toBe(0);
    expect(await page.getAttribute('.kiosk', 'data-screen')).toBe('home'); // the waking tap pressed nothing
    await screenshot(page, 'attract-exit-home');

    // Proof of play: every play the kiosk recorded is at the hub, the poster's as interrupted.
    const terminalId = stack.host.agent.config.read().terminalId;
    const plays = await playsAtHub(stack, 'the play of the poster', (recorded) => recorded.some((p) => p.itemId === 'poster'));
    expect(new Set(plays.map((p) => p.terminal_id))).toEqual(new Set([terminalId]));
    expect(plays.filter((p) => p.item_id === 'poster').map((p) => `${p.outcome}:${p.reason}`)).toEqual(['skipped:interrupted']);
    const completed = plays.filter((p) => p.outcome === 'completed').map((p) => p.item_id);
    expect(completed.slice(0, 4)).toEqual(['item-a', 'item-b', 'item-c', 'item-a']);
    for (const p of plays) expect(Date.parse(p.ended_at)).toBeGreaterThanOrEqual(Date.parse(p.started_at));
    expect((await shown(page)).length).toBeGreaterThanOrEqual(6);
  });

  it('a kiosk that never reached its hub plays the bundled default content', async () => {
    const kiosk = suite.own(await startOfflineKiosk());
    // The browser host starts its playlist after the page's first call (or 3 s): cold start, issue 16.
    await waitFor(() => kiosk.agent.playlist.current().items.length === 3 || null, 'the three bundled items');
    expect(kiosk.agent.playlist.current()).toMatchObject({ source: 'bundled' });
    expect(kiosk.agent.playlist.current().items.map((i) => i.title)).toEqual(['人民调解', '诉前调解', '司法确认']);
    const { page } = await attractPage(suite.browser, kiosk.url('?attractMs=800'));
    await waitForShown(page, 1);
    expect(await shown(page)).toEqual(['default-people-mediation']);
    // The clip's own text has faded in by 2.5 s of its time (the clip's clock, not the test's).
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('video.is-front')?.currentTime ?? 0) >= 2.5);
    await screenshot(page, 'attract-default-zh-CN');
  });
});
