import type { Browser, Page } from 'playwright-core';
import type { Stack } from './stack.js';

/**
 * The court's side of a kiosk filing: a filing clerk signs in to the console and opens, from the
 * work list (waiting for diversion), the case with `provisional` and then the application as the
 * kiosk filed it, masked, and opens it in full (the opening is audited). Returns the clerk's page,
 * showing the whole application; the caller closes it.
 */
export async function openFiledApplication(browser: Browser, stack: Pick<Stack, 'hub'>, provisional: string): Promise<Page> {
  const staff = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await staff.goto(`${stack.hub.url}/console`);
  await staff.fill('#username', 'clerk');
  await staff.fill('#password', stack.hub.hub.initialPasswords.get('clerk')!);
  await staff.locator('form[action="/console/login"] button').click();
  await staff.locator('tr', { hasText: provisional }).locator('a[href^="/console/cases/"]').first().click();
  await staff.locator('a[href^="/console/intakes/"]').first().click();
  await staff.getByRole('heading', { name: /调解申请书/ }).waitFor({ timeout: 30_000 });
  await staff.locator('main[data-revealed="false"] form button').click();
  await staff.locator('main[data-revealed="true"]').waitFor({ timeout: 30_000 });
  return staff;
}
