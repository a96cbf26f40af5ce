import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCourt } from '../support/courtFixture.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { enrolledTerminal, healthyHeartbeat, sendHeartbeat } from '../support/heartbeats.js';
import { BUSY_MS, startHub, type RunningHub } from '../support/hubHarness.js';
import { crashReportPath } from '../../shared/terminals/crashReport.js';
import { launchChromium, screenshot } from './support/stack.js';

// A court admin on the device view in Chromium against a real hub: acknowledges a paper-out alert
// with a note (the tile then shows it as seen), pushes settings to a site (the terminal's next
// heartbeat names the version, and the tile shows it), renames and moves a terminal and sets its kind. Screenshots
// in zh-CN and en. The devices in words (amber: the kiosk still files) and a crash report opened
// on the tile. Dashboard viewers see the same tiles without any of the controls.

let browser: Browser;
let running: RunningHub;
const problems: string[] = [];
let adminToken: string;
let viewerToken: string;
let credential: string;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startHub();
  await seedCourt(running.hub.database);
  await running.hub.database.db.updateTable('sites').set({ name: '西园街道综治中心' }).where('site_id', '=', 'centre-xiyuan').execute();
  await running.hub.database.db.updateTable('sites').set({ name: '廉家庄社区网格点' }).where('site_id', '=', 'grid-lianjia').execute();
  credential = await enrolledTerminal(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '西园自助终端');
  await enrolledTerminal(running, 'kiosk-xiyuan-2', 'centre-xiyuan', '西园二号终端');
  await sendHeartbeat(running, credential, healthyHeartbeat({ devices: { camera: 'denied', microphone: 'error', printer: 'paper_out' }, screen: 'intake' }));
  const report = {
    reportId: 'crash-0001-abcd',
    source: 'agent',
    at: new Date().toISOString(),
    message: 'TypeError: x is undefined',
    stack: 'TypeError: x is undefined\n    at loadDraft (intakeStore.js:88:5)',
    versions: { app: '0.9.1', node: '20.0.0', chrome: null, electron: null },
    screen: 'intake',
  };
  const posted = await fetch(`${running.url}${crashReportPath}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify(report),
  });
  expect(posted.status).toBe(204);
  adminToken = (await signedInStaff(running.hub, 'court_admin')).token;
  viewerToken = (await signedInStaff(running.hub, 'dashboard_viewer')).token;
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
  expect(problems).toEqual([]);
});

async function open(token: string, lang: 'zh' | 'en'): Promise<Page> {
  const context = await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en' });
  await context.addCookies([{ name: 'hub_session', value: token, url: running.url }]);
  const page = await context.newPage();
  await page.setViewportSize({ width: 1440, height: 900 });
  page.setDefaultTimeout(BUSY_MS);
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${running.url}/dashboard/fleet${lang === 'en' ? '?lang=en' : ''}`);
  await page.locator('#root[data-loaded="true"]').waitFor();
  return page;
}

