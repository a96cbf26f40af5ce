import type { Browser, Page } from 'playwright-core';
import { BUSY_MS, waitFor } from '../../support/hubHarness.js';
import type { invitableRoles } from '../../../shared/rooms/joining.js';
import { watchCsp } from './cspWatch.js';

type InvitableRole = (typeof invitableRoles)[number];

// The join page's side of a room call (a party on their own phone or PC), and the desk's invite
// that gives them the code and the link.

/** A party opens the join link on their own device, enters and waits to be admitted. */
export async function joinByPage(browser: Browser, link: string, code: string, who: { name: string; idLast4: string }, device: 'phone' | 'pc', timeoutMs: number = BUSY_MS): Promise<Page> {
  const context = await browser.newContext(
    device === 'phone' ? { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' } : { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' },
  );
  await watchCsp(context);
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  await page.goto(link, { waitUntil: 'domcontentloaded' });
  await page.getByTestId('join-code').fill(code);
  await page.getByTestId('join-name').fill(who.name);
  await page.getByTestId('join-idLast4').fill(who.idLast4);
  await page.getByTestId('join-enter').click();
  await page.locator('[data-testid="join-room"][data-waiting="admission"]').waitFor();
  return page;
}

/** Waits for the join page's room state; a failure says what the page shows instead. */
export async function shows(page: Page, waiting: 'none' | 'caucus'): Promise<void> {
  try {
    await page.locator(`[data-testid="join-room"][data-waiting="${waiting}"]`).waitFor();
  } catch (e) {
    throw new Error(`join page not in "${waiting}": it shows ${JSON.stringify(await page.locator('main').innerText())}`, { cause: e });
  }
}

/** The desk invites a party in `role`: the one-time code and the join link it shows. */
export async function invite(desk: Page, role: InvitableRole): Promise<{ code: string; link: string }> {
  await desk.getByTestId('invite-role').selectOption(role);
  const shown = desk.getByTestId('invitation-code');
  const current = async () => ((await shown.count()) > 0 ? await shown.textContent() : null);
  const before = await current();
  await desk.getByTestId('invite').click();
  await waitFor(async () => (await current()) !== before, 'a new invitation');
  return { code: (await desk.getByTestId('invitation-code').textContent())!, link: (await desk.getByTestId('invitation-link').textContent())! };
}
