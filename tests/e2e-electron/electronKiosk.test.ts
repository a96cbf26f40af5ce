import { resolve } from 'node:path';
import { _electron as electron, type ElectronApplication } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// The kiosk through the real Electron host (main/electron/, preload/, the agent in its utility
// process) against a real hub on 127.0.0.1, with Playwright's Electron launcher: the subset that
// only Electron can prove: the window loads the renderer from kiosk://, the renderer has no Node,
// the window answers the resident, and the agent in its utility process enrolls with the hub. Run by `npm run e2e:electron` (scripts/e2eElectron.mjs),
// which passes the binary in E2E_ELECTRON_BINARY; the touch flows stay in tests/e2e/ (Chromium).

const binary = process.env.E2E_ELECTRON_BINARY;
const root = resolve(import.meta.dirname, '../..');
const TERMINAL = 'KSK-ELECTRON-01';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function launch(running: RunningHub): Promise<ElectronApplication> {
  if (!binary) throw new Error('E2E_ELECTRON_BINARY is not set: run this suite with npm run e2e:electron');
  const app = await electron.launch({
    executablePath: binary,
    args: [root],
    cwd: root,
    env: {
      ...process.env,
      KIOSK_HUB_URL: running.url,
      KIOSK_DATA_DIR: tempDir('electron-kiosk-'),
      KIOSK_TERMINAL_ID: TERMINAL,
      KIOSK_ENROLLMENT_CODE: ENROLLMENT_CODE,
      KIOSK_TERMINAL_NAME: 'Electron e2e',
    },
  });
  cleanup.push(() => app.close());
  return app;
}

describe('the kiosk in the real Electron host', () => {
  it('shows home from kiosk://, keeps Node out of the renderer, answers the resident and enrolls with the hub', async () => {
    const running = await startHub();
    cleanup.push(() => running.close());
    const app = await launch(running);
    const page = await app.firstWindow();
    await page.getByTestId('home-file-button').waitFor();
    expect(new URL(page.url()).protocol).toBe('kiosk:');
    expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');

    // touch works in the Electron window: the resident switches to English
    await page.getByTestId('lang-en').click();
    await waitFor(async () => ((await page.getAttribute('html', 'lang')) === 'en' ? true : null), 'the language switch');

    // the agent, in its utility process, reached the hub
    const enrolled = await waitFor(
      async () => (await running.hub.database.db.selectFrom('terminals').select('terminal_id').where('terminal_id', '=', TERMINAL).executeTakeFirst()) ?? null,
      'the enrollment at the hub',
    );
    expect(enrolled.terminal_id).toBe(TERMINAL);
  });
});
