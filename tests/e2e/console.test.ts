import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courtTime } from '../../shared/courtTime.js';
import { hubPaths } from '../../shared/hubProtocol.js';
import { applyForConfirmation, uploadRuling } from '../support/consoleCases.js';
import { signIn, type CourtClient } from '../support/courtClient.js';
import { sampleApplication, sampleIngest } from '../support/fixtures.js';
import { BUSY_MS, ADMIN_PASSWORD, ENROLLMENT_CODE, startHub, type RunningHub } from '../support/hubHarness.js';
import { openAction, signInByKeyboard, submitAction } from './support/consolePages.js';
import { seriousA11yProblems } from './support/look.js';
import { launchChromium, screenshot } from './support/stack.js';
import { clearOfCourtMidnight } from '../support/courtMidnight.js';

// The court console in Chromium, by keyboard, against a real hub: a clerk signs in, finds a case a
// kiosk submitted on their work list and diverts it; the mediator finds it on theirs, schedules a
// session, records it held and records the settlement; a judge rules on the application for
// confirmation; two tabs acting at once: the second is told, and sees the case as it is now.
// axe on every console page (0 serious/critical), and a screenshot of each in zh-CN and en.

let browser: Browser;
let running: RunningHub;
let base: string;
const a11y: string[] = [];
let screens = 0;
const api = {} as Record<'clerk' | 'mediator' | 'judge', CourtClient>;
const cases = {} as Record<'kiosk' | 'second', { caseId: string; provisional: string }>;
const XSS = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">';

async function deliverFromKiosk(credential: string, provisionalNumber: string, name: string): Promise<{ caseId: string; provisional: string }> {
  const intake = sampleIngest({ provisionalNumber, application: sampleApplication({ name, facts: `邻居装修占用楼道。${XSS}` }) });
  const res = await fetch(base + hubPaths.intakes, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': intake.submissionId },
    body: JSON.stringify(intake),
  });
  expect(res.status).toBe(201);
  const found = await api.clerk.call('listCases', { query: `q=${provisionalNumber}` });
  return { caseId: found.body.cases[0].caseId as string, provisional: provisionalNumber };
}

beforeAll(async () => {
  browser = await launchChromium();
  running = await startHub();
  base = running.url;
  const pw = running.hub.initialPasswords;
  api.clerk = await signIn(base, 'clerk', pw.get('clerk')!);
  api.mediator = await signIn(base, 'mediator.people', pw.get('mediator.people')!);
  api.judge = await signIn(base, 'judge', pw.get('judge')!);
  const enrolled = await fetch(base + hubPaths.enroll, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId: 'KSK-XIYUAN-01', name: '西园街道一号机' }),
  });
  const { credential } = (await enrolled.json()) as { credential: string };
  cases.kiosk = await deliverFromKiosk(credential, 'KSK-XIYUAN-01-261205-0001', '张秀兰');
  cases.second = await deliverFromKiosk(credential, 'KSK-XIYUAN-01-261205-0002', '马建国');
});
afterAll(async () => {
  console.log(`a11y (console pages): screens=${screens} ${a11y.length === 0 ? 'no serious or critical findings' : a11y.join('; ')}`);
  await browser?.close();
  await running?.close();
});

/** A staff member's own browser (its language from the browser, as a court PC's would be). */
async function staffBrowser(lang: 'zh' | 'en' = 'zh'): Promise<BrowserContext> {
  return browser.newContext({ locale: lang === 'zh' ? 'zh-CN' : 'en-US', viewport: { width: 1366, height: 900 } });
}

async function openPage(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(BUSY_MS);
  await page.goto(base + path);
  return page;
}

/** axe, then a screenshot for whoever looks at the console the way a clerk would. */
async function look(page: Page, name: string): Promise<void> {
  a11y.push(...(await seriousA11yProblems(page, name)));
  screens++;
  await screenshot(page, `console-${name}`);
}

