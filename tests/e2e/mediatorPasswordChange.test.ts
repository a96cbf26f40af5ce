import { describe, expect, it } from 'vitest';
import { consolePaths } from '../../server/console/paths.js';
import { consoleWords } from '../../server/console/consoleWords.js';
import { mediatorPaths } from '../../shared/signalling.js';
import { signIn } from '../support/courtClient.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { e2eSuite } from './support/kioskSuite.js';
import { screenshot } from './support/stack.js';

// A mediator an admin has just created signs in at the desk in a real browser on the password
// they were given: the desk takes no calls on it and lands them on the console's form to change
// it, in the browser's language, asking for the new one twice.

const suite = e2eSuite<RunningHub>({ start: () => startHub() });

describe('the mediator desk and a password still to change', () => {
  it('sends a new mediator signing in on the initial password to the change-password form, zh-CN and en', async () => {
    const admin = await signIn(suite.stack.url, 'admin', 'test-admin-password');
    for (const [locale, label] of [
      ['zh-CN', consoleWords.newPassword.zh],
      ['en', consoleWords.newPassword.en],
    ] as const) {
      const username = `new.mediator.${locale === 'en' ? 'en' : 'zh'}`;
      const created = await admin.call('createStaff', { body: { username, displayName: '新调解员', role: 'mediator', organisationId: 'qlh-people-mediation' } });
      expect(created.status).toBe(201);
      const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 }, locale });
      try {
        const page = await context.newPage();
        await page.goto(suite.stack.url + mediatorPaths.app);
        await page.getByTestId('call-login-username').fill(username);
        await page.getByTestId('call-login-password').fill(created.body.initialPassword);
        await page.getByTestId('call-login-submit').click();
        await page.waitForURL((url) => url.pathname === consolePaths.password);
        await page.locator('#newPassword').waitFor();
        expect(await page.locator('label[for="newPassword"]').innerText()).toContain(label);
        expect(await page.getByTestId('call-panel').count()).toBe(0);
        await screenshot(page, `desk-password-to-change-${locale}`);
        // typed twice: a slip in the second is refused in their language, and the form is there again
        const lang = locale === 'en' ? 'en' : 'zh';
        expect(await page.locator('label[for="newPasswordAgain"]').innerText()).toContain(consoleWords.newPasswordAgain[lang]);
        await page.locator('#currentPassword').fill(created.body.initialPassword);
        await page.locator('#newPassword').fill('a-much-longer-passphrase-2026');
        await page.locator('#newPasswordAgain').fill('a-much-longer-passphrase-2062');
        await page.locator(`form[action="${consolePaths.password}"] button[type="submit"]`).click();
        await page.getByRole('alert').waitFor();
        expect(await page.getByRole('alert').innerText()).toBe(consoleWords.newPasswordsDiffer[lang]);
        await screenshot(page, `desk-password-differ-${locale}`);
      } finally {
        await context.close();
      }
    }
  });
});
