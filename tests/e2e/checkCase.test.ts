import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Receipt } from '../../shared/intake.js';
import { signIn } from '../support/courtClient.js';
import { act, courtStaff } from '../support/courtSteps.js';
import { waitFor } from '../support/hubHarness.js';
import { APPLICANT_MOBILE, fullSubmission } from '../support/applicationFixtures.js';
import { mediatorClient, mediatorSession } from '../support/signallingClients.js';
import { kioskSuite } from './support/kioskSuite.js';
import { settled } from './support/look.js';
import { recordSpeech, spokenOn } from './support/speech.js';
import { kioskPage, screenshot } from './support/stack.js';
import { fillField, tap, typeOnKeyboard } from './support/wizard.js';

// "Check my case" by touch: the provisional number on the kiosk's capitals-and-digits pad (this
// kiosk's part is filled in), the phone on the phone pad, then the court's answer; a wrong phone
// is told nothing; the case number shows once the court gives one (when the clerk diverts the
// case); with the court unreachable, what the kiosk knows — clearly marked offline.
// Screenshots: test-results/screenshots/check-case-*.png.

const suite = kioskSuite();
let filed: Receipt & { caseNumber: string | null };

beforeAll(async () => {
  const stack = suite.stack;
  // The application itself was filed earlier (tests/e2e/slice.test.ts files one by touch).
  const r = await stack.host.agent.dispatch('intake.submit', fullSubmission());
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const receipt = r.value as Receipt;
  await waitFor(() => (stack.host.agent.db.prepare('SELECT status FROM submissions WHERE submission_id = ?').get(receipt.submissionId) as { status: string }).status === 'delivered', 'acknowledged');
  expect((await stack.hub.intakes()).find((i) => i.submission_id === receipt.submissionId)?.case_number).toBeNull();
  filed = { ...receipt, caseNumber: null };
  // The court's published reference cases: one of the resident's dispute type, one of another, one unpublished.
  const judge = await signIn(stack.hub.url, 'judge', stack.hub.hub.initialPasswords.get('judge')!);
  const add = async (title: string, titleEn: string, disputeType: string, publish: boolean) => {
    const c = await judge.call('createReferenceCase', {
      body: {
        title,
        titleEn,
        disputeType,
        facts: '借款人到期未还款。',
        outcome: `${title}：双方达成分期还款协议。`,
        outcomeEn: `${titleEn}: the parties agreed to repay in instalments.`,
        legalBasis: '《民法典》第六百七十五条',
      },
    });
    if (publish) await judge.call('publishReferenceCase', { params: { referenceCaseId: c.body.referenceCaseId }, body: { published: true, expectedVersion: 1 } });
  };
  await add('民间借贷分期还款案', 'Instalments for a private loan', 'private_loan', true);
  await add('邻里通行纠纷案', 'Right of way between neighbours', 'neighbour', true);
  await add('未发布的借贷案例', 'Unpublished loan case', 'private_loan', false);
});

/** The reference cases shown under the answer, by title. */
async function referenceTitles(page: Page): Promise<string[]> {
  await page.getByTestId('matching-reference-cases').waitFor();
  return page.getByTestId('reference-case-title').allTextContents();
}

async function openCheckCase(page: Page, homeShot?: string): Promise<string> {
  if (homeShot) await screenshot(page, homeShot);
  await tap(page, 'home-check-case');
  await page.getByTestId('check-case').waitFor();
  const prefix = `${suite.stack.host.agent.config.read().terminalId}-`;
  await page.locator(`[data-testid="field-check.provisionalNumber"][value="${prefix}"]`).waitFor();
  return prefix;
}

/** Types the rest of the number after this kiosk's prefix, and a phone number, then checks. */
async function check(page: Page, prefix: string, mobile: string, shot?: string): Promise<void> {
  await page.getByTestId('field-check.provisionalNumber').tap();
  await page.locator('[data-testid="keyboard"][data-pad="reference"]').waitFor();
  await typeOnKeyboard(page, filed.provisionalNumber.slice(prefix.length));
  if (shot) await screenshot(page, shot);
  await tap(page, 'key-done');
  await page.getByTestId('keyboard').waitFor({ state: 'detached' });
  await fillField(page, 'check.mobile', mobile);
  await tap(page, 'check-case-submit');
  await page.getByTestId('case-status').waitFor();
}

