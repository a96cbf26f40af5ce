import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent, type AgentOptions } from '../../main/agent/agent.js';
import { createLog, silentLog } from '../../main/agent/log.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import type { HelpRequestList, HelpRequestView, StaffHelpState } from '../../shared/terminals/helpRequest.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// "请工作人员协助" reaches staff (issue 15, session 6 item 6), from a real agent to a real hub: the
// kiosk asks through the contract, the agent's outbox delivers, the request is on the list staff
// look at (which terminal, why, which screen — nothing about the resident), a staff member marks
// it handled (kept with who, audited) and it leaves the list. A kiosk whose hub cannot be reached
// says so honestly, and its request still arrives once the hub is back.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function agentOptions(running: RunningHub): AgentOptions & { terminalId: string } {
  return {
    dataDir: tempDir(),
    hubUrl: running.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId: `KSK-${randomBytes(2).toString('hex')}`,
    appVersion: '2.3.4',
    host: { kind: 'browser', loadDataKey: async () => randomBytes(32), relaunch: () => undefined },
    log: process.env.HELP_DEBUG ? createLog() : silentLog,
    healthIntervalMs: 100,
    heartbeatIntervalMs: 100,
    bundledPlaylistDir: null,
  };
}

const helpState = async (agent: Agent, requestId: string): Promise<StaffHelpState> => {
  const r = await agent.dispatch('terminal.helpState', { requestId });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as StaffHelpState;
};

describe('help requests', () => {
  it('reach the staff list, are marked handled by a staff member (audited) and leave the list', async () => {
    const running = await startHub();
    cleanup.push(() => running.close());
    const options = agentOptions(running);
    const agent = await createAgent(options);
    cleanup.push(() => agent.close());
    await waitFor(() => running.hub.database.db.selectFrom('terminal_status').select('terminal_id').where('terminal_id', '=', options.terminalId).executeTakeFirst(), 'enrolled and reporting');

    const asked = await agent.dispatch('terminal.askStaff', { reason: 'rareCharacter', screen: 'intake' });
    if (!asked.ok) throw new Error(JSON.stringify(asked.error));
    const { requestId } = asked.value as StaffHelpState;
    await waitFor(async () => (await helpState(agent, requestId)).delivery === 'told' || null, 'the hub has it');

    const clerk = await signedInStaff(running.hub, 'filing_clerk');
    const list = async (cookie: string) => {
      const res = await fetch(`${running.url}${courtPath('terminalHelpRequests', {})}`, { headers: { cookie } });
      return { status: res.status, body: (await res.json()) as HelpRequestList };
    };
    const open = await list(clerk.cookie);
    expect(open.status).toBe(200);
    expect(open.body.requests).toHaveLength(1);
    expect(open.body.requests[0]).toMatchObject({ terminalId: options.terminalId, requestId, reason: 'rareCharacter', screen: 'intake', handledAt: null });

    // A dashboard viewer watches numbers, not kiosks' residents: not theirs to see.
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    expect((await list(viewer.cookie)).status).toBe(403);

    const handled = await fetch(`${running.url}${courtPath('handleTerminalHelpRequest', { terminalId: options.terminalId, requestId })}`, {
      method: 'POST',
      headers: { cookie: clerk.cookie, origin: running.url },
    });
    expect(handled.status).toBe(200);
    expect((await handled.json()) as HelpRequestView).toMatchObject({ requestId, handledBy: clerk.username, handledAt: expect.any(String) });
    expect((await list(clerk.cookie)).body.requests).toEqual([]);
    const audit = await running.hub.database.db.selectFrom('audit_log').selectAll().where('record_id', '=', options.terminalId).execute();
    expect(audit.some((a) => JSON.stringify(a).includes('terminal.help_handled'))).toBe(true);
    // The record stays: who handled it, and when.
    const row = await running.hub.database.db.selectFrom('terminal_help_requests').selectAll().where('request_id', '=', requestId).executeTakeFirstOrThrow();
    expect(row.handled_by).toBe(clerk.username);
    // An unknown request is a clear 404, not a 5xx.
    const unknown = await fetch(`${running.url}${courtPath('handleTerminalHelpRequest', { terminalId: options.terminalId, requestId: 'c0ffee00-0000-4000-8000-000000000009' })}`, {
      method: 'POST',
      headers: { cookie: clerk.cookie, origin: running.url },
    });
    expect(unknown.status).toBe(404);
    await unknown.body?.cancel();

    // Where staff look: the console's page lists the next request, and its button marks it handled.
    const again = await agent.dispatch('terminal.askStaff', { reason: 'general', screen: 'check_case' });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    const second = (again.value as StaffHelpState).requestId;
    await waitFor(async () => (await helpState(agent, second)).delivery === 'told' || null, 'the hub has the second');
    const page = await fetch(`${running.url}/console/help-requests`, { headers: { cookie: clerk.cookie } });
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain(options.terminalId);
    expect(html).toContain(`data-help-request="${second}"`);
    const posted = await fetch(`${running.url}/console/help-requests/${options.terminalId}/${second}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: clerk.cookie, origin: running.url, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(posted.status).toBe(303);
    await posted.body?.cancel();
    expect((await list(clerk.cookie)).body.requests).toEqual([]);
    expect(await (await fetch(`${running.url}/console/help-requests`, { headers: { cookie: clerk.cookie } })).text()).toContain('data-help-requests="none"');
  });

  it('says "staff will be told when the network returns" while the hub is out of reach, and keeps the request queued', async () => {
    const running = await startHub();
    let closed = false;
    cleanup.push(async () => {
      if (!closed) await running.close();
    });
    const options = agentOptions(running);
    const agent = await createAgent(options);
    cleanup.push(() => agent.close());
    await waitFor(() => running.hub.database.db.selectFrom('terminal_status').select('terminal_id').where('terminal_id', '=', options.terminalId).executeTakeFirst(), 'enrolled and reporting');
    // The line to the court goes down.
    await running.close();
    closed = true;
    const asked = await agent.dispatch('terminal.askStaff', { reason: 'general', screen: 'home' });
    if (!asked.ok) throw new Error(JSON.stringify(asked.error));
    const { requestId } = asked.value as StaffHelpState;
    await waitFor(async () => (await helpState(agent, requestId)).delivery === 'waitingForNetwork' || null, 'said to wait for the network');
    // Still queued in the outbox, to go once the hub answers again.
    expect(agent.db.prepare("SELECT COUNT(*) AS n FROM terminal_reports WHERE kind = 'help'").get()).toEqual({ n: 1 });
  });
});
