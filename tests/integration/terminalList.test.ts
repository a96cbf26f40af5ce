import { afterEach, describe, expect, it } from 'vitest';
import { courtPath } from '../../shared/courtApi/routes.js';
import { courtTime } from '../../shared/courtTime.js';
import { crashReportPath } from '../../shared/terminals/crashReport.js';
import { fleetPaths } from '../../shared/terminals/heartbeat.js';
import { helpRequestPath } from '../../shared/terminals/helpRequest.js';
import type { FleetAnswer } from '../../shared/terminals/terminalHealth.js';
import type { TerminalList, TerminalListDetail } from '../../shared/terminals/terminalList.js';
import { seedCourt } from '../support/courtFixture.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { enrolledTerminal, healthyHeartbeat, sendHeartbeat } from '../support/heartbeats.js';
import { ENROLLMENT_CODE, startHub, type RunningHub } from '../support/hubHarness.js';
import { deliverIntake } from '../support/courtSteps.js';
import { sampleIngest } from '../support/fixtures.js';
import { defaultSites, HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { hubPaths } from '../../shared/hubProtocol.js';

// The console's terminal list (终端) on a real hub: each terminal's health by the same rule and
// from the same heartbeats as the dashboard's device view, its last heartbeat in court time, version,
// outbox depth, open device alerts and open help requests; a terminal's page with its alerts as
// they were raised and cleared and its crash reports (for those who manage terminals); site staff
// see their own site only, roles without terminals none; every view audited.

describe('console terminal list', () => {
  let running: RunningHub;
  afterEach(async () => running?.close());

  const api = async <T>(cookie: string, path: string) => {
    const res = await fetch(`${running.url}${path}`, { headers: { cookie } });
    return { status: res.status, body: (await res.json()) as T };
  };
  const page = async (cookie: string, path: string, lang: 'zh' | 'en' = 'zh') => {
    const res = await fetch(`${running.url}${path}`, { headers: { cookie: `${cookie}; console_lang=${lang}`, 'accept-language': lang === 'en' ? 'en' : 'zh-CN' }, redirect: 'manual' });
    return { status: res.status, html: await res.text() };
  };
  const post = (credential: string, path: string, body: unknown) =>
    fetch(`${running.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` }, body: JSON.stringify(body) });

  it('a terminal given no site is listed at the site its filings are received at and counted under: the court’s hall', async () => {
    running = await startHub();
    const res = await fetch(`${running.url}${hubPaths.enroll}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId: 'KSK-NOSITE-01', name: '没有站点的终端' }),
    });
    const { credential } = (await res.json()) as { credential: string };
    await deliverIntake(running, credential, sampleIngest());
    const filed = await running.hub.database.db.selectFrom('cases').select('site_id').where('terminal_id', '=', 'KSK-NOSITE-01').executeTakeFirstOrThrow();
    expect(filed.site_id).toBe(HALL_SITE_ID);
    const hall = defaultSites.find((x) => x.siteId === HALL_SITE_ID)!.name;

    const admin = await signedInStaff(running.hub, 'court_admin');
    const listed = (await api<TerminalList>(admin.cookie, courtPath('terminalList', {}))).body.terminals.find((t) => t.terminalId === 'KSK-NOSITE-01');
    expect(listed).toMatchObject({ siteId: filed.site_id, siteName: hall });
    expect((await page(admin.cookie, '/console/terminals')).html).toMatch(new RegExp(`data-terminal="KSK-NOSITE-01">[\\s\\S]*?<td>${hall}</td>`));
    // staff of the hall see it among their site's terminals; the dashboard's device view places it there too
    const hallStaff = await signedInStaff(running.hub, 'counter_staff', HALL_SITE_ID);
    expect((await api<TerminalList>(hallStaff.cookie, courtPath('terminalList', {}))).body.terminals.map((t) => t.terminalId)).toContain('KSK-NOSITE-01');
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    const fleet = (await api<FleetAnswer>(viewer.cookie, fleetPaths.fleet)).body;
    expect(fleet.terminals.find((t) => t.terminalId === 'KSK-NOSITE-01')).toMatchObject({ siteId: HALL_SITE_ID });
  });

  it('shows every terminal with the dashboard health, heartbeat, version, outbox, alerts and help requests', async () => {
    running = await startHub();
    await seedCourt(running.hub.database);
    const well = await enrolledTerminal(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '西园自助终端1');
    const cover = await enrolledTerminal(running, 'kiosk-xiyuan-2', 'centre-xiyuan', '西园自助终端2');
    await enrolledTerminal(running, 'kiosk-hall-1', 'court-hall', '大厅自助终端1');

    expect((await sendHeartbeat(running, well, healthyHeartbeat({ appVersion: '1.4.2' }))).status).toBe(200);
    expect(
      (await sendHeartbeat(running, cover, healthyHeartbeat({ devices: { camera: 'ok', microphone: 'ok', printer: 'cover_open' }, outbox: { depth: 3, oldestAgeS: 60, parked: 0 } }))).status,
    ).toBe(200);
    const asked = new Date(Date.now() - 120_000).toISOString();
    expect((await post(well, helpRequestPath, { requestId: 'help-0001-abcd', reason: 'rareCharacter', screen: 'intake', at: asked })).status).toBeLessThan(300);

    const admin = await signedInStaff(running.hub, 'court_admin');
    const list = await api<TerminalList>(admin.cookie, courtPath('terminalList', {}));
    expect(list.status).toBe(200);
    expect(list.body.offlineAfterMin).toBe(5);
    const byId = new Map(list.body.terminals.map((t) => [t.terminalId, t]));
    expect(byId.get('kiosk-xiyuan-1')).toMatchObject({
      name: '西园自助终端1',
      siteId: 'centre-xiyuan',
      health: 'online',
      appVersion: '1.4.2',
      outboxDepth: 0,
      openAlerts: [],
      helpRequests: [{ requestId: 'help-0001-abcd', reason: 'rareCharacter', at: asked }],
    });
    expect(byId.get('kiosk-xiyuan-2')).toMatchObject({ health: 'degraded', outboxDepth: 3, helpRequests: [] });
    expect(byId.get('kiosk-xiyuan-2')!.openAlerts.map((a) => a.kind)).toEqual(['printer_cover_open']);
    expect(byId.get('kiosk-hall-1')).toMatchObject({ health: 'never_seen', receivedAt: null, outboxDepth: null });

    // one rule: the dashboard's device view says the same of every terminal
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    const fleet = (await api<FleetAnswer>(viewer.cookie, fleetPaths.fleet)).body;
    expect(new Map(fleet.terminals.map((t) => [t.terminalId, t.health]))).toEqual(new Map(list.body.terminals.map((t) => [t.terminalId, t.health])));

    // the page, in both languages, with the heartbeat in court time
    const zh = await page(admin.cookie, '/console/terminals');
    expect(zh.status).toBe(200);
    expect(zh.html).toContain('href="/console/terminals" aria-current="page">终端<');
    expect(zh.html).toContain('西园自助终端2');
    expect(zh.html).toContain('打印机机盖未关');
    expect(zh.html).toContain('需处理');
    expect(zh.html).toContain('未上报');
    expect(zh.html).toContain(courtTime(byId.get('kiosk-xiyuan-1')!.receivedAt!));
    // and how long ago, in the page's language (heard from moments ago; the never-heard one has no age)
    expect(zh.html.match(/<small data-age>[^<]*<\/small>/g)).toEqual([expect.stringMatching(/>(刚刚|\d+ 分钟前)</), expect.stringMatching(/>(刚刚|\d+ 分钟前)</)]);
    // the one with a resident waiting first, then the one that needs attention, then the silent one
    expect([...zh.html.matchAll(/<tr data-terminal="([^"]+)"/g)].map((m) => m[1])).toEqual(['kiosk-xiyuan-1', 'kiosk-xiyuan-2', 'kiosk-hall-1']);
    expect(zh.html).toContain('1 个等待');
    const en = await page(admin.cookie, '/console/terminals', 'en');
    expect(en.html).toContain('Printer cover open');
    expect(en.html).toContain('Last heartbeat');
    expect(en.html).toContain('1 waiting');
    expect(en.html).toMatch(/<small data-age>(just now|\d+ min ago)<\/small>/);

    // a terminal's page: the alert raised, then cleared by the next heartbeat; its crash reports
    await sendHeartbeat(running, cover, healthyHeartbeat());
    const crash = {
      reportId: 'crash-0001-abcd',
      source: 'renderer',
      at: new Date().toISOString(),
      message: 'TypeError: x is undefined',
      stack: 'at y',
      versions: { app: '0.1.0', node: null, chrome: null, electron: null },
      screen: 'home',
    };
    expect((await post(cover, crashReportPath, crash)).status).toBe(204);
    const detail = await api<TerminalListDetail>(admin.cookie, courtPath('terminalListDetail', { terminalId: 'kiosk-xiyuan-2' }));
    expect(detail.status).toBe(200);
    expect(detail.body.terminal).toMatchObject({ health: 'online', openAlerts: [] });
    expect(detail.body.recentAlerts).toEqual([expect.objectContaining({ kind: 'printer_cover_open', clearedAt: expect.any(String) })]);
    const detailPage = await page(admin.cookie, '/console/terminals/kiosk-xiyuan-2');
    expect(detailPage.status).toBe(200);
    expect(detailPage.html).toContain('近期告警');
    expect(detailPage.html).toContain('data-alert-row="printer_cover_open"');
    expect(detailPage.html).toContain('TypeError: x is undefined');
    expect((await page(admin.cookie, '/console/terminals/no-such-terminal')).status).toBe(404);

    // site staff: their own site only; a dashboard viewer sees the court but not crash reports
    const counter = await signedInStaff(running.hub, 'counter_staff', 'centre-xiyuan');
    expect((await api<TerminalList>(counter.cookie, courtPath('terminalList', {}))).body.terminals.map((t) => t.terminalId).sort()).toEqual(['kiosk-xiyuan-1', 'kiosk-xiyuan-2']);
    expect((await api(counter.cookie, courtPath('terminalListDetail', { terminalId: 'kiosk-hall-1' }))).status).toBe(404);
    expect((await page(counter.cookie, '/console/terminals')).html).toContain('西园自助终端1');
    const viewerPage = await page(viewer.cookie, '/console/terminals/kiosk-xiyuan-2');
    expect(viewerPage.status).toBe(200);
    expect(viewerPage.html).not.toContain('TypeError');
    // a mediator of no site has no terminals: no nav entry, and the API refuses (audited)
    const mediator = await signedInStaff(running.hub, 'mediator');
    expect((await api(mediator.cookie, courtPath('terminalList', {}))).status).toBe(403);
    expect((await page(mediator.cookie, '/console/help-requests')).html).not.toContain('href="/console/terminals"');

    const audit = await running.hub.database.db.selectFrom('audit_log').select(['action', 'outcome']).where('action', 'in', ['terminal.list_viewed', 'terminal.viewed']).execute();
    expect(audit.filter((a) => a.outcome === 'ok').length).toBeGreaterThanOrEqual(6);
    expect(audit.some((a) => a.outcome === 'denied')).toBe(true);
  });
});
