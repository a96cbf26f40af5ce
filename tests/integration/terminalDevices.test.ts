import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import { SimulatedPrinter } from '../../main/browserHost/simulatedPrinter.js';
import { fleetPaths } from '../../shared/terminals/heartbeat.js';
import type { FleetAnswer } from '../../shared/terminals/terminalHealth.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { tempDir } from '../support/fixtures.js';

// Devices in the heartbeat, end to end between a real agent and a real hub (issue 11 item 2):
// the simulated printer runs out of paper → the next heartbeat says so → the hub raises the
// paper alert and the device view shows the terminal amber; paper put back → cleared without a
// print. A camera the call found failing reaches the device view the same way.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('terminal devices', () => {
  it('raises the paper alert when the printer runs out and clears it when paper is back', async () => {
    const running: RunningHub = await startHub();
    cleanup.push(() => running.close());
    const printer = new SimulatedPrinter();
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    const key = randomBytes(32);
    const agent = await createAgent({
      dataDir: tempDir(),
      hubUrl: running.url,
      enrollmentCode: ENROLLMENT_CODE,
      terminalId,
      appVersion: '1.2.3',
      host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined, printReceipt: (doc) => printer.print(doc), printerState: () => printer.state() },
      log: silentLog,
      healthIntervalMs: 100,
      heartbeatIntervalMs: 100,
      bundledPlaylistDir: null,
    });
    cleanup.push(() => agent.close());
    const { db } = running.hub.database;
    const openAlerts = () => db.selectFrom('terminal_alerts').select('kind').where('terminal_id', '=', terminalId).where('cleared_at', 'is', null).execute();
    const latest = async () => {
      const row = await db.selectFrom('terminal_status').select('heartbeat_json').where('terminal_id', '=', terminalId).executeTakeFirst();
      return row ? (JSON.parse(row.heartbeat_json) as { devices: Record<string, string> }) : null;
    };
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');
    const tile = async () => {
      const res = await fetch(`${running.url}${fleetPaths.fleet}`, { headers: { cookie: viewer.cookie } });
      expect(res.status).toBe(200);
      return ((await res.json()) as FleetAnswer).terminals.find((t) => t.terminalId === terminalId)!;
    };

    await waitFor(async () => (await latest())?.devices.printer === 'ok', 'a heartbeat with the printer ok');
    expect(await openAlerts()).toEqual([]);
    expect((await tile()).health).toBe('online');

    printer.runOutOfPaper();
    await waitFor(async () => (await openAlerts()).some((a) => a.kind === 'printer_paper_out'), 'the paper alert');
    expect(await tile()).toMatchObject({ health: 'degraded', devices: { printer: 'paper_out' } });

    printer.loadPaper();
    await waitFor(async () => (await openAlerts()).length === 0, 'the paper alert cleared');
    expect(await tile()).toMatchObject({ health: 'online', devices: { printer: 'ok' } });
    expect(await db.selectFrom('terminal_alerts').select(['kind', 'cleared_at']).where('terminal_id', '=', terminalId).execute()).toEqual([
      { kind: 'printer_paper_out', cleared_at: expect.any(String) },
    ]);

    // the screen reports a camera the call could not start: amber, no alert, and back when it works
    expect(await agent.dispatch('terminal.presence', { screen: 'home', camera: 'failed', microphone: 'ok' })).toMatchObject({ ok: true });
    await waitFor(async () => (await latest())?.devices.camera === 'failed', 'the failed camera in a heartbeat');
    expect((await tile()).health).toBe('degraded');
    expect(await openAlerts()).toEqual([]);
    await agent.dispatch('terminal.presence', { screen: 'home', camera: 'ok', microphone: 'ok' });
    await waitFor(async () => (await latest())?.devices.camera === 'ok', 'the camera ok again');
    expect((await tile()).health).toBe('online');
  });
});
