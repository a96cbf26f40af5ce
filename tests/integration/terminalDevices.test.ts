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
// print. A printer's cover, a camera a call could not start, a microphone the browser refused
// raise their own alerts; a failed camera stays failed until a call finds it working.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('terminal devices', () => {
  it('raises and clears alerts for paper, the printer cover, the camera and the microphone; a failed camera stays failed until tried', async () => {
    const running: RunningHub = await startHub();
    cleanup.push(() => running.close());
    const printer = new SimulatedPrinter();
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    const key = randomBytes(32);
    const dataDir = tempDir();
    const start = () =>
      createAgent({
        dataDir,
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
    let agent = await start();
    cleanup.push(() => agent.close());
    const { db } = running.hub.database;
    const openAlerts = () => db.selectFrom('terminal_alerts').select('kind').where('terminal_id', '=', terminalId).where('cleared_at', 'is', null).execute();
    const latest = async () => {
      const row = await db.selectFrom('terminal_status').select('heartbeat_json').where('terminal_id', '=', terminalId).executeTakeFirst();
      return row ? (JSON.parse(row.heartbeat_json) as { devices: Record<string, string> }) : null;
    };
    const heartbeats = async () =>
      Number(
        (
          await db
            .selectFrom('terminal_heartbeats')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('terminal_id', '=', terminalId)
            .executeTakeFirst()
        )?.n ?? 0,
      );
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

    // the cover opened: its own alert, cleared when it is shut
    printer.setCoverOpen(true);
    await waitFor(async () => (await openAlerts()).some((a) => a.kind === 'printer_cover_open'), 'the cover alert');
    expect(await tile()).toMatchObject({ health: 'degraded', devices: { printer: 'cover_open' } });
    printer.setCoverOpen(false);
    await waitFor(async () => (await openAlerts()).length === 0, 'the cover alert cleared');

    // the screen reports a camera a call could not start and a microphone the browser refused: an alert each
    const report = (camera: string, microphone: string, tried?: { camera: boolean; microphone: boolean }) =>
      agent.dispatch('terminal.presence', { screen: 'home', camera, microphone, ...(tried ? { tried } : {}) });
    expect(await report('failed', 'denied', { camera: true, microphone: true })).toMatchObject({ ok: true });
    await waitFor(async () => (await latest())?.devices.camera === 'failed', 'the failed camera in a heartbeat');
    await waitFor(async () => (await openAlerts()).length === 2 || null, 'camera and microphone alerts');
    expect((await openAlerts()).map((a) => a.kind).sort()).toEqual(['camera_failed', 'microphone_denied']);
    const shown = await tile();
    expect(shown.health).toBe('degraded');
    expect(shown.openAlerts.map((a) => a.kind).sort()).toEqual(['camera_failed', 'microphone_denied']);

    // a screen that reloaded lists both as present without trying them: the failures stand
    await report('ok', 'ok');
    await report('ok', 'ok', { camera: false, microphone: false });
    const beatsBefore = await heartbeats();
    await waitFor(async () => (await heartbeats()) >= beatsBefore + 2 || null, 'two more heartbeats');
    expect((await latest())?.devices).toMatchObject({ camera: 'failed', microphone: 'denied' });
    expect((await openAlerts()).map((a) => a.kind).sort()).toEqual(['camera_failed', 'microphone_denied']);

    // nor does an agent that restarts: the failures are held in its store
    await agent.close();
    agent = await start();
    const afterRestart = await heartbeats();
    await waitFor(async () => (await heartbeats()) >= afterRestart + 2 || null, 'heartbeats of the restarted agent');
    expect((await latest())?.devices).toMatchObject({ camera: 'failed', microphone: 'denied' });
    await report('ok', 'ok', { camera: false, microphone: false });
    await waitFor(async () => (await heartbeats()) >= afterRestart + 4 || null, 'two more heartbeats');
    expect((await openAlerts()).map((a) => a.kind).sort()).toEqual(['camera_failed', 'microphone_denied']);

    // unplugged: missing replaces failed (the list is believed about absence)
    await report('missing', 'denied');
    await waitFor(async () => (await openAlerts()).some((a) => a.kind === 'camera_missing'), 'camera missing');
    expect((await openAlerts()).map((a) => a.kind).sort()).toEqual(['camera_missing', 'microphone_denied']);

    // a call finds both working: every alert cleared, the tile green again
    await report('ok', 'ok', { camera: true, microphone: true });
    await waitFor(async () => (await openAlerts()).length === 0 || null, 'the device alerts cleared');
    expect(await tile()).toMatchObject({ health: 'online', devices: { camera: 'ok', microphone: 'ok' } });
    const kinds = (await db.selectFrom('terminal_alerts').select('kind').where('terminal_id', '=', terminalId).execute()).map((a) => a.kind).sort();
    expect(kinds).toEqual(['camera_failed', 'camera_missing', 'microphone_denied', 'printer_cover_open', 'printer_paper_out']);
  });
});
