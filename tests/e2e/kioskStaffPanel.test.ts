import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../main/agent/log.js';
import { startBrowserHost } from '../../main/browserHost/host.js';
import { tempDir } from '../support/fixtures.js';
import { BUSY_MS, ADMIN_PASSWORD, ENROLLMENT_CODE, startHub, waitFor } from '../support/hubHarness.js';
import { e2eSuite } from './support/kioskSuite.js';
import { kioskPage, screenshot, type Stack } from './support/stack.js';

// The kiosk's staff panel (issue 14 item 7) end to end: a court admin sets the site's PIN on the
// console page; a kiosk (browser host, real agent) gets it with a heartbeat; a 3-second hold in the
// screen's top-left corner opens the PIN pad; a wrong PIN is refused, and after a few a wait is
// imposed during which even the right PIN is not checked; the right PIN opens the panel with what
// a court IT clerk checks, a test receipt is printed to the e2e printer sink (the spool), and
// resync and restart are audited at the hub as the terminal.

const SITE = 'qlh-centre-xiyuan';
const PIN = '246810';
const TERMINAL = 'KSK-PANEL-1';

/** The e2e stack (support/stack.ts) with a fixed terminal id and a fast heartbeat. */
async function startPanelStack(): Promise<Stack> {
  const hub = await startHub();
  const dataDir = tempDir('kiosk-panel-');
  const host = await startBrowserHost({
    dataDir,
    hubUrl: hub.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId: TERMINAL,
    terminalName: '西园综治中心 1号机',
    location: '兰州市城关区',
    rendererDir: resolve('dist/renderer'),
    port: 0,
    log: silentLog,
    healthIntervalMs: 500,
    heartbeatIntervalMs: 300, // the PIN reaches the kiosk with a heartbeat reply
    printer: { lpPath: join(dataDir, 'no-lp') },
  });
  return {
    hub,
    host,
    kioskUrl: `${host.bridge.origin}/#secret=${host.bridge.secret}`,
    async close() {
      await host.close();
      await hub.close();
    },
  };
}

const suite = e2eSuite({ start: startPanelStack });

/** Waits for a text on the page to match (the machine is busy: a print's PDF can take seconds). */
async function textMatches(page: Page, testId: string, pattern: RegExp): Promise<void> {
  await waitFor(async () => pattern.test((await page.getByTestId(testId).textContent()) ?? ''), `${testId} to say ${pattern}`);
}

/** A finger held on the corner until the PIN pad shows (the hold is the gesture, not a timer here). */
async function holdCorner(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const box = (await page.getByTestId('admin-hotspot').boundingBox())!;
  const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] });
  await page.getByTestId('admin-pin').waitFor();
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByTestId(`admin-key-${digit}`).tap();
  await page.getByTestId('admin-pin-submit').tap();
}

async function setPinOnConsole(url: string): Promise<void> {
  const page = await (await suite.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })).newPage();
  page.setDefaultTimeout(BUSY_MS);
  await page.goto(`${url}/console/admin/sites`);
  await page.fill('#username', 'admin');
  await page.fill('#password', ADMIN_PASSWORD);
  await page.locator('form[action="/console/login"] button').click();
  await page.goto(`${url}/console/admin/sites`);
  await page.locator(`tr[data-site="${SITE}"] a[data-site-pin]`).click();
  await page.locator('[data-pin-site]').waitFor();
  // two different entries are refused, and nothing typed is shown back
  await page.fill('#pin', PIN);
  await page.fill('#pin-again', '135790');
  await page.locator('form[data-pin-form] button[type="submit"]').click();
  await page.locator('[data-pin-notice]').waitFor();
  expect(await page.locator('[data-pin-notice]').textContent()).toContain('不一致');
  await page.fill('#pin', PIN);
  await page.fill('#pin-again', PIN);
  await page.locator('form[data-pin-form] button[type="submit"]').click();
  await page.getByText('已设置').waitFor();
  await screenshot(page, 'console-site-pin');
  expect(await page.content()).not.toContain(PIN);
  await page.context().close();
}

