import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HALL_SITE_ID } from '../../server/sites/courtDefaults.js';
import { signedInStaff, receiveDispute } from '../support/dashboardViewers.js';
import { tempDir } from '../support/fixtures.js';
import { openPushStream } from '../support/pushStream.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// Two hub instances on one PostgreSQL database: what one instance changes reaches what the other
// holds in memory, through the database's notifications (server/bus/). A dashboard page open on
// instance B is pushed when a case is received through A; a kiosk asking B for the playlist gets
// the one changed through A, although B had the old manifest in memory.

let a: RunningHub;
let b: RunningHub;

beforeAll(async () => {
  const { databaseUrl } = await testDatabase(tempDir('hub-bus-'));
  const dataKey = randomBytes(32).toString('base64');
  const filesDir = tempDir('hub-bus-files-'); // instances on one database share one files folder
  a = await startHub({ dataDir: tempDir('hub-bus-a-'), filesDir, databaseUrl, dataKey, backup: false });
  b = await startHub({ dataDir: tempDir('hub-bus-b-'), filesDir, databaseUrl, dataKey, backup: false });
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe('notices between hub instances (PostgreSQL LISTEN/NOTIFY)', () => {
  it('pushes a dashboard page open on B when a case is received through A', async () => {
    const viewer = await signedInStaff(b.hub, 'dashboard_viewer');
    const stream = await openPushStream(b.url, viewer.cookie);
    expect(stream.status).toBe(200);
    await waitFor(() => stream.text().includes('retry:'), 'the stream to open');
    expect(stream.changes()).toBe(0);

    await receiveDispute(a.hub, HALL_SITE_ID, 'court');
    await waitFor(() => stream.changes() > 0, 'a push on instance B for a case received through A');
    await stream.close();
  });

  it('serves on B the playlist changed through A, although B held the old one in memory', async () => {
    const before = await b.hub.playlist.store.manifest();
    expect((await b.hub.playlist.store.manifest()).version).toBe(before.version); // B now serves it from memory
    const settings = await a.hub.playlist.store.settings();
    await a.hub.playlist.store.saveSettings({ ...settings, attractAfterSeconds: settings.attractAfterSeconds === 90 ? 120 : 90 });
    const changed = await a.hub.playlist.store.manifest();
    expect(changed.version).not.toBe(before.version);
    await waitFor(async () => (await b.hub.playlist.store.manifest()).version === changed.version, 'instance B to serve the changed playlist');
  });
});
