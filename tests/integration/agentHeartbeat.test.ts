import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import { DEFAULT_TERMINAL_SETTINGS } from '../../shared/terminals/heartbeat.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { tempDir } from '../support/fixtures.js';

// A real kiosk agent and a real hub: the agent enrolls and reports its heartbeat on its own; a
// setting staff push reaches it, is stored in its database (it survives a restart) and is
// acknowledged by the version named in its next heartbeat; a resync request is carried out and
// reported done.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe('agent heartbeat', () => {
  it('reports, applies pushed settings durably and acknowledges them, and carries out requests', async () => {
    const running: RunningHub = await startHub();
    cleanup.push(() => running.close());
    const key = randomBytes(32);
    const dataDir = tempDir();
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    const options = {
      dataDir,
      hubUrl: running.url,
      enrollmentCode: ENROLLMENT_CODE,
      terminalId,
      appVersion: '1.2.3',
      host: { kind: 'browser' as const, loadDataKey: async () => key, relaunch: () => undefined },
      log: silentLog,
      healthIntervalMs: 100,
      heartbeatIntervalMs: 100,
    };
    let agent: Agent = await createAgent(options);
    const status = () => running.hub.database.db.selectFrom('terminal_status').selectAll().where('terminal_id', '=', terminalId).executeTakeFirst();
    const first = await waitFor(status, 'the first heartbeat');
    expect(first.app_version).toBe('1.2.3');
    expect(JSON.parse(first.heartbeat_json)).toMatchObject({ outbox: { depth: 0, parked: 0 }, configVersion: 0 });
    expect(JSON.parse(first.heartbeat_json)).toMatchObject({ screen: 'unknown', lastTouchAt: null });

    // the screen says what it shows, and that someone touched it: staff see when it was last used
    expect(await agent.dispatch('terminal.presence', { screen: 'home', camera: 'ok', microphone: 'missing', touched: true })).toMatchObject({ ok: true });
    const touched = await waitFor(async () => {
      const row = await status();
      return row && JSON.parse(row.heartbeat_json).lastTouchAt ? JSON.parse(row.heartbeat_json) : null;
    }, 'a heartbeat with the last touch');
    expect(touched).toMatchObject({ screen: 'home', devices: { camera: 'ok', microphone: 'missing' } });
    expect(Date.parse(touched.lastTouchAt)).toBeGreaterThanOrEqual(Date.parse(JSON.parse(first.heartbeat_json).sentAt));

    const { db } = running.hub.database;
    const version = await running.hub.fleet.pushConfig(
      running.hub.database,
      { kind: 'terminal', id: terminalId },
      { ...DEFAULT_TERMINAL_SETTINGS, idleTimeoutS: 90, callEnabled: false },
      'admin',
      new Date().toISOString(),
    );
    const command = await running.hub.fleet.requestCommand(running.hub.database, terminalId, 'resync', 'admin', new Date().toISOString());
    await waitFor(async () => (await status())?.config_version === version, 'the applied version in a heartbeat');
    expect(agent.heartbeat.settings()).toEqual({ version, settings: { ...DEFAULT_TERMINAL_SETTINGS, idleTimeoutS: 90, callEnabled: false } });
    await waitFor(async () => (await db.selectFrom('terminal_commands').select('outcome').where('command_id', '=', command).executeTakeFirst())?.outcome === 'done', 'the resync reported done');

    // stored, not just held: a restarted agent still has them and does not take them again
    await agent.close();
    agent = await createAgent(options);
    cleanup.push(() => agent.close());
    expect(agent.heartbeat.settings().version).toBe(version);
  });
});
