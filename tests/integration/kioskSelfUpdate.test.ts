import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import type { HostUpdates } from '../../main/agent/host.js';
import { silentLog } from '../../main/agent/log.js';
import { offeredRelease } from '../../main/update/feedClient.js';
import { startupTrial, TRIAL_FILE } from '../../main/update/startupTrial.js';
import { seedCourt } from '../support/courtFixture.js';
import { tempDir } from '../support/fixtures.js';
import { ADMIN_PASSWORD, ENROLLMENT_CODE, freePort, startHub, waitFor } from '../support/hubHarness.js';
import { adminCookie, fakeRelease, uploadRelease } from '../support/releaseFixture.js';

// The update loop as the agent runs it (main/agent/selfUpdate.ts → main/update/kioskUpdates.ts),
// with a real agent, its real outbox and a real hub. The host's install step is Electron's
// (electron-updater; unit-tested on its handlers): here it records what it was asked, and its
// download reads the hub's feed with the feed address and credential the agent handed it.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function recordingHost() {
  const asked: string[] = [];
  const updates: HostUpdates = {
    async download(version, feed) {
      const res = await fetch(`${feed.url}/latest-linux.yml`, { headers: feed.headers });
      if (!res.ok || !(await res.text()).includes(`version: ${version}`)) throw new Error(`feed does not offer ${version}`);
      asked.push(`download ${version}`);
    },
    async install(version) {
      asked.push(`install ${version}`);
    },
  };
  return { asked, updates };
}

describe('the agent updating itself', () => {
  it('a version that failed its start-up check is reported even though the hub was down at first, then the one before is installed when idle', async () => {
    const port = await freePort();
    const hubUrl = `http://127.0.0.1:${port}`;
    const dataDir = tempDir('kiosk-self-update-');
    const terminalId = `KSK-${randomBytes(2).toString('hex')}`;
    // 1.1.0 was installed over 1.0.0 and used up its trial starts: this start finds it failed
    const trial = startupTrial(dataDir);
    trial.begin('1.0.0', '1.1.0');
    let verdict = trial.onStart('1.1.0');
    for (let i = 0; verdict.kind === 'trial' && i < 5; i++) verdict = trial.onStart('1.1.0');
    expect(verdict).toEqual({ kind: 'failed', from: '1.0.0', to: '1.1.0' });

    const host = recordingHost();
    const key = randomBytes(32);
    const agent: Agent = await createAgent({
      dataDir,
      hubUrl,
      enrollmentCode: ENROLLMENT_CODE,
      terminalId,
      appVersion: '1.1.0',
      updateTrial: verdict,
      host: { kind: 'electron', loadDataKey: async () => key, relaunch: () => undefined, updates: host.updates },
      log: silentLog,
      healthIntervalMs: 100,
    });
    cleanup.push(() => agent.close());

    // the report waits in the outbox, through failed sends, while the hub is down
    const job = () => agent.db.prepare<[], { attempts: number; last_error: string | null }>(`SELECT attempts, last_error FROM outbox_jobs WHERE kind = 'report'`).get();
    expect(job()).toBeDefined();
    const failedSend = await waitFor(() => job()?.last_error, 'a failed send of the report');
    expect(failedSend).not.toBe(''); // the send failed (the hub is down) and the report stays

    const running = await startHub({ port });
    cleanup.push(() => running.close());
    await seedCourt(running.hub.database);
    const cookie = await adminCookie(running.url, ADMIN_PASSWORD);
    for (const v of ['1.0.0', '1.1.0']) expect((await uploadRelease(running.url, cookie, fakeRelease(v), { rollout: 'percentage', percent: '100' })).status).toBe(201);

    const reports = () => running.hub.database.db.selectFrom('kiosk_update_reports').select(['terminal_id', 'version', 'outcome', 'previous_version']).execute();
    await waitFor(async () => (await reports()).length > 0, 'the failed-version report at the hub');
    expect(await reports()).toEqual([{ terminal_id: terminalId, version: '1.1.0', outcome: 'failed', previous_version: '1.0.0' }]);
    await waitFor(() => job() === undefined, 'the acknowledged report leaving the outbox');
    expect(existsSync(join(dataDir, TRIAL_FILE))).toBe(false);

    // the hub now offers the version before; a resident mid-intake holds the install back
    const credential = agent.config.credential()!;
    expect((await offeredRelease({ hubUrl, credential, channelFile: 'latest-linux.yml' }))?.version).toBe('1.0.0');
    await agent.dispatch('terminal.presence', { screen: 'intake', camera: 'ok', microphone: 'ok', touched: true });
    await waitFor(() => host.asked.includes('download 1.0.0'), 'the background download of 1.0.0');
    await agent.dispatch('terminal.presence', { screen: 'intake', camera: 'ok', microphone: 'ok', touched: true });
    expect(host.asked).toEqual(['download 1.0.0']);
    await agent.dispatch('terminal.presence', { screen: 'idle_loop', camera: 'ok', microphone: 'ok' });
    await waitFor(() => host.asked.includes('install 1.0.0'), 'the install once the kiosk is idle');
    expect(host.asked).toEqual(['download 1.0.0', 'install 1.0.0']);
  });
});
