import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../shared/intake.js';
import { APPLICANT_MOBILE, fullApplication, fullSubmission } from '../support/applicationFixtures.js';
import { agreementTerms, courtStaff, draftedAgreement, type CourtStaff } from '../support/courtSteps.js';
import { PERSON_ID, PERSON_ID_FEMALE, SIGNATURE_PNG } from './support/applications.js';
import { waitFor } from '../support/hubHarness.js';
import { kioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { kioskPage, screenshot } from './support/stack.js';
import { drawSignature, fillField, tap, typeOnKeyboard } from './support/wizard.js';

// The resident signs their mediation agreement at the kiosk by touch: check-my-case says an
// agreement waits for their signature; they read it (large type, scrolled by finger), sign by hand
// on the shared pad, and the kiosk says "saved" only once the signature is committed; the court
// then has the applicant's kiosk signature. The kiosk names the respondent as next to sign; they
// sign at the same kiosk with their name and the last 4 of their ID number, and the screen says
// throughout who is signing now; when the mediator signs, the stage says so.
// Screenshots: test-results/screenshots/kiosk-agreement-*.png.

const suite = kioskSuite();
let filed: Receipt;
let staff: CourtStaff;
let caseId: string;
let draftId: string;

beforeAll(async () => {
  const stack = suite.stack;
  const application = fullApplication((draft) => {
    draft.respondents = [{ ...draft.respondents![0]!, idNumber: PERSON_ID_FEMALE }];
  });
  const r = await stack.host.agent.dispatch('intake.submit', fullSubmission(application));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  filed = r.value as Receipt;
  const received = await waitFor(() => stack.hub.hub.cases.bySubmission(stack.hub.hub.database, filed.submissionId), 'the case of the filing');
  staff = await courtStaff(stack.hub);
  // Long enough that the resident has to scroll it.
  const clauses = ['被申请人向申请人赔礼道歉。', '双方今后和睦相处。', '申请人放弃其他请求。', '本协议一式三份。', '双方互不追究其他责任。', '如有争议另行协商。'].map((text) => ({ text }));
  ({ caseId, draftId } = await draftedAgreement(staff, received, { ...agreementTerms, terms: [...agreementTerms.terms, ...clauses] }));
});

async function checkMyCase(page: Page): Promise<void> {
  await tap(page, 'home-check-case');
  await page.getByTestId('check-case').waitFor();
  const prefix = `${suite.stack.host.agent.config.read().terminalId}-`;
  await page.locator(`[data-testid="field-check.provisionalNumber"][value="${prefix}"]`).waitFor();
  await page.getByTestId('field-check.provisionalNumber').tap();
  await typeOnKeyboard(page, filed.provisionalNumber.slice(prefix.length));
  await tap(page, 'key-done');
  await page.getByTestId('keyboard').waitFor({ state: 'detached' });
  await fillField(page, 'check.mobile', APPLICANT_MOBILE);
  await tap(page, 'check-case-submit');
  await page.getByTestId('case-status').waitFor();
}

const kioskSignatures = async () =>
  (await suite.stack.hub.hub.cases.events(suite.stack.hub.hub.database, caseId)).filter((e) => e.event.type === 'agreement.signed' && (e.event.payload as { method: string }).method === 'kiosk');

describe('the resident signs the agreement at the kiosk', () => {
  it('reads it in English and senior mode but leaves unsigned: nothing reaches the court', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await tap(page, 'lang-en');
    await tap(page, 'elderly-toggle');
    await settled(page);
    await checkMyCase(page);
    expect(await page.getByTestId('case-status-stage').getAttribute('data-stage')).toBe('agreement_to_sign');
    expect(await page.getByTestId('case-status-nextStep').textContent()).toBe('Sign the mediation agreement');
    // four choices in the bar (home, call about the case, sign, check another), all on screen in senior mode
    await screenshot(page, 'kiosk-agreement-en-elderly-status');
    const allOnScreen = async (display: string) => {
      for (const id of ['check-case-home', 'check-case-call', 'check-case-sign', 'check-case-again']) {
        const box = (await page.getByTestId(id).boundingBox())!;
        expect(box.x + box.width, `${id} within the width, ${display}`).toBeLessThanOrEqual(page.viewportSize()!.width);
        expect(box.y + box.height, `${id} above the bottom, ${display}`).toBeLessThanOrEqual(page.viewportSize()!.height);
      }
    };
    await allOnScreen('1280x800');
    // and on the portrait panel, 1080 px wide: they wrap there rather than run off its edge
    await page.setViewportSize({ width: 1080, height: 1920 });
    await settled(page);
    await screenshot(page, 'kiosk-agreement-en-elderly-status-portrait');
    await allOnScreen('1080x1920');
    await page.setViewportSize({ width: 1280, height: 800 });
    await settled(page);
    await tap(page, 'check-case-sign');
    await page.getByTestId('agreement-document').waitFor();
    expect(await page.getByTestId('agreement-document').innerText()).toContain('归还借款5000元');
    expect(await page.getByTestId('agreement-signer').getAttribute('data-signer')).toBe('applicant:0');
    expect(await page.getByTestId('agreement-signer').innerText()).toContain('Signing now: the applicant');
    await settled(page);
    await screenshot(page, 'kiosk-agreement-en-elderly-read');
    // "Sign" with nothing drawn: told what to do, in English
    await tap(page, 'agreement-to-pad');
    await page.getByTestId('agreement-signature').waitFor();
    await screenshot(page, 'kiosk-agreement-en-elderly-pad');
    await tap(page, 'agreement-sign');
    expect(await page.getByTestId('agreement-error').textContent()).toMatch(/sign/i);
    await tap(page, 'agreement-back'); // back to the text
    await page.getByTestId('agreement-document').waitFor();
    await tap(page, 'agreement-back');
    await page.getByTestId('check-case').waitFor();
    // Another party's name must be letters, said in English at senior size, on landscape and portrait panels.
    await tap(page, 'check-case-party');
    await fillField(page, 'check.partyName', '1234');
    await tap(page, 'check-case-party-submit');
    await expect.poll(() => page.getByTestId('error-check.partyName').textContent()).toContain('not numbers or symbols');
    await settled(page);
    await screenshot(page, 'kiosk-agreement-en-elderly-name-digits');
    await page.setViewportSize({ width: 1080, height: 1920 });
    await settled(page);
    await screenshot(page, 'kiosk-agreement-en-elderly-name-digits-portrait');
    expect(await kioskSignatures()).toHaveLength(0);
    await context.close();
  });

  it('reads it by touch in zh-CN, signs by hand, and the court records the applicant’s kiosk signature once', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await checkMyCase(page);
    expect(await page.getByTestId('case-status-stage').textContent()).toContain('调解协议已准备好，请签字');
    await screenshot(page, 'kiosk-agreement-zh-CN-status');
    await tap(page, 'check-case-sign');
    const document = page.getByTestId('agreement-document');
    await document.waitFor();
    const text = await document.innerText();
    for (const words of ['人民调解协议书', '归还借款5000元', '调解员']) expect(text).toContain(words);
    expect(text).not.toContain(PERSON_ID); // no ID numbers in the resident's view
    // scrolled by finger: a swipe up moves the text
    const box = (await document.boundingBox())!;
    const before = await document.evaluate((el) => el.scrollTop);
    // Where the swiped text comes to rest. A tap while it still glides only stops it (Chromium
    // drops the tap that ends a fling, as a phone does), so the next tap waits for this.
    await document.evaluate((el) => el.addEventListener('scrollend', () => el.setAttribute('data-test-rest', String(el.scrollTop)), { once: true }));
    const cdp = await context.newCDPSession(page);
    const x = box.x + box.width / 2;
    const from = box.y + box.height - 20;
    let time = 0;
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', y: number | null) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: y === null ? [] : [{ x, y }], timestamp: (time = Math.max(time + 0.016, Date.now() / 1000)) });
    await touch('touchStart', from);
    for (let k = 1; k <= 12; k++) await touch('touchMove', from - k * 15);
    for (let k = 0; k < 3; k++) await touch('touchMove', from - 180); // at rest before lifting
    await touch('touchEnd', null);
    expect(await document.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    const rest = await waitFor(() => document.getAttribute('data-test-rest'), 'the swiped text at rest', 30_000);
    expect(Number(rest)).toBeGreaterThan(before);
    await screenshot(page, 'kiosk-agreement-zh-CN-read');

    await tap(page, 'agreement-to-pad');
    await page.getByTestId('agreement-signature').waitFor();
    await drawSignature(page, 'agreement-signature');
    await page.locator('[data-testid="agreement-signature"][data-signed="yes"]').waitFor();
    await screenshot(page, 'kiosk-agreement-zh-CN-signed-pad');
    await tap(page, 'agreement-sign');
    await page.locator('[data-testid="agreement-message"][data-kind="signed"]').waitFor();
    expect(await page.getByTestId('agreement-message').textContent()).toContain('您的签名已保存');
    await screenshot(page, 'kiosk-agreement-zh-CN-saved');

    const events = await waitFor(async () => ((await kioskSignatures()).length > 0 ? kioskSignatures() : null), 'the kiosk signature at the court');
    expect(events).toHaveLength(1);
    expect(events[0]!.event.payload).toMatchObject({ signer: { role: 'applicant', index: 0 }, documentId: draftId });

    // the respondent is next, and signs here: their name (pinyin) and the last 4 of their ID number
    expect(await page.getByTestId('agreement-next').getAttribute('data-signer')).toBe('respondent:0');
    expect(await page.getByTestId('agreement-next').innerText()).toContain('被申请人：李四');
    await tap(page, 'agreement-next-party');
    await page.getByTestId('field-check.partyName').waitFor();
    expect(await page.getByTestId('field-check.provisionalNumber').inputValue()).toBe(filed.provisionalNumber);
    await tap(page, 'check-case-party-submit'); // nothing typed: told what is missing
    await page.locator('.field.has-error [data-testid="field-check.partyName"]').waitFor();
    // Digits are no name (the ID ending typed in the wrong box): said as the wizard says it, and nobody is looked up.
    await fillField(page, 'check.partyName', '1234');
    await tap(page, 'check-case-party-submit');
    await expect.poll(() => page.getByTestId('error-check.partyName').textContent()).toContain('不能是数字');
    expect(await page.getByTestId('agreement-signing').count()).toBe(0);
    await screenshot(page, 'kiosk-agreement-zh-CN-respondent-name-digits');
    await fillField(
      page,
      'check.partyName',
      [
        { pinyin: 'li', pick: '李' },
        { pinyin: 'si', pick: '四' },
      ],
      { clear: true },
    );
    await fillField(page, 'check.idLast4', PERSON_ID_FEMALE.slice(-4));
    await screenshot(page, 'kiosk-agreement-zh-CN-respondent-identity');
    await tap(page, 'check-case-party-submit');
    await page.locator('[data-testid="agreement-signer"][data-signer="respondent:0"]').waitFor();
    expect(await page.getByTestId('agreement-signer').innerText()).toContain('现在签名的是：被申请人');
    await screenshot(page, 'kiosk-agreement-zh-CN-respondent-read');
    await tap(page, 'agreement-to-pad');
    await drawSignature(page, 'agreement-signature');
    await page.locator('[data-testid="agreement-signature"][data-signed="yes"]').waitFor();
    await tap(page, 'agreement-sign');
    await page.locator('[data-testid="agreement-message"][data-kind="signed"]').waitFor();
    expect(await page.getByTestId('agreement-next').count()).toBe(0); // only the mediator is left, at the desk
    const both = await waitFor(async () => ((await kioskSignatures()).length === 2 ? kioskSignatures() : null), 'the respondent’s kiosk signature at the court');
    expect(both[1]!.event.payload).toMatchObject({ signer: { role: 'respondent', index: 0 }, method: 'kiosk', documentId: draftId });
    await tap(page, 'agreement-back');
    await context.close();
  });

  it('once the mediator signs at the desk, check-my-case says the agreement is signed', async () => {
    for (const role of ['mediator']) {
      const c = (await staff.mediator.call('getCase', { params: { caseId } })).body.case;
      const signed = await staff.mediator.call('signAgreement', {
        params: { caseId },
        body: { signer: { role, index: 0 }, method: 'desk', imagePngBase64: SIGNATURE_PNG.split(',')[1], expectedSeq: c.seq },
      });
      expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    }
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await checkMyCase(page);
    expect(await page.getByTestId('case-status-stage').getAttribute('data-stage')).toBe('agreement_signed');
    expect(await page.getByTestId('check-case-sign').count()).toBe(0);
    await screenshot(page, 'kiosk-agreement-zh-CN-all-signed');
    await context.close();
  });
});