describe('the kiosk staff panel', () => {
  it('opens by a corner hold and the PIN set on the console, refuses and slows wrong PINs, prints a test receipt and audits at the hub', async () => {
    const { hub, host, kioskUrl } = suite.stack;
    const { db } = hub.hub.database;
    await waitFor(() => db.selectFrom('terminals').select('terminal_id').where('terminal_id', '=', TERMINAL).executeTakeFirst(), 'the kiosk enrolled');
    await db.updateTable('terminals').set({ site_id: SITE }).where('terminal_id', '=', TERMINAL).execute();
    await setPinOnConsole(hub.url);
    expect(JSON.stringify(await db.selectFrom('site_admin_pins').selectAll().execute())).not.toContain(PIN);
    await waitFor(() => host.agent.db.prepare(`SELECT 1 AS held FROM config WHERE key = 'adminPin'`).get(), 'the PIN digest at the kiosk');

    const { page } = await kioskPage(suite.browser, kioskUrl);
    // a tap in the corner (a resident brushing it) opens nothing
    await page.getByTestId('admin-hotspot').tap();
    expect(await page.getByTestId('admin-pin').count()).toBe(0);

    await holdCorner(page);
    await screenshot(page, 'kiosk-admin-pin-zh-landscape');
    await typePin(page, '111111');
    await textMatches(page, 'admin-pin-message', /不正确/);
    await typePin(page, PIN);
    await page.getByTestId('admin-panel').waitFor();

    const fact = (key: string) => page.getByTestId(`admin-fact-${key}`).textContent();
    expect(await fact('terminal')).toContain(TERMINAL);
    await textMatches(page, 'admin-fact-site', new RegExp(SITE));
    expect(await fact('hub')).toContain(hub.url);
    expect(await fact('outbox')).toContain('无待发送');
    expect(await fact('printer')).not.toContain('unknown'); // said in words, not a code
    expect(await fact('versions')).toContain(process.versions.node);
    expect(await fact('lastSync')).not.toMatch(/\d{4}-\d\d-\d\dT/); // the court's time in words, not ISO in UTC
    await screenshot(page, 'kiosk-admin-panel-zh-landscape');

    const spool = host.printer.spoolDir;
    const spooled = () => (existsSync(spool) ? readdirSync(spool) : []);
    await page.getByTestId('admin-action-testPrint').tap();
    await textMatches(page, 'admin-notice', /打印/);
    expect(spooled()).toHaveLength(1);
    await page.getByTestId('admin-action-resync').tap();
    await page.getByTestId('admin-action-restartAgent').tap();
    await page.getByTestId('admin-action-exitKiosk').tap();
    await textMatches(page, 'admin-notice', /浏览器/);

    // portrait, as a kiosk screen mounted upright shows it
    await page.setViewportSize({ width: 800, height: 1280 });
    await screenshot(page, 'kiosk-admin-panel-zh-portrait');
    await page.getByTestId('admin-close').tap();
    await page.getByTestId('admin-panel').waitFor({ state: 'detached' });

    // wrong PINs: the first few are only refused, then a wait, during which the right one is not checked
    await holdCorner(page);
    await screenshot(page, 'kiosk-admin-pin-zh-portrait');
    for (let i = 0; i < 3; i++) await typePin(page, '999999');
    await textMatches(page, 'admin-pin-message', /\d+\s*秒/);
    await typePin(page, PIN);
    await textMatches(page, 'admin-pin-message', /\d+\s*秒/);
    expect(await page.getByTestId('admin-panel').count()).toBe(0);

    const audited = async () =>
      (await db.selectFrom('audit_log').select(['action', 'actor_kind', 'actor_id']).where('action', 'like', 'kiosk.admin.%').execute()).map((a) => `${a.action}:${a.actor_kind}:${a.actor_id}`);
    // they go out through the kiosk's outbox, in no promised order: wait for all of them
    const expected = ['opened', 'testPrint', 'resync', 'restartAgent', 'exitKiosk', 'pinRefused', 'pinWait'].map((e) => `kiosk.admin.${e}:terminal:${TERMINAL}`);
    await waitFor(async () => {
      const seen = await audited();
      return expected.every((e) => seen.includes(e)) || null;
    }, 'the panel events at the hub');
    expect((await db.selectFrom('audit_log').select('record_id').where('action', '=', 'site.admin_pin_set').execute()).map((r) => r.record_id)).toEqual([SITE]);
  });

  it('says it in English, for a court whose IT staff read English', async () => {
    const { kioskUrl } = suite.stack;
    const { page } = await kioskPage(suite.browser, kioskUrl);
    await page.getByTestId('lang-en').tap();
    await holdCorner(page);
    await textMatches(page, 'admin-pin-message', /PIN/);
    await screenshot(page, 'kiosk-admin-pin-en-landscape');
  });
});
