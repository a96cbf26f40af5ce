import { it } from 'vitest';
import { hubPaths } from '../../shared/hubProtocol.js';
import { signIn, type CourtClient } from '../support/courtClient.js';
import { sampleIngest } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub } from '../support/hubHarness.js';
import { SIGNATURE_PNG } from './support/applications.js';
import { launchChromium } from './support/stack.js';

// throwaway: screenshots for the court walk fixes (not committed)
it('shots', async () => {
  const h = await startHub();
  const browser = await launchChromium();
  try {
    const pw = h.hub.initialPasswords;
    const clerk = await signIn(h.url, 'clerk', pw.get('clerk')!);
    const mediator = await signIn(h.url, 'mediator.people', pw.get('mediator.people')!);
    const act = async (by: CourtClient, c: { caseId: string; seq: number }, type: string, payload: unknown = {}) => {
      const res = await by.call('actOnCase', { params: { caseId: c.caseId }, body: { type, payload, expectedSeq: c.seq } });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      return res.body.case;
    };
    const enrolled = await fetch(h.url + hubPaths.enroll, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId: 'KSK-HALL-01', name: '诉讼服务中心一号机' }),
    });
    const { credential } = (await enrolled.json()) as { credential: string };
    const intake = sampleIngest({ provisionalNumber: 'KSK-HALL-01-261205-0001' });
    await fetch(h.url + hubPaths.intakes, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': intake.submissionId },
      body: JSON.stringify(intake),
    });
    const caseId = (await h.hub.court.cases.bySubmission(h.hub.database, intake.submissionId))!.caseId;
    let c = (await clerk.call('getCase', { params: { caseId } })).body.case;
    c = await act(clerk, c, 'case.diverted', { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } });
    c = await act(mediator, c, 'session.scheduled', { startsAt: new Date(Date.now() + 86_400_000).toISOString(), mode: 'in_person', place: '第一调解室' });
    c = await act(mediator, c, 'session.held', { sessionId: c.sessions[0].sessionId, minutes: 40 });
    c = await act(mediator, c, 'session.scheduled', { startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), mode: 'in_person', place: '第二调解室' });
    c = await act(mediator, c, 'mediation.settled', {});
    const drafted = await mediator.call('draftAgreement', {
      params: { caseId },
      body: { facts: '申请人与被申请人因借款发生纠纷。', terms: [{ text: '被申请人于2027年1月15日前归还借款50000元。', performBy: '2027-01-15' }], expectedSeq: c.seq },
    });
    c = drafted.body.case;
    const shot = async (user: string, lang: 'zh' | 'en', path: string, name: string, before?: (p: import('playwright-core').Page) => Promise<void>) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      await context.addCookies([{ name: 'console_lang', value: lang, url: h.url }]);
      const signed = await context.request.post(`${h.url}/api/v1/session`, { data: { username: user, password: pw.get(user) } });
      if (signed.status() !== 200) throw new Error(`sign in ${signed.status()}`);
      const page = await context.newPage();
      await page.goto(h.url + path);
      if (before) await before(page);
      await page.screenshot({ path: `/tmp/court-shots/${name}-${lang}.png`, fullPage: true });
      await context.close();
    };
    for (const lang of ['zh', 'en'] as const) {
      await shot('mediator.people', lang, `/console/intakes/${intake.submissionId}`, 'intake-masked');
      await shot('mediator.people', lang, `/console/intakes/${intake.submissionId}?reveal=parties`, 'intake-open');
      await shot('mediator.people', lang, `/console/cases/${caseId}/agreement`, 'agreement-drafted');
    }
    const png = SIGNATURE_PNG.split(',')[1]!;
    for (const role of ['applicant', 'respondent', 'mediator']) {
      const r = await mediator.call('signAgreement', { params: { caseId }, body: { signer: { role, index: 0 }, method: 'desk', imagePngBase64: png, expectedSeq: c.seq } });
      c = r.body.case;
    }
    c = await act(clerk, c, 'confirmation.applied');
    for (const lang of ['zh', 'en'] as const) {
      await shot('mediator.people', lang, `/console/cases/${caseId}`, 'dispute-after');
      await shot('judge', lang, `/console/cases/${c.confirmationCaseId}`, 'confirmation');
    }
  } finally {
    await browser.close();
    await h.close();
  }
});
