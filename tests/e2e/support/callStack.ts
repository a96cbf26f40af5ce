import { spawn, type ChildProcess } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { silentLog } from '../../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../../main/browserHost/host.js';
import type { CallStats } from '../../../renderer/webrtc/roomLinks.js';
import { addMediator } from '../../../server/staff/accounts.js';
import type { SignallingOptions } from '../../../server/signalling/register.js';
import { sfuFromEnv, type SfuOptions } from '../../../server/sfu/options.js';
import { tempDir } from '../../support/fixtures.js';
import { BUSY_MS, ENROLLMENT_CODE, freePort, startHub, waitFor, type RunningHub } from '../../support/hubHarness.js';
import { watchCsp } from './cspWatch.js';
import { screenshot } from './stack.js';

// The video-call end-to-end stack: a real hub with its signalling, one or more browser hosts
// (each a real kiosk agent; the first one's hub traffic can pass through a loopback proxy we can cut), the
// built renderer and mediator console in Debian's Chromium with fake camera and microphone, and
// coturn started by hand when a test needs a relay.

export const MEDIATOR = { username: 'med-e2e', password: 'mediator-e2e-password', displayName: '李调解员' };
const RENDERER_DIR = resolve('dist/renderer');

export interface CallStack {
  hub: RunningHub;
  hosts: BrowserHost[];
  kioskUrls: string[];
  proxy: CuttableProxy | null;
  close(): Promise<void>;
}

export async function startCallStack(options: { kiosks?: number; signalling?: SignallingOptions; proxy?: boolean } = {}): Promise<CallStack> {
  const hub = await startHub({ signalling: { consoleDir: resolve('dist/console'), sfu: productSfu(), ...options.signalling } });
  await addMediator(hub.hub.staff, MEDIATOR, new Date());
  const proxy = options.proxy ? await CuttableProxy.start(Number(new URL(hub.url).port)) : null;
  const hosts: BrowserHost[] = [];
  for (let i = 0; i < (options.kiosks ?? 1); i++) {
    hosts.push(
      await startBrowserHost({
        dataDir: tempDir('kiosk-call-e2e-'),
        // Only the first kiosk goes through the proxy: a cut takes its signalling, not the other's.
        hubUrl: i === 0 && proxy ? proxy.url : hub.url,
        enrollmentCode: ENROLLMENT_CODE,
        terminalId: `KSK-CALL-${i + 1}`,
        terminalName: `城关区矛调中心 ${i + 1}号机`,
        location: i === 0 ? '兰州市城关区张掖路街道' : '兰州市七里河区西园街道',
        rendererDir: RENDERER_DIR,
        port: 0,
        log: silentLog,
        healthIntervalMs: 500,
      }),
    );
  }
  // Each kiosk's signalling socket is up before a test taps "call".
  await waitFor(() => hub.hub.signalling.sockets().kiosks.length === hosts.length, 'kiosk signalling sockets');
  return {
    hub,
    hosts,
    proxy,
    kioskUrls: hosts.map((h) => `${h.bridge.origin}/#secret=${h.bridge.secret}`),
    async close() {
      for (const h of hosts) await h.close();
      await proxy?.close();
      await hub.close();
    },
  };
}

/**
 * The SFU as the hub would run it with this environment (HUB_SFU: auto by default, so the call
 * tests run on the SFU where the worker starts; `HUB_SFU=off` runs them peer to peer), one worker
 * per hub on this shared machine. A test about one path says so with `signalling: { sfu }`.
 */
export function productSfu(): SfuOptions | null {
  return sfuFromEnv({ ...process.env, HUB_SFU_WORKERS: process.env.HUB_SFU_WORKERS ?? '1' });
}

export async function openKiosk(browser: Browser, url: string, locale = 'zh-CN'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ hasTouch: true, viewport: { width: 1280, height: 800 }, locale, deviceScaleFactor: 1 });
  await watchCsp(context);
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('call-mediator-button').waitFor();
  return { context, page };
}

/** Signs in to the mediator console (as the e2e mediator, or another desk account such as a judge) and goes on duty. */
export async function openMediator(browser: Browser, hubUrl: string, account: { username: string; password: string } = MEDIATOR): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  await watchCsp(context);
  const page = await context.newPage();
  await page.goto(`${hubUrl}/mediator`);
  await page.getByTestId('call-login-username').fill(account.username);
  await page.getByTestId('call-login-password').fill(account.password);
  await page.getByTestId('call-login-submit').click();
  await page.getByTestId('call-duty-toggle').click();
  await page.locator('[data-testid="call-presence"][data-status="available"]').waitFor();
  return { context, page };
}

/** The kiosk in the given language and mode (by touch), at the given size, then a picture. */
export async function lookAs(kiosk: Page, name: string, size: { width: number; height: number }, elderly: boolean, lang: 'zh-CN' | 'en'): Promise<void> {
  if ((await kiosk.locator(`html[lang="${lang}"]`).count()) === 0) await kiosk.getByTestId(lang === 'en' ? 'lang-en' : 'lang-zh').tap();
  await kiosk.locator(`html[lang="${lang}"]`).waitFor();
  if ((await kiosk.locator('html.elderly').count()) !== (elderly ? 1 : 0)) await kiosk.getByTestId('elderly-toggle').tap();
  await kiosk.locator(elderly ? 'html.elderly' : 'html:not(.elderly)').waitFor();
  await kiosk.setViewportSize(size);
  await screenshot(kiosk, name);
}

