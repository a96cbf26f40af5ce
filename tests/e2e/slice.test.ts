import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/hubHarness.js';
import { CREDIT_CODE, PERSON_ID_FEMALE } from './support/applications.js';
import { kioskSuite } from './support/kioskSuite.js';
import { fillContactZh, fillIdentityZh, fillRestZh, signAndSubmit, startAsPerson } from './support/residents.js';
import { kioskPage, screenshot } from './support/stack.js';
import { choose, drawSignature, fillField, next, tap, waitForStep } from './support/wizard.js';

// A resident files a mediation application at the kiosk by touch alone (Chinese typed through the
// pinyin keyboard), the agent commits it and delivers it to the hub, and court staff see it in
// the console. Then: a wrong mobile number is refused in Chinese, and the whole flow in English
// (elderly mode) shows no Chinese anywhere.

// Each test is a new resident: nothing left over from the last one may be resumed.
const suite = kioskSuite();

const CJK = /[\u3400-\u9fff]/;
/** Submissions committed at the kiosk (sent or not). */
const submissions = () => (suite.stack.host.agent.db.prepare('SELECT count(*) AS n FROM submissions').get() as { n: number }).n;

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

describe('mediation application, kiosk to court', () => {
  it('files an application in zh-CN by touch, shows the receipt, and the court console lists it', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await screenshot(page, 'zh-CN-home');
    await startAsPerson(page);
    await fillIdentityZh(page);
    await fillContactZh(page);
    await next(page, 'agent');
    await fillRestZh(page);
    await screenshot(page, 'zh-CN-review');
    await signAndSubmit(page);
    const provisional = (await page.getByTestId('provisional-number').textContent())?.trim() ?? '';
    expect(provisional).toMatch(/-\d{6}-\d{4}$/);
    await screenshot(page, 'zh-CN-receipt');
    // The resident is done (the receipt would go home by itself a minute after it appeared).
    await tap(page, 'done');
    await page.getByTestId('home-file-button').waitFor();
    await context.close();

    // The agent delivers it to the hub by itself, with the evidence photo.
    // …the whole application as the resident filed it, signature included.
    const row = await waitFor(async () => (await suite.stack.hub.intakes()).find((r) => JSON.parse(r.application_json).applicant.name === '王建国'), 'hub record');
    const application = JSON.parse(row.application_json);
    expect(application).toMatchObject({ applicant: { kind: 'person', name: '王建国', mobile: '13812345678' }, disputeType: 'private_loan' });
    expect(application.claims.join('\n')).toContain('归还借款50000元');
    expect(application.facts).toContain('借给邻居5万元至今不还');
    expect(application.respondents.length).toBeGreaterThan(0);
    expect(application.signature.pngDataUrl).toMatch(/^data:image\/png;base64,/);

    // Court staff log in and see it, newest first.
    const staff = await suite.browser.newPage();
    await staff.goto(`${suite.stack.hub.url}/console`);
    await staff.fill('#username', 'clerk');
    await staff.fill('#password', suite.stack.hub.hub.initialPasswords.get('clerk')!);
    await staff.locator('form[action="/console/login"] button, form[action="/console/login"] [type=submit]').first().click();
    // the filing clerk's work list: cases waiting for diversion, the resident's receipt number on each
    await staff.locator('tr', { hasText: provisional }).waitFor();
    const consoleText = await staff.locator('body').innerText();
    expect(consoleText).toContain('王'); // the applicant, masked until opened
    expect(consoleText).not.toContain('王建国');
    expect(consoleText).not.toContain('13812345678'); // mobile is masked in the list
    await screenshot(staff, 'hub-console');
    await staff.close();
  });

  it('blocks a wrong mobile number with a Chinese message and sends nothing', async () => {
    const before = (await suite.stack.hub.intakes()).length;
    const committed = submissions();
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await startAsPerson(page);
    await fillIdentityZh(page);
    await fillContactZh(page, '1381234567');
    await tap(page, 'next');
    const alert = page.getByTestId('error-applicant.mobile');
    await alert.waitFor();
    const message = (await alert.textContent()) ?? '';
    expect(message).toMatch(CJK);
    expect(message).toContain('11');
    await screenshot(page, 'zh-CN-mobile-error');
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('applicantContact');
    // Nothing was committed at the kiosk, so nothing can be on its way to the court.
    expect(submissions()).toBe(committed);
    expect((await suite.stack.hub.intakes()).length).toBe(before);
    await context.close();
  });

  it('switches every visible string to English, files in English in senior mode, and back', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await tap(page, 'lang-en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const checkScreen = async (name: string) => {
      const leftovers = (await visibleTexts(page)).filter((t) => CJK.test(t) && t !== '中文');
      expect(leftovers, `Chinese text left on the English ${name} screen`).toEqual([]);
    };
    await checkScreen('home');
    await tap(page, 'home-file-button');
    await waitForStep(page, 'preferences');
    await tap(page, 'pref-elderly');
    await tap(page, 'pref-full');
    await checkScreen('preferences');
    await next(page, 'privacy');
    await checkScreen('privacy');
    await tap(page, 'consent-privacy-yes');
    await waitForStep(page, 'onlineConsent');
    await tap(page, 'consent-onlineMediation-yes');
    await choose(page, 'applicant.kind', 'person');
    await next(page, 'applicantIdentity');
    await fillField(page, 'applicant.name', 'li wei');
    await fillField(page, 'applicant.idNumber', PERSON_ID_FEMALE);
    await choose(page, 'applicant.ethnicity', '03');
    await next(page, 'applicantContact');
    await fillField(page, 'applicant.mobile', '13900001111');
    await fillField(page, 'applicant.address', '12 Zhangye Road');
    await next(page, 'agent');
    await choose(page, 'hasAgent', true);
    await fillField(page, 'agent.name', 'li na');
    await choose(page, 'agent.relationship', 'relative');
    await fillField(page, 'agent.mobile', '13700002222');
    await next(page, 'respondents');
    await choose(page, 'respondents.0.kind', 'organisation');
    await fillField(page, 'respondents.0.name', 'Lanzhou Property Co');
    await fillField(page, 'respondents.0.idNumber', CREDIT_CODE);
    await fillField(page, 'respondents.0.address', '8 Qingyang Road');
    await checkScreen('respondents');
    await next(page, 'disputeType');
    await tap(page, 'dispute-property_service');
    await next(page, 'typeQuestions');
    await choose(page, 'typeAnswers.role', 'owner');
    await choose(page, 'typeAnswers.matter', 'repairs');
    await fillField(page, 'typeAnswers.propertyAddress', '12 Zhangye Road');
    await checkScreen('type questions');
    await next(page, 'claims');
    await fillField(page, 'claims.0', 'Repair the roof');
    await next(page, 'facts');
    await fillField(page, 'facts', 'The roof has leaked since May.');
    await next(page, 'evidence');
    await next(page, 'process');
    await choose(page, 'process.mode', 'scheduled');
    await next(page, 'process'); // refused: no time chosen yet
    await page.getByTestId('error-process.timePreferences').waitFor();
    await checkScreen('process-error');
    await choose(page, 'process.timePreferences', 'weekday_morning');
    await choose(page, 'process.interpreter', false);
    await choose(page, 'process.accessibility', 'hearing');
    await next(page, 'review');
    await checkScreen('review');
    await next(page, 'signature');
    await drawSignature(page);
    await tap(page, 'next');
    await page.getByTestId('receipt').waitFor();
    await checkScreen('receipt');
    await tap(page, 'done');
    const row = await waitFor(async () => (await suite.stack.hub.intakes()).find((r) => JSON.parse(r.application_json).applicant.name === 'Li Wei'), 'hub record');
    expect(JSON.parse(row.application_json)).toMatchObject({ applicant: { mobile: '13900001111' }, disputeType: 'property_service' });
    await tap(page, 'lang-zh');
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    const english = (await visibleTexts(page)).filter((t) => /[A-Za-z]{3,}/.test(t) && t !== 'English');
    expect(english, 'English text left on the Chinese home screen').toEqual([]);
    await context.close();
  });
});
