import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../main/browserHost/host.js';
import { addMediator } from '../../server/staff/accounts.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { createDatabase, startPostgresCluster, type PostgresCluster } from '../support/postgresCluster.js';
import { callFromHome, framesDecoded, MEDIATOR, openKiosk, openMediator, productSfu } from './support/callStack.js';
import { e2eSuite } from './support/kioskSuite.js';

// A kiosk call through hub instance A answered at a mediator desk signed in on instance B, both
// instances on one PostgreSQL database (server/cluster/deskCluster.ts): the kiosk's agent holds
// its signalling socket on A, the desk's browser on B, and the negotiation passes between them
// through the database's notifications. Real Chromium with fake devices on both sides; video is
// decoded both ways.

interface ClusterStack {
  postgres: PostgresCluster;
  a: RunningHub;
  b: RunningHub;
  host: BrowserHost;
  kioskUrl: string;
  close(): Promise<void>;
}

async function startClusterStack(): Promise<ClusterStack> {
  const postgres = await startPostgresCluster();
  const databaseUrl = await createDatabase(postgres);
  const dataKey = randomBytes(32).toString('base64');
  // The product's default media path (HUB_SFU=auto): the SFU of whichever instance holds the desk.
  const signalling = { consoleDir: resolve('dist/console'), cluster: { tickMs: 200, leaseMs: 3_000 }, sfu: productSfu() };
  const filesDir = tempDir('hub-across-files-'); // instances on one database share one files folder
  const a = await startHub({ dataDir: tempDir('hub-across-a-'), filesDir, databaseUrl, dataKey, backup: false, signalling });
  const b = await startHub({ dataDir: tempDir('hub-across-b-'), filesDir, databaseUrl, dataKey, backup: false, signalling });
  await addMediator(b.hub.staff, MEDIATOR, new Date());
  const host = await startBrowserHost({
    dataDir: tempDir('kiosk-across-e2e-'),
    hubUrl: a.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId: 'KSK-ACROSS-1',
    terminalName: '城关区矛调中心 1号机',
    location: '兰州市城关区张掖路街道',
    rendererDir: resolve('dist/renderer'),
    port: 0,
    log: silentLog,
    healthIntervalMs: 500,
  });
  await waitFor(() => a.hub.signalling.sockets().kiosks.length === 1, 'the kiosk’s signalling socket on A');
  return {
    postgres,
    a,
    b,
    host,
    kioskUrl: `${host.bridge.origin}/#secret=${host.bridge.secret}`,
    async close() {
      await host.close();
      await Promise.all([a.close(), b.close()]);
      await postgres.destroy();
    },
  };
}

const suite = e2eSuite({ start: startClusterStack });

describe('video call across hub instances', () => {
  it('connects a kiosk on instance A with a desk on instance B and decodes video both ways', async () => {
    const { a, b } = suite.stack;
    // One instance holds the desk; the kiosk and the desk are on different instances whichever it is.
    expect([a, b].filter((h) => h.hub.signalling.cluster?.holding())).toHaveLength(1);
    const mediator = await openMediator(suite.browser, b.url);
    expect(b.hub.signalling.sockets().mediators).toHaveLength(1);
    expect(a.hub.signalling.sockets().mediators).toHaveLength(0);

    const { page } = await openKiosk(suite.browser, suite.stack.kioskUrl);
    await callFromHome(page);
    const item = mediator.page.getByTestId('call-queue-item').first();
    await item.waitFor();
    expect(await item.innerText()).toContain('城关区矛调中心 1号机');
    const callId = (await item.getAttribute('data-call-id'))!;
    await item.getByTestId('call-accept').click();
    await mediator.page.getByTestId('call-panel').waitFor();

    await page.getByTestId('call-live').waitFor();
    expect(await framesDecoded(page)).toBeGreaterThan(0);
    expect(await framesDecoded(mediator.page)).toBeGreaterThan(0);

    await mediator.page.getByTestId('call-end').click();
    await mediator.page.getByTestId('call-outcome-settled').check();
    await mediator.page.getByTestId('call-outcome-save').click();
    await page.locator('[data-testid="call-ended"][data-reason="mediatorHungUp"]').waitFor();
    // The kiosk hears of the hang-up before the desk's outcome reaches the hub (its own request, to
    // instance B): wait for the outcome, not for the kiosk (a whole run at load 10 read it null).
    await expect.poll(async () => (await a.hub.signalling.records.get(callId))?.outcome).toBe('settled');
    const record = await a.hub.signalling.records.get(callId);
    expect(record).toMatchObject({ terminalId: 'KSK-ACROSS-1', mediator: MEDIATOR.username, endReason: 'mediator_hangup', outcome: 'settled' });
  });
});