async function staffPage(username: string, password: string, lang: 'zh' | 'en' = 'zh'): Promise<Page> {
  const page = await openPage(await staffBrowser(lang), '/console');
  await signInByKeyboard(page, username, password);
  return page;
}

describe('the console, by keyboard, in Chromium', () => {
  it('a clerk finds the kiosk’s case on the work list and diverts it', async () => {
    const pw = running.hub.initialPasswords;
    const signInPage = await openPage(await staffBrowser(), '/console');
    await look(signInPage, 'sign-in-zh');
    const page = await staffPage('clerk', pw.get('clerk')!);
    const row = page.locator(`tr[data-case="${cases.kiosk.caseId}"]`);
    await row.waitFor();
    await look(page, 'clerk-work-list-zh');
    await row.locator('a').press('Enter');
    await page.locator('.case-title[data-state="received"]').waitFor();
    await look(page, 'clerk-case-zh');

    // parties open only on request, and what the resident typed stays text
    await page.locator('form[method="get"] button').press('Enter');
    await page.getByText('张秀兰').first().waitFor();
    expect(await page.locator('main').textContent()).toContain('<script>window.__xss = 1</script>');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    await look(page, 'clerk-case-parties-open-zh');

    // the kiosk that filed it, by its name and site, not its id
    expect(await page.locator('.timeline li[data-event="case.received"] .actor').textContent()).toContain('西园街道一号机');
    expect(await page.locator('[data-terminal="KSK-XIYUAN-01"]').textContent()).toContain('西园街道一号机');
    // whether that terminal is online now, by the fleet's one rule (this test's kiosk sent no heartbeat)
    expect(await page.locator('[data-terminal="KSK-XIYUAN-01"] [data-health]').getAttribute('data-health')).toBe('never_seen');
    expect(await page.locator('[data-terminal="KSK-XIYUAN-01"]').textContent()).toContain('未上报');
    const divert = await openAction(page, 'case.diverted');
    // one choice (no script, no second press): each organisation, then its own mediators under it
    const assignee = divert.locator('select[name="assignee"]');
    expect(await assignee.locator('optgroup[label="七里河区人民调解委员会"] option').evaluateAll((os) => os.map((o) => o.textContent))).toEqual([
      '七里河区人民调解委员会 · 由该组织指派调解员',
      '人民调解员 · 七里河区人民调解委员会',
    ]);
    await assignee.selectOption('qlh-people-mediation/mediator.people');
    await divert.locator('select[name="consent"]').selectOption('in_person');
    await divert.locator('textarea[name="reason"]').focus();
    await page.keyboard.type('当事人当面同意诉前调解');
    await look(page, 'clerk-divert-form-zh');
    await submitAction(page, divert, 'in_mediation');
    expect(await page.locator('.timeline li[data-event="case.diverted"] .actor').textContent()).toBe('立案庭 书记员（立案人员）');
    expect(await page.locator('.case-title').textContent()).toMatch(/^（\d{4}）甘0103民诉前调\d+号$/);
    expect(await page.locator('.alert.ok').textContent()).toContain('分流至调解');
    expect(await page.locator('.timeline li[data-event="case.diverted"]').textContent()).toContain('当事人当面同意诉前调解');
    await page.context().close();
  });

  it('the mediator schedules a session, records it held and records the settlement', async () => {
    const page = await staffPage('mediator.people', running.hub.initialPasswords.get('mediator.people')!);
    const row = page.locator(`tr[data-case="${cases.kiosk.caseId}"]`);
    await row.waitFor();
    expect(await row.locator('.due').textContent()).toContain('剩余 30 天');
    await look(page, 'mediator-work-list-zh');
    await row.locator('a').press('Enter');
    await page.locator('.case-title[data-state="in_mediation"]').waitFor();

    const schedule = await openAction(page, 'session.scheduled');
    // now (this minute, court time): a session is held once its start has come, and this one is held below
    await clearOfCourtMidnight(120_000);
    const startsAt = courtTime(new Date().toISOString(), 'minute');
    await schedule.locator('input[name="startsAt"]').fill(startsAt.replace(' ', 'T'));
    await schedule.locator('select[name="mode"]').selectOption('in_person');
    await schedule.locator('input[name="place"]').focus();
    await page.keyboard.type('西园街道调解室 <b>二楼</b>');
    await submitAction(page, schedule, 'in_mediation');
    expect(await page.locator('.timeline li[data-event="session.scheduled"]').textContent()).toContain(startsAt.slice(11));
    expect(await page.locator('.timeline li[data-event="session.scheduled"]').textContent()).toContain('<b>二楼</b>');

    const held = await openAction(page, 'session.held');
    // the call is picked from the case's answered calls (none here: held in person); a typed id only as the fallback
    expect(await held.locator('select[name="callId"] option').first().textContent()).toBe('不关联视频通话（现场调解）');
    expect(await held.locator('input[name="callIdOther"]').count()).toBe(1);
    // a filing clerk's or mediator's invite needs a call they hold first: said, not offered as a dead button
    expect(await page.locator('[data-invite="needs-call"]').count()).toBe(1);
    await held.locator('select[name="sessionId"]').selectOption({ index: 1 });
    await look(page, 'mediator-session-held-form-zh');
    await held.locator('input[name="minutes"]').focus();
    await page.keyboard.type('50');
    await held.locator('textarea[name="notes"]').focus();
    await page.keyboard.type('双方就清理楼道达成一致');
    await submitAction(page, held, 'in_mediation');

    const settled = await openAction(page, 'mediation.settled');
    await settled.locator('select[name="sessionId"]').selectOption({ index: 1 });
    await submitAction(page, settled, 'settled');
    expect(await page.locator(`a[href="/console/cases/${cases.kiosk.caseId}/agreement"]`).count()).toBe(1);
    await look(page, 'mediator-case-settled-zh');
    await page.context().close();
  });

  it('a judge rules on the application for confirmation', async () => {
    const confirmationId = await applyForConfirmation(api.mediator, api.clerk, cases.kiosk.caseId);
    await uploadRuling(api.judge, confirmationId);
    const page = await staffPage('judge', running.hub.initialPasswords.get('judge')!);
    const row = page.locator(`tr[data-case="${confirmationId}"]`);
    await row.waitFor();
    expect(await row.locator('.due').textContent()).toContain('剩余 15 天');
    await look(page, 'judge-work-list-zh');
    await row.locator('a').press('Enter');
    await page.locator('.case-title[data-state="confirmation_pending"]').waitFor();
    await look(page, 'judge-case-zh');
    const rule = await openAction(page, 'confirmation.confirmed');
    await rule.locator('select[name="documentId"]').selectOption({ index: 1 });
    await submitAction(page, rule, 'confirmation_granted');
    expect(await page.locator('.case-title').textContent()).toMatch(/民特\d+号$/);
    const dispute = await api.clerk.call('getCase', { params: { caseId: cases.kiosk.caseId } });
    expect(dispute.body.case.state).toBe('confirmed');
    await page.context().close();
  });

  it('two tabs act at once: the second is told plainly and sees the case as it is now', async () => {
    const page = await staffPage('clerk', running.hub.initialPasswords.get('clerk')!);
    const second = await page.context().newPage();
    const path = `/console/cases/${cases.second.caseId}`;
    await page.goto(base + path);
    await second.goto(base + path);
    for (const [tab, text] of [
      [page, '第一个窗口的备注'],
      [second, `第二个窗口的备注 ${XSS}`],
    ] as const) {
      const note = await openAction(tab, 'note.added');
      await note.locator('textarea[name="text"]').focus();
      await tab.keyboard.type(text);
      await note.locator('button[type="submit"]').press('Enter');
    }
    await page.locator('.alert.ok').waitFor();
    await second.locator('.alert.problem').waitFor();
    expect(await second.locator('.alert.problem').textContent()).toContain('有人已先处理了此案件');
    expect(await second.locator('.case-title').getAttribute('data-seq')).toBe('2');
    expect(await second.locator('.timeline').textContent()).toContain('第一个窗口的备注');
    await look(second, 'clerk-case-409-zh');
    await page.context().close();
  });

  it('every console page in English too, and the admin’s screens', async () => {
    const pw = running.hub.initialPasswords;
    for (const [username, password, name] of [
      ['clerk', pw.get('clerk')!, 'clerk'],
      ['mediator.people', pw.get('mediator.people')!, 'mediator'],
      ['judge', pw.get('judge')!, 'judge'],
      ['assistant', pw.get('assistant')!, 'assistant'],
      ['counter.xiyuan', pw.get('counter.xiyuan')!, 'counter'],
    ] as const) {
      const en = await staffPage(username, password, 'en');
      await look(en, `${name}-work-list-en`);
      if (name === 'clerk') {
        expect(await en.locator('h2').first().textContent()).toBe('Cases waiting for diversion');
        await en.goto(`${base}/console/cases/${cases.second.caseId}`);
        await en.locator('.case-title').waitFor();
        await look(en, 'clerk-case-en');
        await en.goto(`${base}/console/search?q=${encodeURIComponent(cases.second.provisional)}`);
        await en.locator(`tr[data-case="${cases.second.caseId}"]`).waitFor();
        await look(en, 'search-en');
        await en.goto(`${base}/console/cases/${cases.kiosk.caseId}`);
        await look(en, 'clerk-case-confirmed-en');
      }
      if (name === 'assistant') {
        const zh = await staffPage(username, password, 'zh');
        await look(zh, 'assistant-work-list-zh');
        await zh.context().close();
      }
      if (name === 'counter') {
        const zh = await staffPage(username, password, 'zh');
        await zh.goto(`${base}/console/search?q=${encodeURIComponent('张秀兰')}`);
        await look(zh, 'search-zh');
        await zh.context().close();
      }
      await en.context().close();
    }
    for (const lang of ['zh', 'en'] as const) {
      const admin = await staffPage('admin', ADMIN_PASSWORD, lang);
      await admin.locator('tr[data-account="clerk"]').waitFor();
      await look(admin, `admin-accounts-${lang}`);
      await admin.goto(`${base}/console/admin/sites`);
      await admin.locator('tr[data-site="qlh-court-hall"]').waitFor();
      await look(admin, `admin-sites-${lang}`);
      await admin.context().close();
    }
    const signInEn = await openPage(await staffBrowser('en'), '/console');
    await look(signInEn, 'sign-in-en');
    await signInEn.context().close();
    expect(a11y).toEqual([]);
  });

  it('an admin creates an account by keyboard, and its first password is shown once', async () => {
    const admin = await staffPage('admin', ADMIN_PASSWORD);
    await admin.locator('#new-username').focus();
    await admin.keyboard.type('mediator.wang');
    await admin.keyboard.press('Tab');
    await admin.keyboard.type('王调解');
    await admin.locator('#new-role').selectOption('mediator');
    await admin.locator('#new-org').selectOption('qlh-people-mediation');
    await admin.locator('form[action="/console/admin/staff"] button').press('Enter');
    const secret = await admin.locator('[data-secret]').textContent();
    expect(secret?.length).toBeGreaterThan(8);
    await look(admin, 'admin-account-created-zh');
    await admin.reload();
    expect(await admin.locator('[data-secret]').count()).toBe(0);
    await admin.locator('tr[data-account="mediator.wang"] form[action$="/deactivate"] button').press('Enter');
    await admin.locator('tr[data-account="mediator.wang"] form[action$="/activate"]').waitFor();
    await admin.context().close();
  });
});