describe('check my case', () => {
  it('finds the application by touch in zh-CN, and tells a wrong phone number nothing', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    const prefix = await openCheckCase(page, 'check-case-zh-CN-home');
    await screenshot(page, 'check-case-zh-CN-form');

    // Nothing typed yet: what to fix, in Chinese.
    await tap(page, 'check-case-submit');
    expect(await page.getByTestId('error-check.mobile').textContent()).toContain('电话');

    await check(page, prefix, APPLICANT_MOBILE, 'check-case-zh-CN-keyboard');
    const status = page.getByTestId('case-status');
    expect(await status.getAttribute('data-kind')).toBe('court');
    expect(await page.getByTestId('case-status-source').textContent()).toBe('法院最新信息');
    // the filing is a case at the court: its stage in plain words, and what comes next
    expect(await page.getByTestId('case-status-stage').textContent()).toBe('法院已收到，正在决定下一步怎么办（调解或立案）');
    expect(await page.getByTestId('case-status-nextStep').textContent()).toBe('请等待法院联系');
    // not numbered by the court yet: no case number, the provisional number is the reference
    expect(await page.getByTestId('case-status-caseNumber').count()).toBe(0);
    expect(await page.getByTestId('case-status').innerText()).toContain(filed.provisionalNumber);
    expect(await page.locator('body').innerText()).not.toContain(APPLICANT_MOBILE);
    expect(await referenceTitles(page)).toEqual(['民间借贷分期还款案']);
    expect(await page.getByTestId('reference-case-outcome').textContent()).toBe('民间借贷分期还款案：双方达成分期还款协议。');
    await screenshot(page, 'check-case-zh-CN-result');
    await page.getByTestId('matching-reference-cases').scrollIntoViewIfNeeded();
    await screenshot(page, 'check-case-zh-CN-reference-cases');

    await tap(page, 'check-case-again');
    // One digit of the phone wrong: no match, and what was typed is still there to fix.
    const last = APPLICANT_MOBILE.slice(-1);
    const typo = APPLICANT_MOBILE.slice(0, -1) + (last === '9' ? '8' : '9');
    await check(page, prefix, typo);
    expect(await page.getByTestId('case-status').getAttribute('data-kind')).toBe('not_found');
    expect(await page.getByTestId('case-status').textContent()).toContain('没有找到编号和手机号都相符的申请');
    expect(await page.locator('body').innerText()).not.toContain('法院已收到');
    await screenshot(page, 'check-case-zh-CN-not-found');
    await tap(page, 'check-case-correct');
    expect(await page.getByTestId('field-check.provisionalNumber').inputValue()).toBe(filed.provisionalNumber);
    expect(await page.getByTestId('field-check.mobile').inputValue()).toBe(typo);
    await settled(page);
    await screenshot(page, 'check-case-zh-CN-correct');
    await page.getByTestId('field-check.mobile').tap();
    await page.locator('[data-testid="keyboard"][data-pad="phone"]').waitFor();
    await tap(page, 'key-backspace');
    await typeOnKeyboard(page, last);
    await tap(page, 'key-done');
    await tap(page, 'check-case-submit');
    await page.locator('[data-testid="case-status"][data-kind="court"]').waitFor({ timeout: 30_000 });
    await tap(page, 'check-case-home');
    await page.getByTestId('home-file-button').waitFor();
    await context.close();
  });

  it('works in English and senior mode', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    await tap(page, 'lang-en');
    await tap(page, 'elderly-toggle');
    await settled(page);
    const prefix = await openCheckCase(page, 'check-case-en-elderly-home');
    await settled(page);
    await screenshot(page, 'check-case-en-elderly-form');
    await check(page, prefix, APPLICANT_MOBILE, 'check-case-en-elderly-keyboard');
    expect(await page.getByTestId('case-status-stage').textContent()).toBe('Received by the court; it is deciding how the dispute goes on');
    await screenshot(page, 'check-case-en-elderly-result');
    expect(await referenceTitles(page)).toEqual(['Instalments for a private loan']);
    await page.getByTestId('matching-reference-cases').scrollIntoViewIfNeeded();
    await screenshot(page, 'check-case-en-elderly-reference-cases');
    await tap(page, 'elderly-toggle');
    await settled(page);
    await screenshot(page, 'check-case-en-result');
    await context.close();
  });

  it('reads what is wrong aloud in senior mode, in the language on screen', async () => {
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl, undefined, 'home', recordSpeech);
    const spoken = () => spokenOn(page);
    await tap(page, 'lang-en');
    await tap(page, 'elderly-toggle');
    await openCheckCase(page);
    // No phone number: the check is refused, and the refusal is heard, not only shown in red.
    await tap(page, 'check-case-submit');
    await page.locator('[data-testid="check-case"] .field-error').first().waitFor();
    await waitFor(async () => (await spoken()).find((s) => s.text === 'Please enter a phone number' && s.lang === 'en-GB'), 'the phone error read aloud');
    await context.close();
  });

  it("shows the court's case number once the clerk has diverted the case", async () => {
    const stack = suite.stack;
    const staff = await courtStaff(stack.hub);
    const received = (await stack.hub.hub.court.cases.bySubmission(stack.hub.hub.database, filed.submissionId))!;
    const diverted = await act(staff.clerk, received, 'case.diverted', { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } });
    expect(diverted.caseNumber).toMatch(/^（\d{4}）甘0103民诉前调\d+号$/);
    filed.caseNumber = diverted.caseNumber as string;
    const { context, page } = await kioskPage(suite.browser, stack.kioskUrl);
    const prefix = await openCheckCase(page);
    await check(page, prefix, APPLICANT_MOBILE);
    expect(await page.getByTestId('case-status-caseNumber').textContent()).toBe(filed.caseNumber);
    await screenshot(page, 'check-case-zh-CN-numbered');
    await context.close();
  });

  it('calls the mediator about the case just checked: the call carries it, and the answered call is a session held', async () => {
    const stack = suite.stack;
    const { context, page } = await kioskPage(suite.browser, stack.kioskUrl, { width: 1080, height: 1920 });
    page.setDefaultTimeout(60_000);
    const prefix = await openCheckCase(page);
    await check(page, prefix, APPLICANT_MOBILE);
    await page.getByTestId('check-case-call').waitFor();
    await screenshot(page, 'check-case-zh-CN-call-portrait');
    await page.getByTestId('check-case-call').tap();
    await page.getByTestId('call-consent').waitFor();
    await page.getByTestId('call-consent-accept').tap();
    await page.getByTestId('call-start').tap();
    const record = await waitFor(async () => (await stack.hub.hub.signalling.records.recent(5)).find((r) => r.endedAt === null) ?? null, 'the call queued at the hub');
    // the call is about the case: its intake, vouched for by the ticket check-my-case gave
    expect(record).toMatchObject({ submissionId: filed.submissionId, caseTicket: 1 });

    const mediator = await mediatorClient(stack.hub.url, await mediatorSession(stack.hub.hub, stack.hub.url, 'med-e2e'));
    await mediator.next((f) => f.t === 'hello', 'hello', 60_000);
    mediator.send({ t: 'presence.set', status: 'available' });
    await mediator.next((f) => f.t === 'presence', 'on duty', 60_000);
    mediator.send({ t: 'call.accept', ref: 1, callId: record.callId });
    await waitFor(async () => (await stack.hub.hub.signalling.records.get(record.callId))?.answeredAt ?? null, 'the call answered');
    // the mediator (a desk without media here) ends it with an outcome
    mediator.send({ t: 'call.end', ref: 2, callId: record.callId, outcome: 'scheduled', notes: '' });
    const caseId = (await stack.hub.hub.court.cases.bySubmission(stack.hub.hub.database, filed.submissionId))!.caseId;
    const held = await waitFor(async () => {
      const events = await stack.hub.hub.court.cases.events(stack.hub.hub.database, caseId);
      return events.find((e) => e.event.type === 'session.held' && (e.event.payload as { callId?: string }).callId === record.callId) ?? null;
    }, 'the session held on the case');
    expect(held.event.payload).toMatchObject({ mode: 'video', callId: record.callId });
    mediator.close();
    await page.getByTestId('call-done').tap();
    await page.getByTestId('home-file-button').waitFor();
    await context.close();
  });

  it("the QR code's page on a phone asks for the phone number, then shows the stage and the case number", async () => {
    const phone = await suite.browser.newPage({ viewport: { width: 390, height: 780 }, hasTouch: true, isMobile: true });
    await phone.goto(`${suite.stack.hub.url}/status/${encodeURIComponent(filed.provisionalNumber)}`);
    expect(filed.caseNumber).not.toBeNull();
    expect(await phone.locator('body').innerText()).not.toContain(filed.caseNumber!);
    await screenshot(phone, 'status-page-form');
    await phone.fill('#mobile', APPLICANT_MOBILE);
    await phone.locator('button[type=submit]').tap();
    await phone.getByText(filed.caseNumber!).waitFor();
    await screenshot(phone, 'status-page-result');
    await phone.close();
  });

  it('offline: says the court cannot be reached and shows only what the kiosk knows', async () => {
    await suite.stack.hub.close(); // the last test: the court goes away
    const { context, page } = await kioskPage(suite.browser, suite.stack.kioskUrl);
    const prefix = await openCheckCase(page);
    await check(page, prefix, APPLICANT_MOBILE);
    expect(await page.getByTestId('case-status').getAttribute('data-source')).toBe('offline');
    expect(await page.getByTestId('case-status-source').textContent()).toContain('离线信息');
    expect(await page.getByTestId('case-status-stage').textContent()).toBe('已送达法院');
    // The kiosk was acknowledged before the court numbered the case: it knows no case number.
    expect(await page.getByTestId('case-status-caseNumber').count()).toBe(0);
    expect(await page.getByTestId('case-status').innerText()).toContain(filed.provisionalNumber);
    await screenshot(page, 'check-case-zh-CN-offline');
    await context.close();
  });
});
