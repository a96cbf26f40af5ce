import { describe, expect, it } from 'vitest';
import { ALL_WEEKDAYS } from '../../shared/schedule.js';
import { waitFor } from '../support/hubHarness.js';
import { corruptOnHub, seedHubPlaylist, undecodableClip } from '../support/playlistFixtures.js';
import { attractPage, cached, covering, idleAfter, playsAtHub, shown, shownWithVolume, startAttractStack, waitForItem, waitForShown } from './support/attractStack.js';
import { e2eSuite } from './support/kioskSuite.js';
import { seriousA11yProblems } from './support/look.js';
import { screenshot } from './support/stack.js';

// The loop when things go wrong or change: media corrupted on its way from the hub is never
// played and reported once; a verified file that will not decode is skipped and reported once;
// the schedule and the volume follow an injected clock; the loop plays on with the hub down; an
// empty playlist shows the standby screen.

const suite = e2eSuite();
const stackWith = async (...args: Parameters<typeof startAttractStack>) => suite.own(await startAttractStack(...args));
const completed = (plays: Array<{ outcome: string }>) => plays.filter((p) => p.outcome === 'completed').length;

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

    const { page } = await attractPage(suite.browser, stack.url('?attractMs=1000'));
    const order = await waitForShown(page, 5);
    expect(order.slice(0, 5)).toEqual(['item-a', 'item-c', 'item-a', 'item-c', 'item-a']);
    // The loop goes round at least twice more; everything reported until then reaches the hub
    // (the broken item's report goes out before the plays that follow it): still one report each.
    await waitForShown(page, 7);
    const plays = await playsAtHub(stack, 'six completed plays', (recorded) => completed(recorded) >= 6);
    const faults = plays.filter((p) => p.outcome === 'skipped' && p.reason !== 'interrupted');
    expect(faults.map((p) => `${p.item_id}:${p.reason}`).sort()).toEqual(['item-broken:error', 'item-corrupt:corrupt']);
    // Skipped at once: the play after the broken item's turn started as the one before it ended.
    const done = plays.filter((p) => p.outcome === 'completed');
    for (let i = 1; i < done.length; i++) {
      expect(Date.parse(done[i]!.started_at) - Date.parse(done[i - 1]!.ended_at)).toBeLessThan(1_000);
    }
    expect((await shown(page)).filter((id) => id === 'item-corrupt' || id === 'item-broken')).toEqual([]);
  });

  it('skips an item whose media stalls for the stall limit, and reports it once', async () => {
    const stack = await stackWith([
      { id: 'item-a', file: 'clip-a.webm' },
      { id: 'item-stall', file: 'clip-b.webm' },
      { id: 'item-c', file: 'clip-c.webm' },
    ]);
    await cached(stack, 3);
    const stalling = (await stack.hub.hub.playlist.store.item('item-stall'))!.sha256;
    // The kiosk's own stall limit (5 s): a shorter one would also skip good clips that a busy
    // machine is slow to load.
    // The stalling file's bytes never arrive (a hung disk, a stuck decoder): the request just hangs.
    // Routed before the page opens: the loop asks for the next item as soon as one starts.
    const { page } = await attractPage(suite.browser, stack.url('?attractMs=800'), 'zh-CN', (p) => p.route(`**/media/${stalling}.webm`, () => new Promise(() => undefined)));
    const order = await waitForShown(page, 4);
    expect(order.slice(0, 4)).toEqual(['item-a', 'item-c', 'item-a', 'item-c']);
    await waitForShown(page, 6);
    const plays = await playsAtHub(stack, 'the stall and five completed plays', (recorded) => completed(recorded) >= 5 && recorded.some((p) => p.reason === 'stalled'));
    expect(plays.filter((p) => p.reason === 'stalled').map((p) => p.item_id)).toEqual(['item-stall']);
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

    // 21:59:55 Beijing time on a Monday when the loop starts: the day item plays at 80 %; from
    // 22:00 the night item, muted. The 5 s before the boundary are the loop's own stall limit:
    // a first clip slower than that to show would be skipped by the kiosk itself.
    const { page } = await attractPage(suite.browser, stack.url(`?attractMs=800&clock=${encodeURIComponent('2026-03-02T21:59:55+08:00')}`));
    await waitForItem(page, 'night');
    const [first, ...rest] = await shownWithVolume(page);
    expect(first).toEqual({ item: 'day', volume: '0.8' });
    expect(rest[rest.length - 1]).toEqual({ item: 'night', volume: '0' });
    // After the boundary only the night item is scheduled: it loops on its own; the expired item never plays.
    await waitFor(() => stack.host.agent.plays.list().filter((p) => p.itemId === 'night' && p.outcome === 'completed').length >= 2 || null, 'night item twice');
    expect(await shown(page)).toEqual(['day', 'night']);
  });

  it('keeps playing the cached playlist with the hub down, and shows standby when nothing is scheduled', async () => {
    const stack = await stackWith([
      { id: 'item-a', file: 'clip-a.webm' },
      { id: 'item-b', file: 'clip-b.webm' },
    ]);
    await cached(stack, 2);
    // A visitor switches to English and walks away. The tap is made while the court's idle delay
    // is the default 60 s (it cannot race the loop); then the court shortens it, and the hub goes.
    const { page } = await attractPage(suite.browser, stack.url(''), 'en');
    await page.getByTestId('lang-en').tap();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await idleAfter(stack, 10);
    await stack.hub.close();
    await waitFor(async () => !(await stack.host.agent.dispatch('sync.status', undefined).then((r) => r.ok && (r.value as { hubReachable: boolean }).hubReachable)) || null, 'hub seen down');
    const order = await waitForShown(page, 3);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(order.slice(0, 3)).toEqual(['item-a', 'item-b', 'item-a']);
    expect(stack.host.agent.plays.list().length).toBeGreaterThan(0); // recorded, waiting in the outbox
    await screenshot(page, 'attract-en');
    await page.context().close();

    // An empty playlist: the standby screen, in English (switched to, as above, before the
    // court's delay is shortened)…
    const empty = await stackWith([]);
    const english = await attractPage(suite.browser, empty.url(''));
    await english.page.getByTestId('lang-en').tap();
    await english.page.waitForFunction(() => document.documentElement.lang === 'en');
    await idleAfter(empty, 10);
    await english.page.getByTestId('attract-standby').waitFor({ timeout: 30_000 });
    await screenshot(english.page, 'attract-standby-en');
    expect(await seriousA11yProblems(english.page, 'standby-en')).toEqual([]);
    await english.context.close();

    // …and in Chinese. A touch wakes it and is spent; left alone it comes back, and content that
    // arrives while it shows starts the loop by itself.
    const standby = await attractPage(suite.browser, empty.url('?attractMs=1500&recheckMs=1000'));
    await standby.page.getByTestId('attract-standby').waitFor();
    await screenshot(standby.page, 'attract-standby-zh-CN');
    expect(await seriousA11yProblems(standby.page, 'standby-zh-CN')).toEqual([]);
    await covering(standby.page);
    await standby.page.touchscreen.tap(640, 400);
    await standby.page.locator('.attract-shield').waitFor({ state: 'detached' }); // the waking touch is spent
    expect(await standby.page.getAttribute('.kiosk', 'data-screen')).toBe('home'); // and pressed nothing
    await standby.page.getByTestId('attract-standby').waitFor();
    await seedHubPlaylist(empty.hub.hub, [{ id: 'late', file: 'clip-c.webm' }]);
    await waitForItem(standby.page, 'late');
  });
});
