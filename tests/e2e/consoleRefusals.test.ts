import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubPaths } from '../../shared/hubProtocol.js';
import { act, courtStaff, deliverIntake, type CourtStaff } from '../support/courtSteps.js';
import { sampleApplication, sampleIngest } from '../support/fixtures.js';
import { BUSY_MS, ENROLLMENT_CODE, startHub, type RunningHub } from '../support/hubHarness.js';
import { openAction, signInByKeyboard } from './support/consolePages.js';
import { seriousA11yProblems } from './support/look.js';
import { launchChromium, screenshot } from './support/stack.js';

// A console action that fails says, in the staff member's language, what failed and what to do —
// never "HTTP 409": two staff act on one case (409: the page shows the case as it is now), a form
// for an action the role may not take (403), and a form sent after signing out elsewhere (401: a
// sign-in that comes back to the case). Real hub, real Chromium; axe on each refusal.

let browser: Browser;
let running: RunningHub;
let base: string;
let staff: CourtStaff;
let caseId: string;

beforeAll(async () => {
  browser = await launchChromium();
  running = await startHub();
  base = running.url;
  staff = await courtStaff(running);
  const enrolled = await fetch(base + hubPaths.enroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId: 'KSK-REFUSALS-01', name: '拒绝测试一号机' }),
  });
  const { credential } = (await enrolled.json()) as { credential: string };
  const provisionalNumber = 'KSK-REFUSALS-01-261206-0001';
  await deliverIntake(running, credential, sampleIngest({ provisionalNumber, application: sampleApplication({ name: '李桂芳' }) }));
  const found = await staff.clerk.call('listCases', { query: `q=${provisionalNumber}` });
  const received = found.body.cases[0] as { caseId: string; seq: number };
  caseId = received.caseId;
  await act(staff.clerk, received, 'case.diverted', { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } });
});
afterAll(async () => {
  await browser?.close();
  await running?.close();
});

async function staffPage(username: string, lang: 'zh' | 'en', context?: BrowserContext): Promise<Page> {
  const ctx = context ?? (await browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1280, height: 800 } }));
  const page = await ctx.newPage();
  page.setDefaultTimeout(BUSY_MS);
  await page.goto(`${base}/console/cases/${caseId}`);
  await signInByKeyboard(page, username, running.hub.initialPasswords.get(username)!);
  return page;
}

async function typeNote(page: Page, text: string) {
  const note = await openAction(page, 'note.added');
  await note.locator('textarea[name="text"]').fill(text);
  return note;
}

/** The refusal as shown: its kind and words, never a status number. */
async function refusalShown(page: Page, kind: string): Promise<string> {
  const alert = page.locator(`.alert.problem[data-refusal="${kind}"]`);
  await alert.waitFor();
  const text = (await alert.textContent()) ?? '';
  expect(text).not.toMatch(/HTTP|\b[45]\d\d\b/);
  expect(await seriousA11yProblems(page, `refusal-${kind}`)).toEqual([]);
  return text;
}

const seqOf = async (page: Page) => Number(await page.locator('.case-title').getAttribute('data-seq'));

describe('a console action that fails says what failed and what to do', () => {
  it('two staff act on one case: the second is told, in their language, and sees the case as it is now', async () => {
    const clerk = await staffPage('clerk', 'zh');
    const mediator = await staffPage('mediator.people', 'en');
    // a sign-in from the case's own address comes back to it
    await mediator.locator('.case-title[data-state="in_mediation"]').waitFor();
    const before = await seqOf(mediator);
    const clerkNote = await typeNote(clerk, '书记员先写的备注');
    const mediatorNote = await typeNote(mediator, 'The mediator’s note, typed at the same time');
    await clerkNote.locator('button[type="submit"]').press('Enter');
    await clerk.locator('.alert.ok').waitFor();
    await mediatorNote.locator('button[type="submit"]').press('Enter');
    const said = await refusalShown(mediator, 'stale');
    expect(said).toBe('Someone acted on this case first. This is the case as it is now; check it and try again.');
    expect(await seqOf(mediator)).toBe(before + 1);
    expect(await mediator.locator('.timeline').textContent()).toContain('书记员先写的备注');
    // what was typed is kept, for the second try
    expect(await mediator.locator('details[data-action="note.added"] textarea[name="text"]').inputValue()).toBe('The mediator’s note, typed at the same time');
    await screenshot(mediator, 'console-refusal-409-en');
    await clerk.context().close();
    await mediator.context().close();
  });

  it('a form for an action the role may not take: 403, not your role, nothing saved', async () => {
    const mediator = await staffPage('mediator.people', 'zh');
    await mediator.locator('.case-title[data-state="in_mediation"]').waitFor();
    const before = await seqOf(mediator);
    // a form kept from an older page, for a filing clerk's step (the page offers a mediator none such)
    expect(await mediator.locator('details[data-action="case.filed_as_lawsuit"]').count()).toBe(0);
    const note = await typeNote(mediator, '改作立案的表单');
    await note.locator('input[name="type"]').evaluate((input) => ((input as HTMLInputElement).value = 'case.filed_as_lawsuit'));
    await note.locator('button[type="submit"]').press('Enter');
    const said = await refusalShown(mediator, 'role');
    expect(said).toBe('您的角色不能办理这一事项。没有保存任何内容。如需办理，请联系有此权限的同事。');
    expect(await seqOf(mediator)).toBe(before);
    await screenshot(mediator, 'console-refusal-403-zh');
    await mediator.context().close();
  });

  it('a form sent after signing out in another tab: nothing saved, and a sign-in that comes back to the case', async () => {
    const clerk = await staffPage('clerk', 'en');
    await clerk.locator('.case-title').waitFor();
    const before = await seqOf(clerk);
    const note = await typeNote(clerk, 'Typed before signing out elsewhere');
    const other = await clerk.context().newPage();
    await other.goto(`${base}/console`);
    await other.locator('header form[action="/console/logout"] button').click();
    await other.locator('#username').waitFor();
    await note.locator('button[type="submit"]').press('Enter');
    const said = await refusalShown(clerk, 'signedOut');
    expect(said).toBe('You have been signed out. Nothing was saved. Sign in again; you will come back to this page.');
    await screenshot(clerk, 'console-refusal-401-en');
    await signInByKeyboard(clerk, 'clerk', running.hub.initialPasswords.get('clerk')!);
    await clerk.locator(`.case-title[data-seq="${before}"]`).waitFor();
    expect(new URL(clerk.url()).pathname).toBe(`/console/cases/${caseId}`);
    await clerk.context().close();
  });
});
