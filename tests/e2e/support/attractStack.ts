import { createServer, type AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { silentLog } from '../../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../../main/browserHost/host.js';
import { tempDir } from '../../support/fixtures.js';
import { BUSY_MS, ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../../support/hubHarness.js';
import { seedHubPlaylist, type SeedItem } from '../../support/playlistFixtures.js';
import { watchCsp } from './cspWatch.js';

// The end-to-end stack for the legal-education loop: a hub whose playlist the test sets, a
// browser host whose agent polls it quickly, and helpers to watch what the kiosk shows. Tests
// wait for what the kiosk does (an item shown, the loop covering the screen, plays at the hub),
// never for a time; a tap that must reach home is made while the court's idle delay is long.

export interface AttractStack {
  hub: RunningHub;
  host: BrowserHost;
  url(query: string): string;
  /** Proof-of-play rows the hub holds. */
  hubPlays(): Array<{ play_id: string; item_id: string; outcome: string; reason: string | null; terminal_id: string; started_at: string; ended_at: string }>;
  close(): Promise<void>;
}

export async function startAttractStack(items: SeedItem[], options: { bundled?: boolean } = {}): Promise<AttractStack> {
  const hub = await startHub({ playlist: { defaultPlaylistDir: null } });
  await seedHubPlaylist(hub.hub, items);
  const host = await startBrowserHost({
    dataDir: tempDir('kiosk-attract-'),
    hubUrl: hub.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalName: '城关区矛调中心 2号机',
    rendererDir: resolve('dist/renderer'),
    port: 0,
    log: silentLog,
    healthIntervalMs: 500,
    playlistPollMs: 500,
    bundledPlaylistDir: options.bundled ? undefined : null,
  });
  let closed = false;
  return {
    hub,
    host,
    url: (query) => `${host.bridge.origin}/${query}#secret=${host.bridge.secret}`,
    hubPlays() {
      const db = new Database(resolve(hub.dataDir, 'hub.sqlite'), { readonly: true });
      try {
        return db.prepare('SELECT play_id, item_id, outcome, reason, terminal_id, started_at, ended_at FROM plays ORDER BY started_at').all() as never;
      } finally {
        db.close();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await host.close();
      await hub.close();
    },
  };
}

/** A kiosk that has never reached its hub (every connection is dropped): it can only play the bundled defaults. */
export async function startOfflineKiosk(): Promise<BrowserHost & { url(query: string): string }> {
  // Held by us for the kiosk's life, so no other process can answer there.
  const nowhere = createServer((socket) => socket.destroy());
  await new Promise<void>((r) => nowhere.listen(0, '127.0.0.1', () => r()));
  const host = await startBrowserHost({
    dataDir: tempDir('kiosk-offline-'),
    hubUrl: `http://127.0.0.1:${(nowhere.address() as AddressInfo).port}`,
    enrollmentCode: ENROLLMENT_CODE,
    rendererDir: resolve('dist/renderer'),
    port: 0,
    log: silentLog,
    healthIntervalMs: 500,
  });
  const close = host.close.bind(host);
  return Object.assign(host, {
    url: (query: string) => `${host.bridge.origin}/${query}#secret=${host.bridge.secret}`,
    close: () => close().finally(() => new Promise<void>((r) => nowhere.close(() => r()))),
  });
}

/**
 * The court sets the idle delay (seconds untouched on home before the loop) and the kiosk has
 * it. Tests keep the default 60 s while they tap home (a tap cannot race the loop), then shorten
 * it to let the loop start; the page re-arms its count from the moment the setting arrives.
 */
export async function idleAfter(stack: AttractStack, seconds: number): Promise<void> {
  const store = stack.hub.hub.playlist.store;
  await store.saveSettings({ ...(await store.settings()), attractAfterSeconds: seconds });
  await waitFor(() => stack.host.agent.playlist.current().settings.attractAfterSeconds === seconds || null, `idle delay ${seconds} s at the kiosk`);
}

type PlayRow = ReturnType<AttractStack['hubPlays']>[number];
type AgentPlay = ReturnType<BrowserHost['agent']['plays']['list']>[number];

/**
 * Waits until the kiosk's agent has recorded plays for which `ready` holds (the renderer reports
 * each play as it ends), then until every one of those is at the hub (the agent sends them in
 * batches); returns the hub's rows. The loop may go on playing meanwhile: later plays are not
 * waited for.
 */
export async function playsAtHub(stack: AttractStack, what: string, ready: (plays: AgentPlay[]) => boolean): Promise<PlayRow[]> {
  const recorded = await waitFor(() => {
    const plays = stack.host.agent.plays.list();
    return ready(plays) ? plays : null;
  }, `${what} recorded at the kiosk`);
  const ids = new Set(recorded.map((p) => p.playId));
  return waitFor(
    () => {
      const rows = stack.hubPlays();
      const there = new Set(rows.map((r) => r.play_id));
      return [...ids].every((id) => there.has(id)) ? rows : null;
    },
    `${what} at the hub`,
    30_000,
  );
}

/**
 * Waits until the agent has verified `count` playable items (so the loop does not start short).
 * Each look makes the agent poll the hub now: the test does not wait out its retry timers.
 */
export function cached(stack: AttractStack, count: number): Promise<true> {
  const playlist = stack.host.agent.playlist;
  const enough = () => playlist.current().items.length >= count;
  return waitFor(async () => enough() || (await playlist.refresh(), enough()) || null, `${count} cached items`);
}

/**
 * A kiosk page on the attract loop. `before` runs on the page before it opens (routes a test
 * installs there see every request: the loop loads its next item as soon as one starts, so a
 * route installed after the page opened can come after the very request it was for).
 */
export async function attractPage(browser: Browser, url: string, locale = 'zh-CN', before?: (page: Page) => Promise<unknown>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 }, locale, deviceScaleFactor: 1 });
  await watchCsp(context);
  const page = await context.newPage();
  page.setDefaultTimeout(BUSY_MS);
  // Record every item the loop shows, from the very first one, with the volume it started at
  // (read as it appears: a schedule boundary a moment later cannot change what is recorded).
  await page.addInitScript(() => {
    const w = window as unknown as { __shown: string[]; __volumes: Array<string | null> };
    w.__shown = [];
    w.__volumes = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="attract"]');
      const item = el?.getAttribute('data-item');
      if (item && w.__shown[w.__shown.length - 1] !== item) {
        w.__shown.push(item);
        w.__volumes.push(document.querySelector<HTMLElement>('.attract-media.is-front')?.dataset.volume ?? null);
      }
      if (!el && w.__shown[w.__shown.length - 1] !== '') {
        w.__shown.push('');
        w.__volumes.push(null);
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-item'] });
  });
  await before?.(page);
  await page.goto(url);
  await page.getByTestId('home-file-button').waitFor();
  return { context, page };
}

