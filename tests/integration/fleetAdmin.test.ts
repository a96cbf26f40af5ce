import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import { DEFAULT_TERMINAL_SETTINGS, fleetPaths } from '../../shared/terminals/heartbeat.js';
import type { FleetAnswer } from '../../shared/terminals/terminalHealth.js';
import { signIn, type CourtClient } from '../support/courtClient.js';
import { seedCourt } from '../support/courtFixture.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { tempDir } from '../support/fixtures.js';
import { enrolledTerminal, healthyHeartbeat, sendHeartbeat } from '../support/heartbeats.js';
import { ADMIN_PASSWORD, ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// Court admins manage the fleet through the court API on a real hub: rename, move and retire
// terminals, acknowledge alerts with a note (audited, shown as acknowledged), and push settings
// and requests that a REAL kiosk agent picks up from its heartbeat, stores and acknowledges.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function hubWithAdmin(): Promise<{ running: RunningHub; admin: CourtClient }> {
  const running = await startHub();
  cleanup.push(() => running.close());
  await seedCourt(running.hub.database);
  return { running, admin: await signIn(running.url, 'admin', ADMIN_PASSWORD) };
}

const fleetOf = async (running: RunningHub, cookie: string) => (await (await fetch(`${running.url}${fleetPaths.fleet}`, { headers: { cookie } })).json()) as FleetAnswer;
const audited = async (running: RunningHub, action: string) =>
  (await running.hub.database.db.selectFrom('audit_log').select(['record_id', 'outcome']).where('action', '=', action).execute()).map((r) => `${r.record_id}:${r.outcome}`);