/** Home → "talk to a mediator" → consent → preflight → "call now". */
export async function callFromHome(page: Page): Promise<void> {
  await page.getByTestId('call-mediator-button').tap();
  await page.getByTestId('call-consent-accept').tap();
  await page.locator('[data-testid="call-start"]:not([disabled])').waitFor();
  await page.getByTestId('call-start').tap();
  await page.getByTestId('call-position').waitFor();
}

export function callStats(page: Page): Promise<CallStats | null> {
  return page.evaluate(() => (window as unknown as { callDiagnostics?: () => Promise<CallStats | null> }).callDiagnostics?.() ?? null);
}

/** Waits until this page has decoded more than `beyond` remote video frames; returns the count. */
export async function framesDecoded(page: Page, beyond = 0, timeoutMs = BUSY_MS): Promise<number> {
  let last = 0;
  await waitFor(
    async () => {
      last = (await callStats(page))?.framesDecoded ?? 0;
      return last > beyond;
    },
    `frames decoded beyond ${beyond}`,
    timeoutMs,
  );
  return last;
}

/** Answers the first call in the desk's queue; returns its id once the call panel is open. */
export async function answerFirst(desk: Page): Promise<string> {
  const item = desk.getByTestId('call-queue-item').first();
  await item.waitFor();
  const callId = (await item.getAttribute('data-call-id'))!;
  await item.getByTestId('call-accept').click();
  await desk.getByTestId('call-panel').waitFor();
  return callId;
}

/** "End" on the desk (unless the call already ended), the outcome saved, the panel gone. */
export async function endWithOutcome(desk: Page, outcome: string, notes: string): Promise<void> {
  if (await desk.getByTestId('call-end').isVisible()) await desk.getByTestId('call-end').click();
  await desk.getByTestId(`call-outcome-${outcome}`).check();
  await desk.getByTestId('call-outcome-notes').fill(notes);
  await desk.getByTestId('call-outcome-save').click();
  await desk.getByTestId('call-panel').waitFor({ state: 'detached' });
}

/** Video frames this page decoded on the SFU, per remote participant (peer id → count). */
export type DecodedByPeer = Record<string, number>;
export const decodedByPeer = async (page: Page): Promise<DecodedByPeer> => (await page.evaluate(() => window.callDecodedByPeer?.() ?? null)) ?? {};

/** Waits until `page` decodes video from exactly `peers` others, each beyond `beyond`'s count for it. */
export async function decodesFrom(page: Page, peers: number, what: string, beyond: DecodedByPeer = {}, timeoutMs = BUSY_MS): Promise<DecodedByPeer> {
  let last: DecodedByPeer = {};
  await waitFor(
    async () => {
      last = await decodedByPeer(page);
      const ids = Object.keys(last);
      return ids.length === peers && ids.every((id) => last[id]! > (beyond[id] ?? 0));
    },
    what,
    timeoutMs,
  );
  return last;
}

/**
 * A loopback TCP proxy between a kiosk agent and the hub. `cut(minMs)` drops every connection
 * through it and refuses new ones until `heal()`, which waits out the cut's minimum length: the
 * kiosk's signalling (and HTTP) is gone for as long as the test needs to watch what happens
 * meanwhile, while WebRTC media, which flows peer to peer, is untouched.
 */
export class CuttableProxy {
  private readonly sockets = new Set<Socket>();
  private cutAt: number | null = null;
  private minMs = 0;
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(upstreamPort: number): Promise<CuttableProxy> {
    const server = createServer();
    // Port 0: the system picks a free port as it binds (a port found free a moment earlier may be taken by now).
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const proxy = new CuttableProxy(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('connection', (client) => proxy.accept(client, upstreamPort));
    return proxy;
  }

  cut(minMs = 0): void {
    this.cutAt = Date.now();
    this.minMs = minMs;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** Ends the cut once it has lasted its minimum (the scenario's length, not a guess at speed). */
  async heal(): Promise<void> {
    if (this.cutAt === null) return;
    const left = this.cutAt + this.minMs - Date.now();
    if (left > 0) await new Promise((r) => setTimeout(r, left));
    this.cutAt = null;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  private accept(client: Socket, upstreamPort: number): void {
    if (this.cutAt !== null) return void client.destroy();
    const upstream = connect(upstreamPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/** coturn as the README describes, on random loopback ports, for relay-only calls. */
export async function startCoturn(secret: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const minPort = 40000 + Math.floor(Math.random() * 20000);
  const child: ChildProcess = spawn(
    '/usr/bin/turnserver',
    [
      '-n',
      `--listening-port=${port}`,
      '--use-auth-secret',
      `--static-auth-secret=${secret}`,
      '--realm=kiosk',
      '--listening-ip=127.0.0.1',
      '--relay-ip=127.0.0.1',
      `--min-port=${minPort}`,
      `--max-port=${minPort + 100}`,
      '--allow-loopback-peers',
      '--no-cli',
      '--no-tls',
      '--no-dtls',
      '--log-file=stdout',
      '--simple-log',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout!.on('data', (d) => (log = (log + String(d)).slice(-20_000)));
  // coturn logs nothing reliable when its listeners are up; its TCP listener answering is the sign.
  const listening = () =>
    new Promise<boolean>((r) => {
      const probe = connect(port, '127.0.0.1');
      probe.once('connect', () => (probe.destroy(), r(true)));
      probe.once('error', () => r(false));
    });
  await waitFor(async () => child.exitCode !== null || (await listening()), 'coturn to listen');
  if (child.exitCode !== null) throw new Error(`turnserver exited: ${log.slice(-2000)}`);
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
