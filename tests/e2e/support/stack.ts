import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { silentLog } from '../../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../../main/browserHost/host.js';
import { tempDir } from '../../support/fixtures.js';
import { BUSY_MS, ENROLLMENT_CODE, startHub, type RunningHub } from '../../support/hubHarness.js';
import { watchCsp } from './cspWatch.js';

// The end-to-end stack: a real hub, the browser host with the real agent, the BUILT renderer
// (npm run build), and Debian's Chromium driven by playwright-core with touch input.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = resolve('test-results/screenshots');
const RENDERER_DIR = resolve('dist/renderer');

export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: chromiumArgs, headless: true });
}

export interface Stack {
  hub: RunningHub;
  host: BrowserHost;
  kioskUrl: string;
  close(): Promise<void>;
}

/** Something the kiosk reaches the hub through (tests/e2e/support/hubGate.ts), closed with the stack. */
export interface HubFront {
  url: string;
  close(): Promise<void>;
}

export async function startStack(query = '', front?: (hubUrl: string) => Promise<HubFront>): Promise<Stack> {
  const hub = await startHub();
  const via = front ? await front(hub.url) : null;
  const dataDir = tempDir('kiosk-e2e-');
  const host = await startBrowserHost({
    dataDir,
    hubUrl: via?.url ?? hub.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalName: '城关区矛调中心 1号机',
    location: '兰州市城关区',
    rendererDir: RENDERER_DIR,
    port: 0,
    log: silentLog,
    healthIntervalMs: 500,
    // End-to-end runs never reach a real printer: receipts go to <dataDir>/spool as with no `lp`.
    printer: { lpPath: join(dataDir, 'no-lp') },
  });
  const kioskUrl = `${host.bridge.origin}/${query}#secret=${host.bridge.secret}`;
  return {
    hub,
    host,
    kioskUrl,
    async close() {
      await host.close();
      await via?.close();
      await hub.close();
    },
  };
}

/** The kiosk's URL with a query (kiosk timing, e.g. `?receiptMs=…`) before its secret. */
export function withQuery(kioskUrl: string, query: string): string {
  return kioskUrl.replace('/#', `/${query}#`);
}

/** A fresh touch-screen page on the kiosk, once it shows `expect` (home, or a resumed step). */
export async function kioskPage(browser: Browser, url: string, viewport = { width: 1280, height: 800 }, expect = 'home', init?: () => void): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ hasTouch: true, isMobile: false, viewport, locale: 'zh-CN', deviceScaleFactor: 1 });
  await watchCsp(context);
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  // Two browser files share two cores with their hubs: a step may take many seconds there.
  page.setDefaultTimeout(BUSY_MS);
  await page.goto(url);
  await page.getByTestId(expect === 'home' ? 'home-file-button' : `step-${expect}`).waitFor();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
