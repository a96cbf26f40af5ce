import { afterEach, describe, expect, it } from 'vitest';
import { courtPath } from '../../shared/courtApi/routes.js';
import { helpRequestFiguresPath, requestsOfSite, type HelpRequestFigures } from '../../shared/dashboard/helpRequests.js';
import { helpRequestPath } from '../../shared/terminals/helpRequest.js';
import { seedCourt } from '../support/courtFixture.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { enrolledTerminal } from '../support/heartbeats.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { openPushStream } from '../support/pushStream.js';

// Help requests on the dashboard, on a real hub: the kiosks' open "请工作人员协助" counted per site
// with the one waiting longest, the list behind each count the same requests, site staff their
// own site only; handled in the console, a request leaves the figures. The wall reads the same
// answer as the working view; its stream is told of every new and handled request, and the
// answer's requests are exactly the console's open list.

describe('dashboard help requests', () => {
  let running: RunningHub;
  afterEach(async () => running?.close());

  const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
  const ask = async (credential: string, requestId: string, at: string) => {
    const res = await fetch(`${running.url}${helpRequestPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
      body: JSON.stringify({ requestId, reason: 'general', screen: 'home', at }),
    });
    expect(res.status).toBe(204);
  };
  const figures = async (cookie: string) => {
    const res = await fetch(`${running.url}${helpRequestFiguresPath}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return (await res.json()) as HelpRequestFigures;
  };
  const handle = async (cookie: string, terminalId: string, requestId: string) => {
    const res = await fetch(`${running.url}${courtPath('handleTerminalHelpRequest', { terminalId, requestId })}`, { method: 'POST', headers: { cookie, origin: running.url } });
    expect(res.status).toBe(200);
  };

  it('counts open requests per site with the oldest, lists what each count counts, and drops handled ones', async () => {
    running = await startHub();
    await seedCourt(running.hub.database);
    const xiyuan = await enrolledTerminal(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '西园自助终端1');
    const hall = await enrolledTerminal(running, 'kiosk-hall-1', 'court-hall', '大厅自助终端1');
    await ask(xiyuan, 'help-xiyuan-0001', ago(30));
    await ask(xiyuan, 'help-xiyuan-0002', ago(5));
    await ask(hall, 'help-hall-00001', ago(12));

    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    const all = await figures(viewer.cookie);
    expect(all.sites).toEqual([
      { siteId: 'centre-xiyuan', open: 2, oldestAt: expect.any(String) },
      { siteId: 'court-hall', open: 1, oldestAt: expect.any(String) },
    ]);
    expect(all.requests.map((r) => r.terminalId)).toEqual(['kiosk-xiyuan-1', 'kiosk-hall-1', 'kiosk-xiyuan-1']);
    expect(all.sites[0]!.oldestAt).toBe(all.requests[0]!.at);
    // each number and its list agree
    for (const s of all.sites) expect(requestsOfSite(all, s.siteId)).toHaveLength(s.open);
    expect(all.requests[0]).toEqual({ terminalId: 'kiosk-xiyuan-1', terminalName: '西园自助终端1', siteId: 'centre-xiyuan', reason: 'general', at: all.sites[0]!.oldestAt });

    // site staff: their own site's only
    const counter = await signedInStaff(running.hub, 'counter_staff', 'court-hall');
    expect((await figures(counter.cookie)).sites).toEqual([{ siteId: 'court-hall', open: 1, oldestAt: all.sites[1]!.oldestAt }]);

    // handled in the console: gone from the figures
    const clerk = await signedInStaff(running.hub, 'filing_clerk');
    await handle(clerk.cookie, 'kiosk-xiyuan-1', 'help-xiyuan-0001');
    const after = await figures(viewer.cookie);
    expect(after.sites.map((s) => [s.siteId, s.open])).toEqual([
      ['court-hall', 1],
      ['centre-xiyuan', 1],
    ]);
    const audit = await running.hub.database.db.selectFrom('audit_log').select('action').where('action', '=', 'dashboard.help_requests').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('tells the wall’s stream of every new and handled request; the answer is the console’s open list, counted', async () => {
    running = await startHub();
    await seedCourt(running.hub.database);
    const xiyuan = await enrolledTerminal(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '西园自助终端1');
    const lianjia = await enrolledTerminal(running, 'kiosk-lianjia-1', 'grid-lianjia', '廉家庄自助终端1');
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    const clerk = await signedInStaff(running.hub, 'filing_clerk');

    const stream = await openPushStream(running.url, viewer.cookie);
    const pushesSoFar = () => stream.changes();

    const before = pushesSoFar();
    await ask(lianjia, 'help-lianjia-001', ago(3));
    await waitFor(() => pushesSoFar() > before, 'a push for a new help request');
    await ask(xiyuan, 'help-xiyuan-0001', ago(9));
    await ask(xiyuan, 'help-xiyuan-0002', ago(1));

    // the console's open list (court API, the clerk's "请求协助") and the dashboard's answer hold the same requests
    const consoleList = await fetch(`${running.url}${courtPath('terminalHelpRequests', {})}`, { headers: { cookie: clerk.cookie } });
    expect(consoleList.status).toBe(200);
    const open = ((await consoleList.json()) as { requests: Array<{ terminalId: string; at: string }> }).requests;
    const answer = await figures(viewer.cookie);
    // (as a set: the console lists them in the order the hub received them)
    const key = (r: { terminalId: string; at: string }) => `${r.at} ${r.terminalId}`;
    expect(answer.requests.map(key)).toEqual(open.map(key).sort());
    expect(answer.sites.map((s) => [s.siteId, s.open])).toEqual([
      ['centre-xiyuan', 2],
      ['grid-lianjia', 1],
    ]);
    expect(answer.sites.reduce((n, s) => n + s.open, 0)).toBe(answer.requests.length);

    const beforeHandled = pushesSoFar();
    await handle(clerk.cookie, 'kiosk-lianjia-1', 'help-lianjia-001');
    await waitFor(() => pushesSoFar() > beforeHandled, 'a push for a handled help request');
    expect((await figures(viewer.cookie)).sites.map((s) => [s.siteId, s.open])).toEqual([['centre-xiyuan', 2]]);
    await stream.close();
  });
});
