import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserServer, type Page } from 'playwright-core';
import { createLog } from '../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../main/browserHost/host.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, waitFor, type RunningHub } from '../support/hubHarness.js';
import { chromiumArgs } from '../e2e/support/stack.js';

// What the call benchmarks (callFirstFrame.ts, roomJoin.ts) share: a Chromium of their own, a real
// kiosk (the browser host) enrolled at the hub, and a mediator signed in at the desk and on duty.
// Kept here rather than in tests/e2e/support, whose page helpers bring DOM types into the bench
// build (tsconfig.build.json compiles tests/bench without them).

/** A headless Chromium with fake camera and microphone, as a server (its process tree is what a side costs). */
export async function launchBenchChromium(): Promise<{ server: BrowserServer; browser: Browser }> {
  const server = await chromium.launchServer({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs, headless: true });
  return { server, browser: await chromium.connect(server.wsEndpoint()) };
}

/** A kiosk enrolled at `hub` (its renderer served by the browser host), once its signalling socket is up. */
export async function startBenchKiosk(hub: RunningHub, waitMs: number): Promise<BrowserHost> {
  const host = await startBrowserHost({
    dataDir: tempDir('bench-kiosk-'),
    hubUrl: hub.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalName: 'Bench kiosk',
    rendererDir: resolve('dist/renderer'),
    port: 0,
    log: createLog(() => undefined),
    healthIntervalMs: 500,
  });
  try {
    await waitFor(() => hub.hub.signalling.sockets().kiosks.length === 1, 'kiosk signalling socket', waitMs);
  } catch (error) {
    await host.close();
    throw error;
  }
  return host;
}

/** The desk at `hubUrl/mediator`: signs in and goes on duty. */
export async function deskOnDuty(page: Page, hubUrl: string, mediator: { username: string; password: string }): Promise<void> {
  await page.goto(`${hubUrl}/mediator`);
  await page.getByTestId('call-login-username').fill(mediator.username);
  await page.getByTestId('call-login-password').fill(mediator.password);
  await page.getByTestId('call-login-submit').click();
  await page.getByTestId('call-duty-toggle').click();
  await page.locator('[data-testid="call-presence"][data-status="available"]').waitFor();
}
