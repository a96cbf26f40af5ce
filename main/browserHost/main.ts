import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { hubTlsFromEnv } from '../agent/hubTransport.js';
import { createLog } from '../agent/log.js';
import { recordAgentCrash } from '../agent/reports/crashReports.js';
import type { ScreenState } from '../../shared/terminals/heartbeat.js';
import { findChromium, hasDisplay, openChromium, type WindowMode } from './chromium.js';
import { startBrowserHost } from './host.js';

// CLI entry of the browser host. Configuration comes from the environment (see README).

performance.mark('host.modules'); // every static import above is loaded and evaluated

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const env = process.env;
const log = createLog();
const dataDir = resolve(env.KIOSK_DATA_DIR ?? join(root, 'data/kiosk'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

// An error nobody caught ends the host (systemd or the operator starts it again), leaving a crash
// report the next start sends to the hub (main/agent/reports/crashReports.ts).
let hostAgent: { screen(): ScreenState } | null = null;
process.on('uncaughtException', (error) => {
  recordAgentCrash(dataDir, error, { app: pkg.version }, hostAgent?.screen() ?? 'unknown', log);
  process.exit(1);
});

const host = await startBrowserHost({
  dataDir,
  hubUrl: env.KIOSK_HUB_URL ?? 'http://127.0.0.1:8750',
  enrollmentCode: env.KIOSK_ENROLLMENT_CODE,
  terminalId: env.KIOSK_TERMINAL_ID,
  terminalName: env.KIOSK_TERMINAL_NAME,
  location: env.KIOSK_LOCATION,
  rendererDir: resolve(env.KIOSK_RENDERER_DIR ?? join(root, 'dist/renderer')),
  port: env.KIOSK_PORT ? Number(env.KIOSK_PORT) : 8760,
  appVersion: pkg.version,
  publicHubUrl: env.KIOSK_PUBLIC_HUB_URL,
  counter: env.KIOSK_COUNTER,
  idCardReader: env.KIOSK_ID_CARD_READER,
  hubTls: hubTlsFromEnv(env),
  printer: env.KIOSK_PRINTER === 'simulated' ? { simulated: true } : { destination: env.KIOSK_PRINTER },
  log,
});
hostAgent = host.agent;
process.stdout.write(`kiosk: ${host.bridge.url}\n`);
// A Chromium kiosk session run by systemd reads the URL (with its per-launch secret) from here.
const urlFile = env.KIOSK_URL_FILE;
if (urlFile) writeFileSync(urlFile, `${host.bridge.url}\n`, { mode: 0o600 });
// The cold-start benchmark's trace: the marks of this start-up on the epoch clock (tests/bench/coldStart.ts).
if (env.KIOSK_START_TRACE === '1') {
  const booted = performance.timeOrigin + performance.nodeTiming.bootstrapComplete;
  const marks = [['node.bootstrap', booted], ...performance.getEntriesByType('mark').map((m) => [m.name, performance.timeOrigin + m.startTime])];
  process.stdout.write(`kiosk: start-trace ${JSON.stringify({ timeOrigin: performance.timeOrigin, marks })}\n`);
}

const open = (env.KIOSK_OPEN ?? 'auto') as WindowMode | 'auto' | 'none';
const chromium = findChromium();
if (open !== 'none' && hasDisplay() && chromium) {
  const child = openChromium(chromium, host.bridge.url, open === 'kiosk' ? 'kiosk' : 'app', join(dataDir, 'chromium-profile'));
  process.stdout.write(`kiosk: opened ${chromium} (${open === 'kiosk' ? 'kiosk' : 'app'} window)\n`);
  child.on('exit', () => undefined);
} else if (open !== 'none') {
  process.stdout.write('kiosk: no display or no Chromium here; open the URL above in a browser\n');
}

let closing = false;
const shutdown = async () => {
  if (closing) return;
  closing = true;
  if (urlFile) rmSync(urlFile, { force: true });
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