describe('fleet administration', () => {
  it('renames, moves and retires terminals; only court admins may', async () => {
    const { running, admin } = await hubWithAdmin();
    await enrolledTerminal(running, 'kiosk-xiyuan-1', 'centre-xiyuan');
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');

    const denied = await fetch(`${running.url}/api/v1/terminals/kiosk-xiyuan-1`, { method: 'PATCH', headers: { cookie: viewer.cookie, 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(denied.status).toBe(403);

    const renamed = await admin.call('updateTerminal', { params: { terminalId: 'kiosk-xiyuan-1' }, body: { name: '西园街道 1 号机' } });
    expect(renamed).toEqual({ status: 200, body: { terminalId: 'kiosk-xiyuan-1', name: '西园街道 1 号机', siteId: 'centre-xiyuan', kind: 'kiosk', retiredAt: null } });
    expect((await admin.call('updateTerminal', { params: { terminalId: 'kiosk-xiyuan-1' }, body: { siteId: 'no-such-site' } })).status).toBe(400);
    expect((await admin.call('updateTerminal', { params: { terminalId: 'kiosk-xiyuan-1' }, body: {} })).status).toBe(400);
    const moved = await admin.call('updateTerminal', { params: { terminalId: 'kiosk-xiyuan-1' }, body: { siteId: 'grid-lianjia' } });
    expect(moved.body.siteId).toBe('grid-lianjia');
    // the kind (a counter: staff sign in there), with its site in the same request
    const counter = await admin.call('updateTerminal', { params: { terminalId: 'kiosk-xiyuan-1' }, body: { kind: 'counter', siteId: 'centre-xiyuan' } });
    expect(counter.body).toMatchObject({ kind: 'counter', siteId: 'centre-xiyuan' });
    expect((await admin.call('updateTerminal', { params: { terminalId: 'kiosk-xiyuan-1' }, body: { kind: 'tablet' } })).status).toBe(400);
    expect((await admin.call('updateTerminal', { params: { terminalId: 'kiosk-xiyuan-1' }, body: { siteId: 'grid-lianjia' } })).body.kind).toBe('counter');
    expect((await fleetOf(running, viewer.cookie)).terminals.map((t) => [t.terminalId, t.name, t.siteId])).toEqual([['kiosk-xiyuan-1', '西园街道 1 号机', 'grid-lianjia']]);

    const retired = await admin.call('retireTerminal', { params: { terminalId: 'kiosk-xiyuan-1' } });
    expect(retired.status).toBe(200);
    expect(retired.body.retiredAt).not.toBeNull();
    expect((await fleetOf(running, viewer.cookie)).terminals).toEqual([]);
    expect((await admin.call('retireTerminal', { params: { terminalId: 'kiosk-xiyuan-1' } })).status).toBe(404);
    expect((await admin.call('updateTerminal', { params: { terminalId: 'kiosk-xiyuan-1' }, body: { name: 'again' } })).status).toBe(404);
    expect((await admin.call('requestTerminalCommand', { params: { terminalId: 'kiosk-xiyuan-1' }, body: { kind: 'restart' } })).status).toBe(404);

    expect(await audited(running, 'terminal.renamed')).toEqual(['kiosk-xiyuan-1:ok']);
    expect(await audited(running, 'terminal.moved')).toEqual(['kiosk-xiyuan-1:ok', 'kiosk-xiyuan-1:ok']);
    expect(await audited(running, 'terminal.kind_set')).toEqual(['kiosk-xiyuan-1:ok']);
    expect(await audited(running, 'terminal.retired')).toEqual(['kiosk-xiyuan-1:ok']);
    expect(await audited(running, 'api.updateTerminal')).toEqual(['manageTerminals:denied']);
  });

  it('acknowledges an alert with a note: still open, shown as seen, audited, once', async () => {
    const { running, admin } = await hubWithAdmin();
    const credential = await enrolledTerminal(running, 'kiosk-hall-1', 'court-hall');
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    await sendHeartbeat(running, credential, healthyHeartbeat({ devices: { camera: 'ok', microphone: 'ok', printer: 'paper_out' } }));
    const [alert] = (await fleetOf(running, viewer.cookie)).terminals[0]!.openAlerts;
    expect(alert).toMatchObject({ kind: 'printer_paper_out', acknowledged: null });

    expect((await admin.call('acknowledgeTerminalAlert', { params: { alertId: alert!.alertId }, body: { note: '' } })).status).toBe(400);
    const ack = await admin.call('acknowledgeTerminalAlert', { params: { alertId: alert!.alertId }, body: { note: '已通知街道工作人员换纸' } });
    expect(ack.status).toBe(200);
    expect((await admin.call('acknowledgeTerminalAlert', { params: { alertId: alert!.alertId }, body: { note: 'again' } })).status).toBe(409);
    expect((await admin.call('acknowledgeTerminalAlert', { params: { alertId: '7f1c2a9e-0000-4000-8000-000000000000' }, body: { note: 'x' } })).status).toBe(404);

    const shown = (await fleetOf(running, viewer.cookie)).terminals[0]!;
    expect(shown.health).toBe('degraded');
    expect(shown.openAlerts).toEqual([
      { alertId: alert!.alertId, kind: 'printer_paper_out', raisedAt: alert!.raisedAt, acknowledged: { at: ack.body.acknowledgedAt, by: 'admin', note: '已通知街道工作人员换纸' } },
    ]);
    expect(await audited(running, 'terminal.alert_acknowledged')).toEqual([`${alert!.alertId}:ok`]);

    // paper back in: the alert clears and leaves the view
    await sendHeartbeat(running, credential, healthyHeartbeat());
    expect((await fleetOf(running, viewer.cookie)).terminals[0]!.openAlerts).toEqual([]);
  });

  it('pushes settings and a restart to a real agent, which applies, stores and acknowledges them', async () => {
    const { running, admin } = await hubWithAdmin();
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    let relaunches = 0;
    const agent: Agent = await createAgent({
      dataDir: tempDir(),
      hubUrl: running.url,
      enrollmentCode: ENROLLMENT_CODE,
      terminalId,
      host: { kind: 'browser', loadDataKey: async () => randomBytes(32), relaunch: () => void relaunches++ },
      log: silentLog,
      healthIntervalMs: 100,
      heartbeatIntervalMs: 100,
    });
    cleanup.push(() => agent.close());
    const events: unknown[] = [];
    agent.onEvent((name, payload) => {
      if (name === 'terminal.settings') events.push(payload);
    });
    const tile = async () => (await fleetOf(running, viewer.cookie)).terminals.find((t) => t.terminalId === terminalId);
    await waitFor(async () => (await tile())?.receivedAt, 'the first heartbeat');
    expect(await agent.dispatch('terminal.settings', undefined)).toEqual({ ok: true, value: { version: 0, settings: DEFAULT_TERMINAL_SETTINGS } });

    // the screen says what it shows (and which media devices it has); the hub sees it, nothing more
    expect((await agent.dispatch('terminal.presence', { screen: 'intake', camera: 'ok', microphone: 'missing' })).ok).toBe(true);
    await waitFor(async () => (await tile())?.screen === 'intake', 'the screen state at the hub');
    expect((await tile())!.devices).toEqual({ camera: 'ok', microphone: 'missing', printer: 'unknown' });
    expect((await tile())!.health).toBe('degraded');
    expect((await admin.call('updateTerminal', { params: { terminalId }, body: { siteId: 'centre-pengjiaping' } })).status).toBe(200);

    const settings = { ...DEFAULT_TERMINAL_SETTINGS, idleTimeoutS: 45, languages: ['en', 'zh-CN'], callEnabled: false };
    expect((await admin.call('pushTerminalConfig', { body: { target: { kind: 'site', id: 'no-such-site' }, settings } })).status).toBe(400);
    expect((await admin.call('pushTerminalConfig', { body: { target: { kind: 'site', id: 'centre-pengjiaping' }, settings: { ...settings, idleTimeoutS: 5 } } })).status).toBe(400);
    const pushed = await admin.call('pushTerminalConfig', { body: { target: { kind: 'site', id: 'centre-pengjiaping' }, settings } });
    expect(pushed.status).toBe(201);
    await waitFor(async () => (await tile())?.configVersion === pushed.body.version, 'the applied version shown at the hub');
    expect(agent.heartbeat.settings()).toEqual({ version: pushed.body.version, settings });
    expect(events).toEqual([{ version: pushed.body.version, settings }]); // the screen applies them (renderer/terminal/)
    expect(await agent.dispatch('terminal.settings', undefined)).toEqual({ ok: true, value: { version: pushed.body.version, settings } });

    const restart = await admin.call('requestTerminalCommand', { params: { terminalId }, body: { kind: 'restart' } });
    expect(restart.status).toBe(201);
    const outcome = () => running.hub.database.db.selectFrom('terminal_commands').select('outcome').where('command_id', '=', restart.body.commandId).executeTakeFirst();
    await waitFor(async () => (await outcome())?.outcome === 'done', 'the restart reported done');
    expect(relaunches).toBe(1);
    expect(await audited(running, 'terminal.config_pushed')).toEqual(['centre-pengjiaping:ok']);
    expect(await audited(running, 'terminal.restart_requested')).toEqual([`${terminalId}:ok`]);
  });
});