/** Items shown so far (an empty string marks a return to home). */
export function shown(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __shown: string[] }).__shown.filter(Boolean));
}

/** Items shown so far, each with the volume it started at ("0.8", "0"; null for an image). */
export function shownWithVolume(page: Page): Promise<Array<{ item: string; volume: string | null }>> {
  return page.evaluate(() => {
    const w = window as unknown as { __shown: string[]; __volumes: Array<string | null> };
    return w.__shown.map((item, i) => ({ item, volume: w.__volumes[i] ?? null })).filter((s) => s.item !== '');
  });
}

/** A wait on the loop that, when it fails, says what the loop had shown. */
async function watching(page: Page, wait: Promise<unknown>): Promise<void> {
  await wait.catch(async (error: Error) => {
    const so = await shownWithVolume(page).catch(() => 'unknown');
    throw new Error(`${error.message}\nshown so far: ${JSON.stringify(so)}`);
  });
}

export async function waitForShown(page: Page, count: number, timeoutMs = BUSY_MS): Promise<string[]> {
  await watching(
    page,
    page.waitForFunction((n) => (window as unknown as { __shown: string[] }).__shown.filter(Boolean).length >= n, count, { timeout: timeoutMs }),
  );
  return shown(page);
}

/** Waits until the loop shows `item`. */
export async function waitForItem(page: Page, item: string, timeoutMs = BUSY_MS): Promise<void> {
  await watching(
    page,
    page.waitForFunction((id) => (window as unknown as { __shown: string[] }).__shown.includes(id), item, { timeout: timeoutMs }),
  );
}

/** Waits until the loop (or standby) has taken over the screen's touches: a tap now wakes it. */
export async function covering(page: Page): Promise<void> {
  await page.locator('[data-testid="attract"].is-covering').waitFor();
}
