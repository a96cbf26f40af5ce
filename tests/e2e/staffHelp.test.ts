import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { signInByKeyboard } from './support/consolePages.js';
import { gatedKioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot } from './support/stack.js';
import { tap } from './support/wizard.js';
import { BUSY_MS } from '../support/hubHarness.js';

// "请工作人员协助" end to end (issue 15): the resident's dialog says only what is true — telling
// staff, staff told, or told once the network returns — and the request reaches the court's
// console page "请求协助", where staff mark it handled. The kiosk reaches the hub through a gate
// that can cut the network. Screenshots of the dialog in Chinese, English and elderly mode, on a
// landscape 1280×800 and a portrait 1080×1920 kiosk.

const { suite, gate: theGate } = gatedKioskSuite();

const WAIT = { timeout: BUSY_MS };
const progress = (page: Page, state: string) => page.locator(`[data-testid="staff-help-title"][data-progress="${state}"]`);
const helpRows = () => suite.stack.hub.hub.database.db.selectFrom('terminal_help_requests').selectAll().orderBy('received_at').execute();

/** The court console's help-request page, signed in as the filing clerk. */
async function consoleHelpPage(): Promise<Page> {
  const context = await suite.browser.newContext({ locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT.timeout);
  await page.goto(`${suite.stack.hub.url}/console`);
  await signInByKeyboard(page, 'clerk', suite.stack.hub.hub.initialPasswords.get('clerk')!);
  await page.getByRole('link', { name: '请求协助' }).click();
  await page.getByRole('heading', { name: '请求协助的终端' }).waitFor();
  return page;
}

describe('asking staff for help', () => {
  it('says "will be told when the network returns" while the court is out of reach, "told" once the hub has it, and staff see it on 请求协助 and mark it handled', async () => {
    const g = theGate();
    const before = (await helpRows()).length;
    g.dark = true;
    try {
      const { page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
      await tap(page, 'ask-staff');
      await progress(page, 'waitingForNetwork').waitFor(WAIT);
      expect(await page.getByTestId('staff-help-title').textContent()).toBe('暂时通知不到工作人员');
      expect(await page.locator('#staff-help-body').textContent()).toContain('网络恢复后会自动通知工作人员');
      expect(await helpRows()).toHaveLength(before);
      await settled(page);
      await screenshot(page, 'staff-help-waiting-zh-CN-1280x800');

      // The network returns: the same dialog, still open, now says staff were told.
      g.dark = false;
      await progress(page, 'told').waitFor(WAIT);
      expect(await page.getByTestId('staff-help-title').textContent()).toBe('已通知工作人员，马上就来');
      const rows = await helpRows();
      expect(rows).toHaveLength(before + 1);
      const request = rows.at(-1)!;
      expect(request).toMatchObject({ reason: 'general', screen: 'home', handled_at: null });

      const staff = await consoleHelpPage();
      const row = staff.locator(`tr[data-help-request="${request.request_id}"]`);
      await row.waitFor();
      expect(await row.innerText()).toContain('城关区矛调中心 1号机');
      expect(await row.innerText()).toContain('需要协助');
      await screenshot(staff, 'console-help-requests-zh');
      await row.getByRole('button', { name: '已处理' }).click();
      await staff.getByRole('heading', { name: '请求协助的终端' }).waitFor();
      await expect.poll(() => row.count(), WAIT).toBe(0);
      const handled = (await helpRows()).find((r) => r.request_id === request.request_id);
      expect(handled?.handled_at).not.toBeNull();
      // The resident closes the dialog and is back where they were.
      await tap(page, 'staff-help-close');
      await page.getByTestId('staff-help').waitFor({ state: 'detached' });
      await page.getByTestId('home-file-button').waitFor();
    } finally {
      g.dark = false;
    }
  });

  it('reads well in Chinese, English and elderly mode, landscape and portrait: the close button is big and on screen', async () => {
    const looks = [
      { tag: 'zh-CN-1280x800', viewport: { width: 1280, height: 800 }, en: false, elderly: false },
      { tag: 'en-1280x800', viewport: { width: 1280, height: 800 }, en: true, elderly: false },
      { tag: 'zh-CN-elderly-1280x800', viewport: { width: 1280, height: 800 }, en: false, elderly: true },
      { tag: 'en-elderly-1280x800', viewport: { width: 1280, height: 800 }, en: true, elderly: true },
      { tag: 'zh-CN-elderly-1080x1920', viewport: { width: 1080, height: 1920 }, en: false, elderly: true },
      { tag: 'en-1080x1920', viewport: { width: 1080, height: 1920 }, en: true, elderly: false },
    ];
    for (const look of looks) {
      const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, look.viewport);
      if (look.en) await tap(page, 'lang-en');
      if (look.elderly) await tap(page, 'elderly-toggle');
      await tap(page, 'ask-staff');
      await progress(page, 'told').waitFor(WAIT);
      const close = await page.getByTestId('staff-help-close').boundingBox();
      expect(close, look.tag).not.toBeNull();
      expect(close!.height, look.tag).toBeGreaterThanOrEqual(look.elderly ? 72 : 56);
      expect(close!.y + close!.height, look.tag).toBeLessThanOrEqual(look.viewport.height);
      await settled(page);
      await screenshot(page, `staff-help-told-${look.tag}`);
      await tap(page, 'staff-help-close');
      await context.close();
    }
  });
});
