import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { silentLog } from '../../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../../main/browserHost/host.js';
import { tempDir } from '../../support/fixtures.js';
import { ENROLLMENT_CODE, freePort, startHub, waitFor, type RunningHub } from '../../support/hubHarness.js';
import { seedHubPlaylist, type SeedItem } from '../../support/playlistFixtures.js';

// The end-to-end stack for the legal-education loop: a hub whose playlist the test sets, a
// browser host whose agent polls it quickly, and helpers to watch what the kiosk shows.

export interface AttractStack {
  hub: RunningHub;
  host: BrowserHost;
  url(query: string): string;
  /** Proof-of-play rows the hub holds. */
  hubPlays(): Array<{ item_id: string; outcome: string; reason: string | null; terminal_id: string; started_at: string; ended_at: string }>;
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
        return db.prepare('SELECT item_id, outcome, reason, terminal_id, started_at, ended_at FROM plays ORDER BY started_at').all() as never;
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

/** A kiosk that has never reached its hub (nothing listens there): it can only play the bundled defaults. */
export async function startOfflineKiosk(): Promise<BrowserHost & { url(query: string): string }> {
  const host = await startBrowserHost({
    dataDir: tempDir('kiosk-offline-'),
    hubUrl: `http://127.0.0.1:${await freePort()}`,
    enrollmentCode: ENROLLMENT_CODE,
    rendererDir: resolve('dist/renderer'),
    port: 0,
    log: silentLog,
    healthIntervalMs: 500,
  });
  return Object.assign(host, { url: (query: string) => `${host.bridge.origin}/${query}#secret=${host.bridge.secret}` });
}

/** Waits until the agent has verified `count` playable items (so the loop does not start short). */
export function cached(stack: AttractStack, count: number): Promise<true> {
  return waitFor(() => stack.host.agent.playlist.current().items.length >= count || null, `${count} cached items`, 15_000);
}

export async function attractPage(browser: Browser, url: string, locale = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 }, locale, deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  // Record every item the loop shows, from the very first one.
  await page.addInitScript(() => {
    const w = window as unknown as { __shown: string[] };
    w.__shown = [];
    new MutationObserver(() => {
      const el = document.querySelector('[data-testid="attract"]');
      const item = el?.getAttribute('data-item');
      if (item && w.__shown[w.__shown.length - 1] !== item) w.__shown.push(item);
      if (!el && w.__shown[w.__shown.length - 1] !== '') w.__shown.push('');
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-item'] });
  });
  await page.goto(url);
  await page.getByTestId('home-file-button').waitFor();
  return { context, page };
}

/** Items shown so far (an empty string marks a return to home). */
export function shown(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __shown: string[] }).__shown.filter(Boolean));
}

export async function waitForShown(page: Page, count: number, timeoutMs = 20_000): Promise<string[]> {
  await page.waitForFunction((n) => (window as unknown as { __shown: string[] }).__shown.filter(Boolean).length >= n, count, { timeout: timeoutMs });
  return shown(page);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's serious and critical findings on the page as it is now. */
export async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
