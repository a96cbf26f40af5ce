import { join, resolve } from 'node:path';
import { silentLog } from '../../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../../main/browserHost/host.js';
import { tempDir } from '../../support/fixtures.js';
import { ENROLLMENT_CODE, waitFor, type RunningHub } from '../../support/hubHarness.js';

// A remote service counter for end-to-end tests: a browser-host kiosk with counter staff mode and
// the simulated ID card reader, enrolled with the hub and placed at a site as a counter terminal.

export async function startCounterKiosk(hub: RunningHub, siteId: string): Promise<BrowserHost> {
  const host = await startBrowserHost({
    dataDir: tempDir('counter-e2e-'),
    hubUrl: hub.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalName: '西园街道矛调中心 远程柜台',
    rendererDir: resolve('dist/renderer'),
    port: 0,
    log: silentLog,
    healthIntervalMs: 500,
    printer: { lpPath: join(tempDir('counter-e2e-spool-'), 'no-lp') },
    counter: true,
    idCardReader: 'simulated',
  });
  await waitFor(() => host.agent.config.credential(), 'enrollment');
  // The court places the terminal at its site (fleet administration's work, done here directly).
  await hub.hub.database.db.updateTable('terminals').set({ site_id: siteId, kind: 'counter' }).where('terminal_id', '=', host.agent.config.read().terminalId).execute();
  return host;
}

export const kioskUrlOf = (host: BrowserHost): string => `${host.bridge.origin}/#secret=${host.bridge.secret}`;
