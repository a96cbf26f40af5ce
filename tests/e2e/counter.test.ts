import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserHost } from '../../main/browserHost/host.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { seriousA11yProblems, settled } from './support/look.js';
import { startCounterKiosk, kioskUrlOf } from './support/counterKiosk.js';
import { kioskPage, launchChromium, screenshot } from './support/stack.js';
import { drawSignature } from './support/wizard.js';

// Issue 10's counter path end to end: a remote service counter at the Xiyuan centre; its clerk
// signs in by keyboard, reads the simulated ID card into the applicant, types the respondent, the
// claims and facts, the resident ticks the consents and signs by touch, and the receipt shows; the
// court holds one case, channel counter, received by that clerk. Every counter screen passes axe
// and is photographed in both languages and two screen sizes.

const SITE = 'qlh-centre-xiyuan';
let hub: RunningHub;
let host: BrowserHost;
let browser: Browser;
let kioskUrl: string;

beforeAll(async () => {
  hub = await startHub();
  host = await startCounterKiosk(hub, SITE);
  kioskUrl = kioskUrlOf(host);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await hub?.close();
});

const problems: string[] = [];
async function look(page: Page, name: string): Promise<void> {
  await settled(page);
  problems.push(...(await seriousA11yProblems(page, name)));
  await screenshot(page, name);
}

/** Types into a field by focusing it and using the keyboard, as a clerk does. */
async function type(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).focus();
  await page.keyboard.type(text);
}

