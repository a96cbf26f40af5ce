import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, waitFor } from '../support/hubHarness.js';
import { kioskPage, launchChromium, screenshot, startStack, tapAndType, type Stack } from './support/stack.js';

// The first end-to-end slice: a resident files a minimal dispute at the kiosk by touch, the
// agent commits it, delivers it to the hub, and court staff see it in the console.

let browser: Browser;
let stack: Stack;

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStack();
});
afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const CJK = /[\u3400-\u9fff]/;

/** Every visible text node on the page (what a resident can read). */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent?.trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || el.getClientRects().length === 0) continue;
      out.push(text);
    }
    return out;
  });
}

async function fillForm(page: Page, values: { name: string; mobile: string; type: string; description: string }) {
  await tapAndType(page, 'field-applicantName', values.name);
  await tapAndType(page, 'field-mobile', values.mobile);
  await page.getByTestId(`dispute-${values.type}`).tap();
  await tapAndType(page, 'field-description', values.description);
}

describe('minimal dispute, kiosk to court', () => {
  it('files a dispute in zh-CN, shows the receipt, and the court console lists it', async () => {
    const { context, page } = await kioskPage(browser, stack.kioskUrl);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await screenshot(page, 'zh-CN-home');
    await page.getByTestId('home-file-button').tap();
    await page.getByTestId('field-applicantName').waitFor();
    await screenshot(page, 'zh-CN-form-empty');
    await fillForm(page, { name: '王建国', mobile: '13812345678', type: 'private_loan', description: '2024年借给邻居5万元，约定一年归还，至今未还。' });
    await screenshot(page, 'zh-CN-form-filled');
    await page.getByTestId('submit').tap();
    const provisional = (await page.getByTestId('provisional-number').textContent())?.trim() ?? '';
    expect(provisional).toMatch(/-\d{6}-\d{4}$/);
    await screenshot(page, 'zh-CN-receipt');

    // The agent delivers it to the hub by itself.
    const row = await waitFor(() => stack.hub.intakes().find((r) => JSON.parse(r.form_json).applicantName === '王建国'), 'hub record');
    expect(JSON.parse(row.form_json)).toMatchObject({ mobile: '13812345678', disputeType: 'private_loan' });

    // Court staff log in and see it, newest first.
    const staff = await browser.newPage();
    await staff.goto(`${stack.hub.url}/console`);
    await staff.fill('#username', 'admin');
    await staff.fill('#password', ADMIN_PASSWORD);
    await staff.locator('form[action="/console/login"] button, form[action="/console/login"] [type=submit]').first().click();
    await staff.getByText(row.case_number).waitFor();
    const consoleText = await staff.locator('body').innerText();
    expect(consoleText).toContain('王建国');
    expect(consoleText).toContain(provisional);
    expect(consoleText).not.toContain('13812345678'); // mobile is masked in the list
    await screenshot(staff, 'hub-console');
    await staff.close();

    await page.getByTestId('done').tap();
    await page.getByTestId('home-file-button').waitFor();
    await context.close();
  });

  it('blocks a wrong mobile number with a Chinese message and sends nothing', async () => {
    const before = stack.hub.intakes().length;
    const { context, page } = await kioskPage(browser, stack.kioskUrl);
    await page.getByTestId('home-file-button').tap();
    await fillForm(page, { name: '李梅', mobile: '1381234567', type: 'labour', description: '工资拖欠三个月。' });
    await page.getByTestId('submit').tap();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    const message = (await alert.textContent()) ?? '';
    expect(message).toMatch(CJK);
    expect(message).toContain('11');
    await screenshot(page, 'zh-CN-form-error');
    expect(await page.getByTestId('receipt').count()).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(stack.hub.intakes().length).toBe(before);
    await context.close();
    // The abandoned draft would (rightly) be resumed by the next page load; this resident is gone.
    await stack.host.agent.dispatch('draft.discard', undefined);
  });

  it('switches every visible string to English and back', async () => {
    const { context, page } = await kioskPage(browser, stack.kioskUrl);
    await page.getByTestId('lang-en').tap();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const checkScreen = async (name: string) => {
      const leftovers = (await visibleTexts(page)).filter((t) => CJK.test(t) && t !== '中文');
      expect(leftovers, `Chinese text left on the English ${name} screen`).toEqual([]);
      await screenshot(page, `en-${name}`);
    };
    await checkScreen('home');
    await page.getByTestId('home-file-button').tap();
    await checkScreen('form-empty');
    await fillForm(page, { name: 'Li Wei', mobile: '1381234', type: 'traffic', description: 'A scooter hit my car.' });
    await page.getByTestId('submit').tap();
    await page.getByRole('alert').first().waitFor();
    await checkScreen('form-error');
    await tapAndType(page, 'field-mobile', '13812345678');
    await page.getByTestId('submit').tap();
    await page.getByTestId('receipt').waitFor();
    await checkScreen('receipt');
    await page.getByTestId('done').tap();
    await page.getByTestId('lang-zh').tap();
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const english = (await visibleTexts(page)).filter((t) => /[A-Za-z]{3,}/.test(t) && t !== 'English');
    expect(english, 'English text left on the Chinese home screen').toEqual([]);
    await context.close();
  });
});
