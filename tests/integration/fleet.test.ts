import { afterEach, describe, expect, it } from 'vitest';
import { fleetPaths } from '../../shared/terminals/heartbeat.js';
import { DEFAULT_TERMINAL_SETTINGS } from '../../shared/terminals/heartbeat.js';
import type { FleetAnswer } from '../../shared/terminals/terminalHealth.js';
import { HALL_SITE_ID, terminalSite } from '../../server/sites/courtDefaults.js';
import { seedCourt } from '../support/courtFixture.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { enrolledTerminal, healthyHeartbeat, sendHeartbeat } from '../support/heartbeats.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// Terminals' heartbeats on a real hub: latest state and health for staff, alerts raised and
// cleared by what the heartbeat shows, "offline" raised by the hub's own sweep when a terminal
// falls silent and cleared when it speaks again, pushed settings and requests delivered in the
// reply and acknowledged by the next heartbeat.

describe('terminal fleet', () => {
  let running: RunningHub;
  afterEach(async () => running?.close());

  const fleet = async (cookie: string) => (await (await fetch(`${running.url}${fleetPaths.fleet}`, { headers: { cookie } })).json()) as FleetAnswer;
  const openAlerts = async (terminalId: string) =>
    (await running.hub.database.db.selectFrom('terminal_alerts').select('kind').where('terminal_id', '=', terminalId).where('cleared_at', 'is', null).execute()).map((r) => r.kind).sort();

  it('keeps the latest heartbeat, raises and clears alerts, and turns a silent terminal offline', async () => {
    running = await startHub({ fleet: { offlineAfterMs: 1500, sweepMs: 100 } });
    await seedCourt(running.hub.database);
    const credential = await enrolledTerminal(running, 'kiosk-xiyuan-1', 'centre-xiyuan');
    const viewer = await signedInStaff(running.hub, 'dashboard_viewer');

    expect((await fleet(viewer.cookie)).terminals[0]).toMatchObject({ terminalId: 'kiosk-xiyuan-1', health: 'never_seen' });
    expect((await sendHeartbeat(running, 'not-a-credential', healthyHeartbeat())).status).toBe(401);
    expect((await sendHeartbeat(running, credential, { ...healthyHeartbeat(), uptimeS: -1 })).status).toBe(400);
    expect((await sendHeartbeat(running, credential, { ...healthyHeartbeat(), residentName: '张三' })).status).toBe(400); // nothing personal fits in it

    const first = await sendHeartbeat(running, credential, healthyHeartbeat());
    expect(first).toEqual({ status: 200, reply: { config: null, commands: [], intervalS: 30, adminPin: null, siteId: 'centre-xiyuan' } });
    expect((await fleet(viewer.cookie)).terminals[0]).toMatchObject({ health: 'online', appVersion: '0.1.0', screen: 'idle_loop', openAlerts: [] });

    await sendHeartbeat(running, credential, healthyHeartbeat({ devices: { camera: 'ok', microphone: 'ok', printer: 'paper_out' }, outbox: { depth: 3, oldestAgeS: 7200, parked: 0 } }));
    expect(await openAlerts('kiosk-xiyuan-1')).toEqual(['outbox_stuck', 'printer_paper_out']);
    expect((await fleet(viewer.cookie)).terminals[0]!.health).toBe('degraded');
    await sendHeartbeat(running, credential, healthyHeartbeat({ playlist: { version: 'v1', cache: 'broken', items: 3 } }));
    expect(await openAlerts('kiosk-xiyuan-1')).toEqual(['media_cache_broken']);

    // silence: the hub's sweep raises "offline"; the next heartbeat clears it
    await waitFor(async () => (await openAlerts('kiosk-xiyuan-1')).includes('offline'), 'the offline alert');
    expect((await fleet(viewer.cookie)).terminals[0]!.health).toBe('offline');
    await sendHeartbeat(running, credential, healthyHeartbeat());
    expect(await openAlerts('kiosk-xiyuan-1')).toEqual([]);
    const history = await running.hub.database.db.selectFrom('terminal_heartbeats').select('heartbeat_json').where('terminal_id', '=', 'kiosk-xiyuan-1').execute();
    expect(history).toHaveLength(4);
  });

  it('raises a silent terminal’s offline alert once when two instances sweep at the same moment', async () => {
    running = await startHub({ fleet: { offlineAfterMs: 1500, sweepMs: 3_600_000 } });
    await seedCourt(running.hub.database);
    const credential = await enrolledTerminal(running, 'kiosk-xiyuan-2', 'centre-xiyuan');
    await sendHeartbeat(running, credential, healthyHeartbeat());
    // Both sweeps (two instances' timers) read the terminal as having no offline alert, then both raise it.
    const later = new Date(Date.now() + 60_000);
    const [one, two] = await Promise.all([running.hub.fleet.sweepOffline(running.hub.database, later), running.hub.fleet.sweepOffline(running.hub.database, later)]);
    expect([...one, ...two]).toEqual(['kiosk-xiyuan-2']);
    expect(await openAlerts('kiosk-xiyuan-2')).toEqual(['offline']);
  });

  it('delivers pushed settings and requests in the reply until the terminal acknowledges them', async () => {
    running = await startHub();
    await seedCourt(running.hub.database);
    const credential = await enrolledTerminal(running, 'kiosk-hall-1', 'court-hall');
    const { fleet: store } = running.hub;
    const siteVersion = await store.pushConfig(running.hub.database, { kind: 'site', id: 'court-hall' }, { ...DEFAULT_TERMINAL_SETTINGS, callEnabled: false }, 'admin', new Date().toISOString());
    const command = await store.requestCommand(running.hub.database, 'kiosk-hall-1', 'resync', 'admin', new Date().toISOString());

    const one = await sendHeartbeat(running, credential, healthyHeartbeat());
    expect(one.reply.config).toEqual({ version: siteVersion, settings: { ...DEFAULT_TERMINAL_SETTINGS, callEnabled: false } });
    expect(one.reply.commands).toEqual([{ commandId: command, kind: 'resync' }]);

    // a setting for this terminal alone, newer than its site's, wins
    const ownVersion = await store.pushConfig(running.hub.database, { kind: 'terminal', id: 'kiosk-hall-1' }, { ...DEFAULT_TERMINAL_SETTINGS, idleTimeoutS: 60 }, 'admin', new Date().toISOString());
    const two = await sendHeartbeat(running, credential, healthyHeartbeat({ configVersion: siteVersion, commandsDone: [{ commandId: command, outcome: 'done' }] }));
    expect(two.reply.config?.version).toBe(ownVersion);
    expect(two.reply.commands).toEqual([]);
    const three = await sendHeartbeat(running, credential, healthyHeartbeat({ configVersion: ownVersion }));
    expect(three.reply.config).toBeNull();
    const done = await running.hub.database.db.selectFrom('terminal_commands').select(['outcome', 'delivered_at']).where('command_id', '=', command).executeTakeFirstOrThrow();
    expect(done.outcome).toBe('done');
    expect(done.delivered_at).not.toBeNull();
  });

  it('a terminal given no site takes the settings pushed to the hall, the site terminalSite() names for it, and no other site’s', async () => {
    running = await startHub();
    const { fleet: store, database } = running.hub;
    const noSite = await enrolledTerminal(running, 'kiosk-nosite-1', HALL_SITE_ID);
    await database.db.updateTable('terminals').set({ site_id: null }).where('terminal_id', '=', 'kiosk-nosite-1').execute();
    const other = (await database.db.selectFrom('sites').select('site_id').where('site_id', '!=', HALL_SITE_ID).executeTakeFirstOrThrow()).site_id;
    expect(terminalSite(null)).toBe(HALL_SITE_ID);

    const at = () => new Date().toISOString();
    await store.pushConfig(database, { kind: 'site', id: other }, { ...DEFAULT_TERMINAL_SETTINGS, idleTimeoutS: 45 }, 'admin', at());
    expect((await sendHeartbeat(running, noSite, healthyHeartbeat())).reply.config).toBeNull();
    const hallVersion = await store.pushConfig(database, { kind: 'site', id: terminalSite(null) }, { ...DEFAULT_TERMINAL_SETTINGS, callEnabled: false }, 'admin', at());
    expect((await sendHeartbeat(running, noSite, healthyHeartbeat())).reply.config).toEqual({ version: hallVersion, settings: { ...DEFAULT_TERMINAL_SETTINGS, callEnabled: false } });
    // the lists place it where its settings come from: the hall's, and no other site's
    expect((await store.list(database, HALL_SITE_ID)).map((t) => t.terminalId)).toContain('kiosk-nosite-1');
    expect((await store.list(database, other)).map((t) => t.terminalId)).not.toContain('kiosk-nosite-1');
  });
});