describe('the device view for a court admin', () => {
  it('acknowledges an alert, pushes settings that the terminal reports applied, renames and moves it', async () => {
    const page = await open(adminToken, 'zh');
    const tile = page.locator('[data-terminal="kiosk-xiyuan-1"]');
    expect(await tile.textContent()).toContain('填写申请');
    expect(await tile.textContent()).toContain('麦克风 故障');
    // devices in words and what they stop; amber (it still files), the paper alert amber too
    expect(await tile.textContent()).toContain('打印机: 回执无法打印');
    expect(await tile.textContent()).toContain('摄像头 未获授权');
    expect(await tile.getAttribute('data-signal')).toBe('amber');
    expect(await tile.locator('[data-alert="printer_paper_out"]').getAttribute('class')).toContain('signal-amber');
    // the camera the browser refused and the microphone that failed raise alerts of their own
    expect(await tile.locator('[data-alert="camera_denied"]').textContent()).toContain('摄像头未获授权');
    expect(await tile.locator('[data-alert="microphone_failed"]').textContent()).toContain('麦克风无法启动');
    const alertsEn = await open(adminToken, 'en');
    const tileEn = alertsEn.locator('[data-terminal="kiosk-xiyuan-1"]');
    expect(await tileEn.locator('[data-alert="camera_denied"]').textContent()).toContain('Camera access denied');
    expect(await tileEn.locator('[data-alert="microphone_failed"]').textContent()).toContain('Microphone failed to start');
    await screenshot(alertsEn, 'dashboard-fleet-device-alerts-en');
    // the crash report, read when opened (an audited view)
    await tile.locator('details[data-crashes] > summary').click();
    await expect.poll(() => tile.locator('[data-crash-source="agent"]').textContent()).toContain('TypeError: x is undefined');
    expect(await tile.locator('[data-crash-source="agent"]').textContent()).toContain('版本 0.9.1');
    await screenshot(page, 'dashboard-fleet-admin');

    const alert = tile.locator('[data-alert="printer_paper_out"]');
    await alert.locator('input[name="note"]').fill('已通知网格员换纸');
    await alert.locator('button[type="submit"]').click();
    await expect.poll(() => alert.getAttribute('class')).toContain('acknowledged');
    expect(await alert.textContent()).toContain('已确认');
    expect(await alert.textContent()).toContain('已通知网格员换纸');

    await page.locator('.fleet-config select[name="target"]').selectOption('site:centre-xiyuan');
    await page.locator('.fleet-config input[name="idleTimeoutS"]').fill('90');
    await page.locator('.fleet-config input[name="callEnabled"]').uncheck();
    await page.locator('.fleet-config button[type="submit"]').click();
    const status = page.locator('.fleet-config .fleet-status');
    await expect.poll(() => status.textContent()).toMatch(/已推送，配置版本 \d+/);
    const version = Number((await status.textContent())!.match(/\d+$/)![0]);
    const reply = await sendHeartbeat(running, credential, healthyHeartbeat());
    expect(reply.reply.config).toMatchObject({ version, settings: { idleTimeoutS: 90, callEnabled: false } });
    await sendHeartbeat(running, credential, healthyHeartbeat({ configVersion: version }));
    await expect.poll(() => tile.locator('[data-config-version]').getAttribute('data-config-version')).toBe(String(version));

    await tile.locator('details[data-manage] > summary').click();
    await tile.locator('input[name="name"]').fill('西园一号终端');
    await tile.locator('form:has(input[name="name"]) button').click();
    await expect.poll(() => tile.locator('strong').textContent()).toBe('西园一号终端');
    await tile.locator('select[name="siteId"]').selectOption('grid-lianjia');
    await tile.locator('form:has(select[name="siteId"]) button').click();
    await expect.poll(() => page.locator('.fleet-site:has([data-terminal="kiosk-xiyuan-1"]) h2').textContent()).toBe('廉家庄社区网格点');
    // It becomes a remote service counter: its filings then count as counter entries.
    const kindOf = async () => (await running.hub.database.db.selectFrom('terminals').select('kind').where('terminal_id', '=', 'kiosk-xiyuan-1').executeTakeFirstOrThrow()).kind;
    expect(await kindOf()).toBe('kiosk');
    const moved = page.locator('[data-terminal="kiosk-xiyuan-1"]');
    await moved.locator('details.fleet-manage').evaluate((d) => ((d as HTMLDetailsElement).open = true));
    expect(await moved.locator('select[name="kind"] option:checked').textContent()).toBe('自助终端（居民自助）');
    await moved.locator('select[name="kind"]').selectOption('counter');
    await moved.locator('form:has(select[name="kind"]) button').click();
    await expect.poll(kindOf).toBe('counter');
    await screenshot(page, 'dashboard-fleet-admin-done');

    const en = await open(adminToken, 'en');
    expect(await en.locator('.fleet-config h2').textContent()).toBe('Push terminal settings');
    expect(await en.locator('[data-terminal="kiosk-xiyuan-1"]').textContent()).toContain('Settings version: ');
    // healthy heartbeats since: paper back, devices fine, the tile green again
    expect(await en.locator('[data-terminal="kiosk-xiyuan-1"]').textContent()).toContain('Printer OK');
    expect(await en.locator('[data-terminal="kiosk-xiyuan-1"]').textContent()).not.toContain('Receipts cannot print');
    expect(await en.locator('[data-terminal="kiosk-xiyuan-1"]').getAttribute('data-signal')).toBe('green');
    await screenshot(en, 'dashboard-fleet-admin-en');
  });

  it('shows a dashboard viewer the tiles without any control', async () => {
    const page = await open(viewerToken, 'zh');
    expect(await page.locator('[data-terminal="kiosk-xiyuan-2"]').count()).toBe(1);
    expect(await page.locator('.fleet-config, details.fleet-manage, details[data-crashes], input[name="note"]').count()).toBe(0);
  });
});
