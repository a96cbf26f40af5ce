import { afterEach, describe, expect, it } from 'vitest';
import { courtPath } from '../../shared/courtApi/routes.js';
import { helpRequestFiguresPath, requestsOfSite, type HelpRequestFigures } from '../../shared/dashboard/helpRequests.js';
import { helpRequestPath } from '../../shared/terminals/helpRequest.js';
import { seedCourt } from '../support/courtFixture.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { enrolledTerminal } from '../support/heartbeats.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// Help requests on the dashboard, on a real hub: the kiosks' open "请工作人员协助" counted per site
// with the one waiting longest, the list behind each count the same requests, site staff their
// own site only; handled in the console, a request leaves the figures.

describe('dashboard help requests', () => {
  let running: RunningHub;
  afterEach(async () => running?.close());

  it('counts open requests per site with the oldest, lists what each count counts, and drops handled ones', async () => {
    running = await startHub();
    await seedCourt(running.hub.database);
    const xiyuan = await enrolledTerminal(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '西园自助终端1');
    const hall = await enrolledTerminal(running, 'kiosk-hall-1', 'court-hall', '大厅自助终端1');
    const ago = (min: number) => new Date(Date.now() - min * 60_000).toISOString();
    const ask = async (credential: string, requestId: string, at: string) => {
      const res = await fetch(`${running.url}${helpRequestPath}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: JSON.stringify({ requestId, reason: 'general', screen: 'home', at }),
      });
      expect(res.status).toBe(204);
    };
    await ask(xiyuan, 'help-xiyuan-0001', ago(30));
    await ask(xiyuan, 'help-xiyuan-0002', ago(5));
    await ask(hall, 'help-hall-00001', ago(12));

    const figures = async (cookie: string) => {
      const res = await fetch(`${running.url}${helpRequestFiguresPath}`, { headers: { cookie } });
      expect(res.status).toBe(200);
      return (await res.json()) as HelpRequestFigures;
    };
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
    const handled = await fetch(`${running.url}${courtPath('handleTerminalHelpRequest', { terminalId: 'kiosk-xiyuan-1', requestId: 'help-xiyuan-0001' })}`, {
      method: 'POST',
      headers: { cookie: clerk.cookie, origin: running.url },
    });
    expect(handled.status).toBe(200);
    const after = await figures(viewer.cookie);
    expect(after.sites.map((s) => [s.siteId, s.open])).toEqual([
      ['court-hall', 1],
      ['centre-xiyuan', 1],
    ]);
    const audit = await running.hub.database.db.selectFrom('audit_log').select('action').where('action', '=', 'dashboard.help_requests').execute();
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });
});
