import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/hubHarness.js';
import { completeApplication, CREDIT_CODE, PERSON_ID } from './support/applications.js';
import { agentDraft, attachmentRows, seedDraft } from './support/drafts.js';
import { kioskSuite } from './support/kioskSuite.js';
import { recordSpeech, spokenOn } from './support/speech.js';
import { kioskPage, screenshot, withQuery } from './support/stack.js';
import { choose, fillField, next, tap, waitForStep } from './support/wizard.js';

// The wizard's promises to a resident: wrong identifiers are explained and block progress, any
// answer can be changed from the review, a reload resumes where they were, and walking away
// wipes every trace of them.

const suite = kioskSuite();

const CJK = /[\u3400-\u9fff]/;

describe('the intake wizard', () => {
  it('explains a wrong ID number, credit code and mobile, and does not move on', async () => {
    const app = completeApplication();
    const { applicant } = app;
    app.applicant = { kind: 'person', name: applicant!.name! };
    await seedDraft(suite.stack, { step: 'applicantIdentity', application: app });
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'applicantIdentity');

    // A name of digits is no name: the phone number typed in the wrong box.
    await fillField(page, 'applicant.name', '123', { clear: true });
    await fillField(page, 'applicant.idNumber', '620102195803120311'); // last digit wrong
    await tap(page, 'next');
    const idError = page.getByTestId('error-applicant.idNumber');
    await idError.waitFor();
    expect(await idError.textContent()).toMatch(CJK);
    expect(await page.getByTestId('error-applicant.name').textContent()).toContain('不能是数字');
    // Only the number is flagged: the sex and birth date it would give wait for it, blank and calm.
    expect(await page.getByTestId('error-applicant.sex').count()).toBe(0);
    expect(await page.getByTestId('error-applicant.birthDate').count()).toBe(0);
    expect(await page.getByTestId('field-applicant.birthDate').inputValue()).toBe('');
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('applicantIdentity');
    await screenshot(page, 'zh-CN-error-id-number');
    await fillField(page, 'applicant.name', 'Wang Jianguo', { clear: true });
    await page.getByTestId('error-applicant.name').waitFor({ state: 'detached' });
    // Fixing it clears the message at once and fills in sex and birth date from the number.
    await fillField(page, 'applicant.idNumber', PERSON_ID, { clear: true });
    expect(await idError.count()).toBe(0);
    expect(await page.getByTestId('field-applicant.birthDate').inputValue()).toBe('1958-03-12');
    expect(await page.getByTestId('choice-applicant.sex-male').getAttribute('aria-pressed')).toBe('true');

    // An organisation's credit code, in English this time.
    await tap(page, 'lang-en');
    await tap(page, 'back');
    await waitForStep(page, 'applicantKind');
    await choose(page, 'applicant.kind', 'organisation');
    await next(page, 'applicantIdentity');
    await fillField(page, 'applicant.name', 'Gansu Property Co');
    await fillField(page, 'applicant.creditCode', `${CREDIT_CODE.slice(0, 17)}R`);
    await fillField(page, 'applicant.legalRepresentative', 'zhang san');
    await tap(page, 'next');
    const codeError = page.getByTestId('error-applicant.creditCode');
    await codeError.waitFor();
    expect(await codeError.textContent()).toContain('credit code');
    await screenshot(page, 'en-error-credit-code');
    await fillField(page, 'applicant.creditCode', CREDIT_CODE, { clear: true });
    await next(page, 'applicantContact');

    // A landline without its area code, then a mobile one digit short.
    await fillField(page, 'applicant.phone', '8888888');
    await fillField(page, 'applicant.address', '1 Gaolan Road');
    await tap(page, 'next');
    await page.getByTestId('error-applicant.phone').filter({ hasText: 'area code' }).waitFor();
    await fillField(page, 'applicant.phone', '1391234567', { clear: true });
    await tap(page, 'next');
    await page.getByTestId('error-applicant.phone').filter({ hasText: '11 digits' }).waitFor();
    await screenshot(page, 'en-error-mobile');
    expect(await page.locator('[data-step]').getAttribute('data-step')).toBe('applicantContact');
    await context.close();
  });

  it('edits an answer from the review and comes back to the review', async () => {
    await seedDraft(suite.stack, { step: 'review', reviewing: true, application: completeApplication() });
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'review');
    expect(await page.getByTestId('review-applicant.mobile').textContent()).toContain('13812345678');
    await tap(page, 'review-applicant.mobile');
    await waitForStep(page, 'applicantContact');
    // The field asked for has the keyboard open already.
    await page.getByTestId('keyboard').waitFor();
    await screenshot(page, 'zh-CN-edit-from-review');
    for (let i = 0; i < 11; i++) await tap(page, 'key-backspace');
    for (const d of '13900001111') await tap(page, `key-${d}`);
    await tap(page, 'key-done');
    await next(page, 'review');
    expect(await page.getByTestId('review-applicant.mobile').textContent()).toContain('13900001111');
    // Changing the dispute type asks its new questions before returning.
    await tap(page, 'review-disputeType');
    await waitForStep(page, 'disputeType');
    await tap(page, 'dispute-labour');
    await next(page, 'typeQuestions');
    await fillField(page, 'typeAnswers.startedOn', '20200101');
    await choose(page, 'typeAnswers.stillEmployed', true);
    await fillField(page, 'typeAnswers.monthlyWage', '4000');
    await choose(page, 'typeAnswers.issues', 'overtime');
    await choose(page, 'typeAnswers.hasContract', true);
    await next(page, 'review');
    expect(await page.getByTestId('review-disputeType').textContent()).toContain('劳动争议');
    expect(await page.getByTestId('review-typeAnswers.monthlyWage').textContent()).toContain('4000');
    await context.close();
  });

  it('a shaky double tap on "next" does not agree to the notice it opens (the answer stands where "next" was)', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, { width: 1080, height: 1920 });
    await tap(page, 'home-file-button');
    await waitForStep(page, 'preferences');
    await tap(page, 'pref-full');
    const box = (await page.getByTestId('next').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    // The page's timers from here on move only when the test says (a loaded machine must not arm the
    // answer before the second tap comes), so "right after" is exact.
    await page.clock.install();
    // The agree button takes that very place on the next screen: a second tap right after the first.
    expect(await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.closest('[data-testid]')?.getAttribute('data-testid'), [x, y])).toBe('next');
    await page.touchscreen.tap(x, y);
    await waitForStep(page, 'privacy');
    await page.touchscreen.tap(x, y);
    const agree = page.getByTestId('consent-privacy-yes');
    expect(await page.evaluate(([px, py]) => document.elementFromPoint(px!, py!)?.closest('[data-testid]')?.getAttribute('data-testid'), [x, y])).toBe('consent-privacy-yes');
    expect(await agree.isEnabled()).toBe(false);
    // The answer takes a tap once the notice has been on screen a moment (CONSENT_ARM_MS, well under
    // 5 s); the early one did nothing.
    await page.clock.runFor(5_000);
    await expect.poll(() => agree.isEnabled()).toBe(true);
    await waitForStep(page, 'privacy');
    expect(await agree.getAttribute('aria-pressed')).toBe('false');
    await agree.tap();
    await waitForStep(page, 'onlineConsent');
    await context.close();
  });

  it('resumes where the resident was after a reload', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await tap(page, 'home-file-button');
    await waitForStep(page, 'preferences');
    await tap(page, 'pref-elderly');
    await tap(page, 'pref-full');
    await next(page, 'privacy');
    await tap(page, 'consent-privacy-yes');
    await tap(page, 'consent-onlineMediation-no');
    await choose(page, 'applicant.kind', 'person');
    await next(page, 'applicantIdentity');
    await fillField(page, 'applicant.name', [
      { pinyin: 'zhang', pick: '张' },
      { pinyin: 'xiuying', pick: '秀英' },
    ]);
    // Saved through the agent a moment after the last answer.
    await waitFor(async () => JSON.stringify(await agentDraft(suite.stack)).includes('张秀英') || null, 'draft saved');
    await page.reload();
    await waitForStep(page, 'applicantIdentity');
    expect(await page.getByTestId('field-applicant.name').inputValue()).toBe('张秀英');
    expect(await page.locator('.kiosk').getAttribute('data-elderly')).toBe('true');
    await screenshot(page, 'zh-CN-elderly-resumed');
    // Back goes through the answers given before the reload.
    await tap(page, 'back');
    await waitForStep(page, 'applicantKind');
    await tap(page, 'back');
    await waitForStep(page, 'onlineConsent');
    expect(await page.getByTestId('consent-onlineMediation-no').getAttribute('aria-pressed')).toBe('true');
    await context.close();
  });

  it("reads questions and errors aloud, in the resident's language", async () => {
    const app = completeApplication();
    delete app.applicant!.mobile;
    await seedDraft(suite.stack, { step: 'applicantContact', language: 'en', elderly: true, application: app });
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'applicantContact', recordSpeech);
    const spoken = () => spokenOn(page);
    // Senior mode reads each question on arrival…
    await waitFor(async () => (await spoken()).find((s) => s.text === 'How can we reach you?'), 'question read on arrival');
    // …and what is wrong after a refused "next".
    await tap(page, 'next');
    await waitFor(async () => (await spoken()).find((s) => s.text === 'Please enter your mobile number' && s.lang === 'en-GB'), 'error read aloud');
    await tap(page, 'lang-zh');
    await tap(page, 'read-aloud');
    await waitFor(async () => (await spoken()).find((s) => s.text === '怎样联系您' && s.lang === 'zh-CN'), 'question read in Chinese');
    expect((await spoken()).some((s) => s.text === '请填写手机号码' && s.lang === 'zh-CN')).toBe(true);
    await context.close();
  });

  it('wipes every trace of a resident who walks away: screen, storage, draft and photos', async () => {
    await seedDraft(suite.stack, { step: 'evidence', application: completeApplication() });
    // The photo is taken at the kiosk's own pace (a short idle time could run out while the
    // camera starts on a busy machine)…
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'evidence');
    await tap(page, 'photo-0');
    await page.locator('[data-testid="camera-capture"]:not([disabled])').waitFor();
    await tap(page, 'camera-capture');
    await page.getByTestId('camera-status').filter({ hasText: /1/ }).waitFor();
    await tap(page, 'camera-done');
    await page.locator('[data-testid="evidence-0-photos"] img').waitFor();
    expect(attachmentRows(suite.stack)).toBe(1);
    await waitFor(async () => JSON.stringify(await agentDraft(suite.stack)).includes('"photos":["') || null, 'photo in the saved draft');

    // …then the resident walks away from the screen they were on, as the same kiosk shortened
    // to seconds shows it: nobody touches anything from here on.
    await page.goto(withQuery(suite.stack.kioskUrl, '?idleMs=2500&warnMs=1500'));
    await waitForStep(page, 'evidence');
    await page.getByTestId('idle-warning').waitFor();
    await screenshot(page, 'zh-CN-idle-warning');
    await page.getByTestId('home-file-button').waitFor();

    const traces = await page.evaluate(() => ({
      html: document.documentElement.outerHTML,
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      // what the resident photographed or signed (blob:/data: sources); the court's emblem is not theirs
      blobs: [...document.querySelectorAll('img, video')].map((e) => (e as HTMLImageElement).src ?? '').filter((src) => src.startsWith('blob:') || src.startsWith('data:')),
    }));
    for (const secret of ['王建国', PERSON_ID, '13812345678', '李四', '借条', '兰州市城关区']) {
      expect(traces.html, secret).not.toContain(secret);
      expect(traces.local + traces.session, secret).not.toContain(secret);
    }
    expect(traces.blobs).toEqual([]);
    await waitFor(async () => ((await agentDraft(suite.stack)) === null ? true : null), 'draft discarded');
    expect(attachmentRows(suite.stack)).toBe(0);
    await context.close();
  });
});
