import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_WEEKDAYS } from '../../shared/schedule.js';
import { waitFor } from '../support/hubHarness.js';
import { corruptOnHub, undecodableClip } from '../support/playlistFixtures.js';
import { attractPage, axeFindings, cached, shown, startAttractStack, waitForShown, type AttractStack } from './support/attractStack.js';
import { launchChromium, screenshot } from './support/stack.js';

// The loop when things go wrong or change: media corrupted on its way from the hub is never
// played and reported once; a verified file that will not decode is skipped and reported once;
// the schedule and the volume follow an injected clock; the loop plays on with the hub down; an
// empty playlist shows the standby screen.

let browser: Browser;
const stacks: AttractStack[] = [];
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const s of stacks) await s.close();
});
const stackWith = async (...args: Parameters<typeof startAttractStack>) => {
  const s = await startAttractStack(...args);
  stacks.push(s);
  return s;
};

describe('legal-education loop faults and schedules', () => {
  it('never plays a corrupted download or an undecodable file, skips them, and reports each once', async () => {
    const stack = await stackWith([
      { id: 'item-a', file: 'clip-a.webm' },
      { id: 'item-corrupt', file: 'clip-b.webm' },
      { id: 'item-broken', bytes: undecodableClip() },
      { id: 'item-c', file: 'clip-c.webm' },
    ]);
    corruptOnHub(stack.hub.hub, (await stack.hub.hub.playlist.store.item('item-corrupt'))!.sha256);
    await cached(stack, 3); // a, broken (its hash is right), c — never the corrupt one
    expect(stack.host.agent.playlist.current().items.map((i) => i.id)).toEqual(['item-a', 'item-broken', 'item-c']);

    const { context, page } = await attractPage(browser, stack.url('?attractMs=1000'));
    const order = await waitForShown(page, 5, 25_000);
    expect(order.slice(0, 5)).toEqual(['item-a', 'item-c', 'item-a', 'item-c', 'item-a']);
    const rows = await waitFor(() => {
      const r = stack.hubPlays();
      return r.some((p) => p.reason === 'corrupt') && r.some((p) => p.reason === 'error') ? r : null;
    }, 'fault reports at the hub');
    // The loop went round at least twice more: still one report each.
    await waitForShown(page, 7, 15_000);
    await new Promise((r) => setTimeout(r, 2_500)); // let the agent's batch go out
    const faults = stack.hubPlays().filter((p) => p.outcome === 'skipped' && p.reason !== 'interrupted');
    expect(faults.map((p) => `${p.item_id}:${p.reason}`).sort()).toEqual(['item-broken:error', 'item-corrupt:corrupt']);
    expect(rows.length).toBeGreaterThan(0);
    // Skipped within a second: the play after the broken item's turn started right after the one before.
    const completed = stack.hubPlays().filter((p) => p.outcome === 'completed');
    for (let i = 1; i < completed.length; i++) {
      expect(Date.parse(completed[i]!.started_at) - Date.parse(completed[i - 1]!.ended_at)).toBeLessThan(1_000);
    }
    expect((await shown(page)).filter((id) => id === 'item-corrupt' || id === 'item-broken')).toEqual([]);
    await context.close();
  });

  it('skips an item whose media stalls for the stall limit, and reports it once', async () => {
    const stack = await stackWith([
      { id: 'item-a', file: 'clip-a.webm' },
      { id: 'item-stall', file: 'clip-b.webm' },
      { id: 'item-c', file: 'clip-c.webm' },
    ]);
    await cached(stack, 3);
    const stalling = (await stack.hub.hub.playlist.store.item('item-stall'))!.sha256;
    const { context, page } = await attractPage(browser, stack.url('?attractMs=800&stallMs=1500'));
    // The stalling file's bytes never arrive (a hung disk, a stuck decoder): the request just hangs.
    await page.route(`**/media/${stalling}.webm`, () => new Promise(() => undefined));
    const order = await waitForShown(page, 4, 25_000);
    expect(order.slice(0, 4)).toEqual(['item-a', 'item-c', 'item-a', 'item-c']);
    await waitFor(() => stack.hubPlays().some((p) => p.reason === 'stalled') || null, 'stall report at the hub');
    await waitForShown(page, 6, 15_000);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(stack.hubPlays().filter((p) => p.reason === 'stalled').map((p) => p.item_id)).toEqual(['item-stall']);
    await context.close();
  });

  it('follows the schedule windows and the volume schedule on an injected clock', async () => {
    const stack = await stackWith([
      { id: 'day', file: 'clip-a.webm', muted: false, schedule: { startDate: null, endDate: null, weekdays: ALL_WEEKDAYS, window: { start: '08:00', end: '22:00' } } },
      { id: 'night', file: 'clip-b.webm', muted: false, schedule: { startDate: null, endDate: null, weekdays: ALL_WEEKDAYS, window: { start: '22:00', end: '08:00' } } },
      { id: 'expired', file: 'clip-c.webm', schedule: { startDate: '2020-01-01', endDate: '2020-12-31', weekdays: ALL_WEEKDAYS, window: null } },
    ]);
    const store = stack.hub.hub.playlist.store;
    await store.saveSettings({ ...(await store.settings()), volume: { level: 0.8, windows: [{ start: '22:00', end: '07:00', level: 0 }] } });
    await cached(stack, 3);
    await waitFor(() => stack.host.agent.playlist.current().settings.volume.level === 0.8 || null, 'settings at the kiosk');

    // 21:59:57 Beijing time on a Monday: the day item plays at 80 %; from 22:00 the night item, muted.
    const { context, page } = await attractPage(browser, stack.url(`?attractMs=800&clock=${encodeURIComponent('2026-03-02T21:59:57+08:00')}`));
    await waitForShown(page, 1);
    expect(await shown(page)).toEqual(['day']);
    const volume = () => page.evaluate(() => document.querySelector<HTMLVideoElement>('video.is-front')?.dataset.volume ?? null);
    expect(await volume()).toBe('0.8');
    await page.waitForFunction(() => document.querySelector('[data-testid="attract"]')?.getAttribute('data-item') === 'night', null, { timeout: 8_000 });
    expect(await volume()).toBe('0');
    // After the boundary only the night item is scheduled: it loops on its own; the expired item never plays.
    await waitFor(() => stack.host.agent.plays.list().filter((p) => p.itemId === 'night' && p.outcome === 'completed').length >= 2 || null, 'night item twice');
    expect(await shown(page)).toEqual(['day', 'night']);
    await context.close();
  });

  it('keeps playing the cached playlist with the hub down, and shows standby when nothing is scheduled', async () => {
    const stack = await stackWith([
      { id: 'item-a', file: 'clip-a.webm' },
      { id: 'item-b', file: 'clip-b.webm' },
    ]);
    await cached(stack, 2);
    await stack.hub.close();
    await waitFor(async () => !(await stack.host.agent.dispatch('sync.status', undefined).then((r) => r.ok && (r.value as { hubReachable: boolean }).hubReachable)) || null, 'hub seen down');
    const { context, page } = await attractPage(browser, stack.url('?attractMs=1500'), 'en');
    await page.getByTestId('lang-en').tap(); // a visitor switched to English, then walked away
    const order = await waitForShown(page, 3);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(order.slice(0, 3)).toEqual(['item-a', 'item-b', 'item-a']);
    expect(stack.host.agent.plays.list().length).toBeGreaterThan(0); // recorded, waiting in the outbox
    await screenshot(page, 'attract-en');
    await context.close();

    // An empty playlist: the standby screen, in both languages.
    const empty = await stackWith([]);
    const standby = await attractPage(browser, empty.url('?attractMs=1500&recheckMs=1000'));
    await standby.page.getByTestId('attract-standby').waitFor();
    await screenshot(standby.page, 'attract-standby-zh-CN');
    expect(await axeFindings(standby.page)).toEqual([]);
    await standby.page.touchscreen.tap(640, 400);
    await standby.page.locator('.attract-shield').waitFor({ state: 'detached' }); // the waking touch is spent
    await standby.page.getByTestId('lang-en').tap();
    await standby.page.getByTestId('attract-standby').waitFor();
    await screenshot(standby.page, 'attract-standby-en');
    // Content arrives while on standby: the loop starts by itself.
    const { seedHubPlaylist } = await import('../support/playlistFixtures.js');
    await seedHubPlaylist(empty.hub.hub, [{ id: 'late', file: 'clip-c.webm' }]);
    await standby.page.waitForFunction(() => document.querySelector('[data-testid="attract"]')?.getAttribute('data-item') === 'late', null, { timeout: 15_000 });
    await standby.context.close();
  });
});
