import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { downloadOffered, offeredRelease, reportVersion, type FeedAccess } from '../../main/update/feedClient.js';
import { runStartupCheck } from '../../main/update/startupCheck.js';
import { startupTrial, TRIAL_FILE } from '../../main/update/startupTrial.js';
import { UpdateWatch, type UpdateInstaller } from '../../main/update/updateWatch.js';
import type { ScreenState } from '../../shared/terminals/heartbeat.js';
import { seedCourt } from '../support/courtFixture.js';
import { tempDir } from '../support/fixtures.js';
import { enrolledTerminal, healthyHeartbeat, sendHeartbeat } from '../support/heartbeats.js';
import { ADMIN_PASSWORD, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { adminCookie, fakeRelease, sha512, uploadRelease } from '../support/releaseFixture.js';

// The kiosk's update loop (main/update/) against a real hub: it downloads the version its rollout
// gives it in the background and verifies it, waits while a resident is mid-intake or in a call,
// installs once the kiosk is idle, and a version that fails its start-up check is reported and
// replaced by the one before. The install itself is the Electron shell's (electron-updater; its
// handlers are unit-tested): here it is recorded.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function kioskAt(running: RunningHub, terminalId: string, siteId: string, version: string) {
  const credential = await enrolledTerminal(running, terminalId, siteId);
  await sendHeartbeat(running, credential, healthyHeartbeat({ appVersion: version }));
  const access: FeedAccess = { hubUrl: running.url, credential, channelFile: 'latest-linux.yml' };
  const dir = tempDir('kiosk-update-');
  const installs: string[] = [];
  const downloads: string[] = [];
  const installer: UpdateInstaller = {
    async download(v) {
      const offer = await offeredRelease(access);
      if (offer?.version !== v) throw new Error('offer moved');
      downloads.push(await downloadOffered(access, offer, dir));
    },
    async install(v) {
      installs.push(v);
    },
  };
  const screen: { screen: ScreenState; lastTouchAt: string | null } = { screen: 'intake', lastTouchAt: new Date().toISOString() };
  const errors: string[] = [];
  const watch = new UpdateWatch({
    running: version,
    offered: async () => (await offeredRelease(access))?.version ?? null,
    installer,
    trial: startupTrial(dir),
    screen: () => screen,
    onError: (stage, err) => errors.push(`${stage}: ${(err as Error).message}`),
  });
  return { credential, access, dir, installs, downloads, screen, watch, errors };
}

describe('the kiosk update loop against a real hub', () => {
  it('downloads in the background, defers while a resident is mid-intake or in a call, installs when idle; a kiosk outside the rollout stays', async () => {
    const running = await startHub();
    cleanup.push(() => running.close());
    await seedCourt(running.hub.database);
    const cookie = await adminCookie(running.url, ADMIN_PASSWORD);
    const release = fakeRelease('1.1.0');
    expect((await uploadRelease(running.url, cookie, release, { rollout: 'sites', siteIds: 'centre-xiyuan' })).status).toBe(201);

    const kiosk = await kioskAt(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '1.0.0');
    expect(await kiosk.watch.tick()).toBe('downloading');
    await waitFor(() => kiosk.watch.current.kind === 'ready', 'the download');
    expect(sha512(readFileSync(kiosk.downloads[0]!))).toBe(sha512(release[0]!.bytes));

    expect(await kiosk.watch.tick()).toBe('deferred'); // mid-intake
    kiosk.screen.screen = 'call';
    expect(await kiosk.watch.tick()).toBe('deferred');
    kiosk.screen.screen = 'home'; // just touched: a resident may be reading it
    expect(await kiosk.watch.tick()).toBe('deferred');
    expect(kiosk.installs).toEqual([]);
    expect(existsSync(join(kiosk.dir, TRIAL_FILE))).toBe(false);

    kiosk.screen.screen = 'idle_loop';
    expect(await kiosk.watch.tick()).toBe('installing');
    expect(kiosk.installs).toEqual(['1.1.0']);
    expect(JSON.parse(readFileSync(join(kiosk.dir, TRIAL_FILE), 'utf8'))).toEqual({ from: '1.0.0', to: '1.1.0', starts: 0 });

    const outside = await kioskAt(running, 'kiosk-lianjia-1', 'grid-lianjia', '1.0.0');
    outside.screen.screen = 'idle_loop';
    expect(await outside.watch.tick()).toBe('current');
    expect([outside.downloads, outside.installs, outside.errors]).toEqual([[], [], []]);
  });

  it('refuses a release file that does not match its sha512, and keeps the version it runs', async () => {
    const running = await startHub();
    cleanup.push(() => running.close());
    await seedCourt(running.hub.database);
    const cookie = await adminCookie(running.url, ADMIN_PASSWORD);
    const release = fakeRelease('1.1.0');
    expect((await uploadRelease(running.url, cookie, release, { rollout: 'percentage', percent: '100' })).status).toBe(201);
    // the file on the hub's disk swapped for other bytes of the same size
    writeFileSync(join(running.dataDir, 'releases', '1.1.0', release[0]!.name), randomBytes(release[0]!.bytes.length));

    const kiosk = await kioskAt(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '1.0.0');
    expect(await kiosk.watch.tick()).toBe('downloading');
    await waitFor(() => (kiosk.errors.length > 0 ? kiosk.errors : null), 'the refused download');
    expect(kiosk.errors).toEqual([`download: release file ${release[0]!.name} does not match its sha512`]);
    expect(kiosk.watch.current).toEqual({ kind: 'current' });
    expect(existsSync(join(kiosk.dir, release[0]!.name))).toBe(false);
  });

  it('a version that fails its start-up check is reported, and the hub then offers the one before', async () => {
    const running = await startHub();
    cleanup.push(() => running.close());
    await seedCourt(running.hub.database);
    const cookie = await adminCookie(running.url, ADMIN_PASSWORD);
    for (const v of ['1.0.0', '1.1.0']) expect((await uploadRelease(running.url, cookie, fakeRelease(v), { rollout: 'percentage', percent: '100' })).status).toBe(201);
    const kiosk = await kioskAt(running, 'kiosk-xiyuan-1', 'centre-xiyuan', '1.0.0');
    const trial = startupTrial(kiosk.dir);
    trial.begin('1.0.0', '1.1.0');

    // 1.1.0 now runs (its heartbeat says so) and never becomes healthy
    await sendHeartbeat(running, kiosk.credential, healthyHeartbeat({ appVersion: '1.1.0' }));
    const check = () => runStartupCheck({ running: '1.1.0', trial, healthy: async () => false, timeoutMs: 60_000, report: (r) => reportVersion(kiosk.access, r), restart: () => undefined });
    expect((await offeredRelease(kiosk.access))?.version).toBe('1.1.0');
    let outcome = await check();
    while (outcome === 'restarted') outcome = await check();
    expect(outcome).toBe('failed');
    expect((await offeredRelease(kiosk.access))?.version).toBe('1.0.0');
    const reports = await running.hub.database.db.selectFrom('kiosk_update_reports').select(['terminal_id', 'version', 'outcome', 'previous_version']).execute();
    expect(reports).toEqual([{ terminal_id: 'kiosk-xiyuan-1', version: '1.1.0', outcome: 'failed', previous_version: '1.0.0' }]);
  });
});