describe('remote service counter', () => {
  it('counter staff enter a dispute with the simulated ID reader, the resident signs by touch, and it reaches the court as a counter case', async () => {
    const { context, page } = await kioskPage(browser, kioskUrl);
    await page.getByTestId('home-counter').tap();
    await page.getByTestId('counter-username').waitFor();
    await look(page, 'counter-signin-zh-1280');

    // a wrong password is refused beside the form, then the right one by keyboard and Enter
    await type(page, 'counter-username', 'counter.xiyuan');
    await type(page, 'counter-password', 'wrong-password-1');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('counter-signin-error').textContent()).toContain('用户名或密码不正确');
    await type(page, 'counter-password', hub.hub.initialPasswords.get('counter.xiyuan')!);
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-step-applicant').waitFor();
    expect(await page.getByTestId('counter-who').textContent()).toContain('西园街道');

    // Enter on an empty screen: errors beside the fields, nothing moves on
    await page.getByTestId('counter-field-applicant.name').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('counter-error-applicant.name').waitFor();
    await page.getByTestId('counter-error-applicant.birthDate').waitFor();
    await page.getByTestId('counter-error-applicant.sex').waitFor();
    // A typed ID number fills birth date and sex, as in the wizard (the clerk was left with "请填写日期")
    await type(page, 'counter-field-applicant.idNumber', '620103197504180036');
    await expect.poll(() => page.getByTestId('counter-field-applicant.birthDate').inputValue()).toBe('1975-04-18');
    expect(await page.getByTestId('counter-field-applicant.sex').inputValue()).toBe('male');
    expect(await page.getByTestId('counter-error-applicant.birthDate').count()).toBe(0);
    expect(await page.getByTestId('counter-error-applicant.sex').count()).toBe(0);
    await page.getByTestId('counter-field-applicant.idNumber').fill('');
    await page.getByTestId('counter-read-card-applicant').tap();
    await expect.poll(() => page.getByTestId('counter-field-applicant.name').inputValue()).toBe('阿卜杜拉·艾买提');
    expect(await page.getByTestId('counter-field-applicant.idNumber').inputValue()).toBe('620103197504180036');
    await page.getByTestId('counter-card-photo').waitFor();
    await type(page, 'counter-field-applicant.mobile', '13912345678');
    await look(page, 'counter-applicant-zh-1280');
    await page.keyboard.press('Enter');

    await page.getByTestId('counter-step-respondents').waitFor();
    await type(page, 'counter-field-respondents.0.name', '张建国');
    await page.keyboard.press('Tab'); // mobile (optional)
    await page.keyboard.press('Tab'); // address
    await page.keyboard.type('兰州市七里河区西园街道建西东路14号');
    await look(page, 'counter-respondents-zh-1280');
    await page.keyboard.press('Enter');

    await page.getByTestId('counter-step-claims').waitFor();
    await page.getByTestId('counter-field-disputeType').selectOption('neighbour');
    await type(page, 'counter-field-claims', '停止占用楼道');
    await type(page, 'counter-field-facts', '邻居装修长期占用楼道，多次协商未果。');
    await page.getByTestId('counter-field-process.mode').selectOption('in_person');
    await page.getByText('工作日上午').click();
    await page.getByTestId('counter-field-process.interpreter').selectOption('false');
    await look(page, 'counter-claims-zh-1280');
    await page.getByTestId('counter-field-facts').focus();
    await page.getByTestId('counter-next').click();

    await page.getByTestId('counter-step-evidence').waitFor();
    await look(page, 'counter-evidence-zh-1280');
    await page.getByTestId('counter-next').click();

    // the resident's part, by touch
    await page.getByTestId('counter-step-sign').waitFor();
    await page.getByTestId('counter-next').tap();
    await page.getByTestId('counter-error-signature').waitFor();
    await page.getByTestId('counter-privacy').tap();
    await page.getByTestId('counter-online-no').tap();
    await drawSignature(page, 'counter-signature');
    await expect.poll(() => page.getByTestId('counter-signature').getAttribute('data-signed')).toBe('yes');
    await look(page, 'counter-sign-zh-1280');
    await page.getByTestId('counter-next').tap();

    await page.getByTestId('receipt').waitFor();
    const provisional = (await page.getByTestId('provisional-number').textContent())!.trim();
    await look(page, 'counter-receipt-zh-1280');

    // at the court: one case, channel counter, received by the clerk at the Xiyuan centre
    const cases = await waitFor(async () => {
      const rows = await hub.hub.database.db.selectFrom('cases').select(['case_id', 'channel', 'site_id', 'provisional_number']).execute();
      return rows.length > 0 ? rows : null;
    }, 'the counter case at the hub');
    expect(cases).toEqual([expect.objectContaining({ channel: 'counter', site_id: SITE, provisional_number: provisional })]);
    const received = await hub.hub.database.db.selectFrom('case_events').select(['actor_id', 'actor_role']).where('case_id', '=', cases[0]!.case_id).where('type', '=', 'case.received').execute();
    expect(received).toEqual([{ actor_id: 'counter.xiyuan', actor_role: 'counter_staff' }]);

    // the next filing starts blank; signing out leaves nothing of the resident on screen
    await page.getByTestId('done').tap();
    await page.getByTestId('counter-step-applicant').waitFor();
    expect(await page.getByTestId('counter-field-applicant.name').inputValue()).toBe('');
    await page.getByTestId('counter-sign-out').tap();
    await page.getByTestId('counter-username').waitFor();
    expect(await page.content()).not.toContain('阿卜杜拉');
    await context.close();
  });

  it('the counter screens in English and at 1920×1080', async () => {
    for (const [size, viewport] of [
      ['1920', { width: 1920, height: 1080 }],
      ['1280', { width: 1280, height: 800 }],
    ] as const) {
      const { context, page } = await kioskPage(browser, kioskUrl, viewport);
      for (const lang of ['en', 'zh'] as const) {
        if (size === '1280' && lang === 'zh') continue; // photographed by the test above
        await page.getByTestId(lang === 'en' ? 'lang-en' : 'lang-zh').tap();
        await page.getByTestId('home-counter').tap();
        await page.getByTestId('counter-username').waitFor();
        await look(page, `counter-signin-${lang}-${size}`);
        await type(page, 'counter-username', 'counter.xiyuan');
        await type(page, 'counter-password', hub.hub.initialPasswords.get('counter.xiyuan')!);
        await page.keyboard.press('Enter');
        await page.getByTestId('counter-read-card-applicant').tap();
        await expect.poll(() => page.getByTestId('counter-field-applicant.name').inputValue()).not.toBe('');
        await page.getByTestId('counter-next').click();
        await look(page, `counter-applicant-${lang}-${size}`);
        await page.getByTestId('counter-sign-out').tap();
        await page.getByTestId('counter-username').waitFor();
        await page.getByRole('button', { name: lang === 'en' ? 'Back' : '上一步' }).click();
        await page.getByTestId('home-file-button').waitFor();
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  });
});
