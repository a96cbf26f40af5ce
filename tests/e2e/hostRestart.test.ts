import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLog } from '../../main/agent/log.js';
import { startBrowserHost, type BrowserHost } from '../../main/browserHost/host.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { e2eSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot } from './support/stack.js';
import { startAsPerson } from './support/residents.js';
import { fillField, tap, waitForStep } from './support/wizard.js';

// A kiosk page that has lost its host says so (issue 15, item 10). The host is stopped under an
// open page holding a half-filled application and started again on the same address with a new
// launch secret, as a restart does: the page says in plain words that it cannot reach its host,
// comes back by itself with the resume ticket the host gave it, and keeps the answers. A page
// opened without its launch secret says so too, instead of looking ready.

class RestartableKiosk {
  private constructor(
    readonly hub: RunningHub,
    readonly dataDir: string,
    public host: BrowserHost,
  ) {}

  static async start(): Promise<RestartableKiosk> {
    const hub = await startHub();
    const dataDir = tempDir('kiosk-restart-');
    return new RestartableKiosk(hub, dataDir, await RestartableKiosk.startHost(hub, dataDir, 0));
  }

  private static startHost(hub: RunningHub, dataDir: string, port: number): Promise<BrowserHost> {
    return startBrowserHost({
      dataDir,
      hubUrl: hub.url,
      enrollmentCode: ENROLLMENT_CODE,
      terminalName: '城关区矛调中心 2号机',
      location: '兰州市城关区',
      rendererDir: resolve('dist/renderer'),
      port,
      log: silentLog,
      healthIntervalMs: 500,
      printer: { lpPath: join(dataDir, 'no-lp') },
    });
  }

  get kioskUrl(): string {
    return this.host.bridge.url;
  }

  async stopHost(): Promise<number> {
    const port = Number(new URL(this.host.bridge.origin).port);
    await this.host.close();
    return port;
  }

  /** Same data, same address, a new launch secret: what a restart of the host process gives. */
  async startHostAgain(port: number): Promise<void> {
    this.host = await RestartableKiosk.startHost(this.hub, this.dataDir, port);
  }

  async close(): Promise<void> {
    await this.host.close();
    await this.hub.close();
  }
}

const suite = e2eSuite({
  start: () => RestartableKiosk.start(),
  // Each test is a new resident: the last one's draft would resume.
  beforeEach: async (kiosk) => void (await kiosk.host.agent.dispatch('draft.discard', undefined)),
});

const hostLost = '[data-testid="host-lost"]';
const footer = (state: string) => `[data-testid="sync-indicator"][data-state="${state}"]`;

describe('a kiosk page that has lost its host', () => {
  it('says so while the host restarts, comes back by itself with the new secret, and keeps the draft', async () => {
    const kiosk = suite.stack;
    const { page } = await kioskPage(suite.browser, kiosk.kioskUrl);
    await page.locator(footer('online')).waitFor();
    await startAsPerson(page);
    await fillField(page, 'applicant.name', [
      { pinyin: 'zhang', pick: '张' },
      { pinyin: 'xiuying', pick: '秀英' },
    ]);

    const oldSecret = kiosk.host.bridge.secret;
    const port = await kiosk.stopHost();
    await page.locator(hostLost).waitFor();
    await page.locator(footer('host-lost')).waitFor();
    expect(await page.locator(hostLost).innerText()).toContain('本终端暂时连不上主机');
    expect(await page.locator(footer('host-lost')).innerText()).toBe('终端未连上主机');
    await settled(page);
    await screenshot(page, 'host-lost-zh-CN');

    await kiosk.startHostAgain(port);
    expect(kiosk.host.bridge.secret).not.toBe(oldSecret);
    await page.locator(hostLost).waitFor({ state: 'detached' });
    await page.locator(footer('online')).waitFor();
    await waitForStep(page, 'applicantIdentity');
    expect(await page.getByTestId('field-applicant.name').inputValue()).toBe('张秀英');
    // The answers in the page are saved again to the restarted host's agent.
    const saved = await waitFor(async () => {
      const draft = await kiosk.host.agent.dispatch('draft.load', undefined);
      return draft.ok && JSON.stringify(draft.value).includes('张秀英') ? draft.value : null;
    }, 'draft saved after the restart');
    expect(saved).toBeTruthy();

    // A reload after the restart holds only the old secret: the ticket still lets it in.
    await page.reload();
    await waitForStep(page, 'applicantIdentity');
    await page.locator(footer('online')).waitFor();
    expect(await page.getByTestId('field-applicant.name').inputValue()).toBe('张秀英');
    expect(await page.locator(hostLost).count()).toBe(0);
  });

  it('opened without its launch secret, says it is not connected instead of looking ready', async () => {
    const origin = suite.stack.host.bridge.origin;
    const { page } = await kioskPage(suite.browser, `${origin}/`);
    await page.locator(hostLost).waitFor();
    await page.locator(footer('host-lost')).waitFor();
    expect(await page.locator(footer('online')).count()).toBe(0);
    await settled(page);
    await screenshot(page, 'host-lost-no-secret-zh-CN');
  });

  it('says so in English too, on a portrait screen, and in elderly mode', async () => {
    const kiosk = suite.stack;
    const { page } = await kioskPage(suite.browser, kiosk.kioskUrl, { width: 1080, height: 1920 });
    await tap(page, 'lang-en');
    await tap(page, 'elderly-toggle');
    await page.locator(footer('online')).waitFor();
    const port = await kiosk.stopHost();
    await page.locator(hostLost).waitFor();
    expect(await page.locator(hostLost).innerText()).toContain('This terminal cannot reach its host right now');
    expect(await page.locator(footer('host-lost')).innerText()).toBe('Terminal not connected to its host');
    await settled(page);
    await screenshot(page, 'host-lost-en-elderly-1080x1920');
    await kiosk.startHostAgain(port);
    await page.locator(hostLost).waitFor({ state: 'detached' });
    await page.locator(footer('online')).waitFor();
  });
});
