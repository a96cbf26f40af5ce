import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helpRequestPath } from '../../shared/terminals/helpRequest.js';
import { seedCourt } from '../support/courtFixture.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { enrolledTerminal, healthyHeartbeat, sendHeartbeat } from '../support/heartbeats.js';
import { BUSY_MS, startHub, type RunningHub } from '../support/hubHarness.js';
import { launchChromium, screenshot } from './support/stack.js';

// The console's terminal list (终端) and the dashboard's help-request figures in Chromium: zh-CN and
// English, the list, a terminal's page, a count clicked opening the requests it counts; screenshots.

let running: RunningHub;
let browser: Browser;
let adminToken: string;
let viewerToken: string;

beforeAll(async () => {
  running = await startHub();
  await seedCourt(running.hub.database);
  browser = await launchChromium();
  const well = await enrolledTerminal(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '西园街道综治中心自助终端1');
  const cover = await enrolledTerminal(running, 'kiosk-xiyuan-2', 'centre-xiyuan', '西园街道综治中心自助终端2');
  const hall = await enrolledTerminal(running, 'counter-hall-1', 'court-hall', '诉讼服务中心远程柜台1');
  await enrolledTerminal(running, 'kiosk-hall-9', 'court-hall', '诉讼服务中心自助终端9');
  await sendHeartbeat(running, well, healthyHeartbeat({ appVersion: '1.4.2' }));
  await sendHeartbeat(running, cover, healthyHeartbeat({ devices: { camera: 'missing', microphone: 'ok', printer: 'cover_open' }, outbox: { depth: 3, oldestAgeS: 60, parked: 0 } }));
  await sendHeartbeat(running, hall, healthyHeartbeat({ screen: 'intake' }));
  for (const [credential, requestId, minutes] of [
    [well, 'help-well-00001', 25],
    [well, 'help-well-00002', 3],
    [hall, 'help-hall-00001', 9],
  ] as const) {
    const res = await fetch(`${running.url}${helpRequestPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body: JSON.stringify({ requestId, reason: requestId === 'help-well-00001' ? 'rareCharacter' : 'general', screen: 'intake', at: new Date(Date.now() - minutes * 60_000).toISOString() }),
    });
    expect(res.status).toBe(204);
  }
  adminToken = (await signedInStaff(running.hub, 'court_admin')).token;
  viewerToken = (await signedInStaff(running.hub, 'dashboard_viewer')).token;
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

async function open(token: string, lang: 'zh' | 'en', path: string): Promise<Page> {
  const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en' });
  await context.addCookies([
    { name: 'hub_session', value: token, url: running.url },
    { name: 'console_lang', value: lang, url: running.url },
  ]);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  page.setDefaultTimeout(BUSY_MS);
  await page.goto(`${running.url}${path}`);
  return page;
}

const screens = [
  [1280, 800],
  [1920, 1080],
] as const;

/** How many lines the console's menu takes (an admin's is the longest): one, at every screen here. */
const menuLines = (page: Page) => page.evaluate(() => new Set([...document.querySelectorAll('header nav a')].map((a) => Math.round(a.getBoundingClientRect().top))).size);

describe('console terminal list', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`lists the terminals and opens one (${lang})`, async () => {
      const page = await open(adminToken, lang, '/console/terminals');
      await page.locator('tr[data-terminal="kiosk-xiyuan-2"]').waitFor();
      await expect.poll(() => page.locator('[data-count="degraded"]').textContent()).toBe('1');
      await expect.poll(() => page.locator('[data-count="never_seen"]').textContent()).toBe('1');
      await screenshot(page, `console-terminals-${lang}`);
      // an IT clerk's laptop and the court's big monitor: nothing cut off or overlapping at either
      for (const [width, height] of screens) {
        await page.setViewportSize({ width, height });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
        expect(await menuLines(page), `${lang} ${width}`).toBe(1);
        await screenshot(page, `console-terminals-${lang}-${width}`);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.locator('tr[data-terminal="kiosk-xiyuan-2"] a').click();
      await page.locator('[data-alert-row="printer_cover_open"]').waitFor();
      await screenshot(page, `console-terminal-detail-${lang}`);
      for (const [width, height] of screens) {
        await page.setViewportSize({ width, height });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
        await screenshot(page, `console-terminal-detail-${lang}-${width}`);
      }
      await page.context().close();
    });
  }
});

describe('dashboard help requests', () => {
  for (const lang of ['zh', 'en'] as const) {
    it(`counts open requests per site and lists what a count counts (${lang})`, async () => {
      const page = await open(viewerToken, lang, `/dashboard${lang === 'en' ? '?lang=en' : ''}`);
      await page.locator('#root[data-loaded="true"]').waitFor();
      await expect.poll(() => page.locator('[data-help-count="centre-xiyuan"]').textContent()).toBe('2');
      await page.locator('[data-help-count="centre-xiyuan"]').click();
      await expect.poll(() => page.locator('.help-list tbody tr').count()).toBe(2);
      await page.locator('[data-help-count="court"]').click();
      await expect.poll(() => page.locator('.help-list tbody tr').count()).toBe(3);
      await page.locator('section.help-requests').screenshot({ path: `test-results/screenshots/dashboard-help-requests-${lang}.png` });
      await page.context().close();
    });
  }
});
