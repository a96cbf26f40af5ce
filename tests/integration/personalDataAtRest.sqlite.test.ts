import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import { sampleIdCards } from '../../main/agent/idCard/simulatedIdCardReader.js';
import { PERSON_ID, SIGNATURE_PNG } from '../e2e/support/applications.js';
import { signIn, type CourtClient } from '../support/courtClient.js';
import { sampleApplication, sampleResident, sampleSubmission, tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { storedBytes } from '../support/storedData.js';
import { scheduledNow } from '../support/courtSteps.js';

// Issue 14 item 4: a copied hub database reveals no one. A counter filing goes through a terminal's
// agent and outbox (with a counter sign-in and an ID card read), a case is settled and its agreement
// drafted and signed; then the hub's SQLite file and WAL as they lie on disk, and the file after a
// checkpoint, hold no ID number and no phone number in clear — while staff still find the case by
// the exact phone and ID number (the blind index).

const XIYUAN = 'qlh-centre-xiyuan';
const RESPONDENT_PHONE = '13609310002';
const COUNTER_MOBILE = '13712345670';
let running: RunningHub;
let agent: Agent;
const staff = {} as Record<'clerk' | 'mediator', CourtClient>;

beforeAll(async () => {
  running = await startHub();
  const pw = running.hub.initialPasswords;
  staff.clerk = await signIn(running.url, 'clerk', pw.get('clerk')!);
  staff.mediator = await signIn(running.url, 'mediator.people', pw.get('mediator.people')!);
  const terminalId = `CTR-${randomBytes(3).toString('hex')}`;
  const key = randomBytes(32);
  agent = await createAgent({
    dataDir: tempDir(),
    hubUrl: running.url,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: silentLog,
    healthIntervalMs: 100,
    counter: true,
    idCardReader: 'simulated',
  });
  await waitFor(() => agent.config.credential(), 'enrollment');
  await running.hub.database.db.updateTable('terminals').set({ site_id: XIYUAN, kind: 'counter' }).where('terminal_id', '=', terminalId).execute();
});
afterAll(async () => {
  await agent?.close();
  await running?.close();
});

async function act(c: { caseId: string; seq: number }, by: CourtClient, type: string, payload: unknown = {}) {
  const res = await by.call('actOnCase', { params: { caseId: c.caseId }, body: { type, payload, expectedSeq: c.seq } });
  expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.case;
}

describe('personal data at rest in the hub database', () => {
  it('a counter filing, a sign-in and a signed agreement leave no ID number or phone in clear, and the case is still found by both', async () => {
    const signedIn = await agent.dispatch('counter.signIn', { username: 'counter.xiyuan', password: running.hub.initialPasswords.get('counter.xiyuan')! });
    expect(signedIn).toMatchObject({ ok: true });
    const card = await agent.dispatch('idCard.read', undefined);
    expect(card).toMatchObject({ ok: true });
    const sub = sampleSubmission({ mobile: COUNTER_MOBILE });
    // the applicant as read from the card (the ID number agrees with sex and birth date)
    sub.application.applicant = { ...sub.application.applicant, idNumber: sampleIdCards[0]!.idNumber, sex: 'male', birthDate: '1975-04-18' } as typeof sub.application.applicant;
    sub.application.respondents = [{ kind: 'person', name: '李四', idNumber: PERSON_ID, mobile: RESPONDENT_PHONE, address: '兰州市城关区庆阳路2号' } as never];
    const receipt = await agent.dispatch('counter.submit', sub);
    expect(receipt, JSON.stringify(receipt)).toMatchObject({ ok: true, value: { status: 'queued' } });
    const filed = await waitFor(
      async () => (await running.hub.database.db.selectFrom('cases').select('case_id').where('submission_id', '=', sub.submissionId).executeTakeFirst()) ?? null,
      'the filing at the hub',
    );

    // a second case, entered at the court, settled and its agreement drafted and signed
    const entered = await staff.clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication({ name: '王桂英' }) } });
    expect(entered.status).toBe(201);
    let c = await act(entered.body.case, staff.clerk, 'case.diverted', { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } });
    c = await scheduledNow(staff.mediator, c, { mode: 'in_person', place: '第一调解室' });
    c = await act(c, staff.mediator, 'session.held', { sessionId: c.sessions[0].sessionId, minutes: 30 });
    c = await act(c, staff.mediator, 'mediation.settled', {});
    const drafted = await staff.mediator.call('draftAgreement', { params: { caseId: c.caseId }, body: { facts: '因楼道占用发生纠纷。', terms: [{ text: '清理楼道杂物。' }], expectedSeq: c.seq } });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    c = drafted.body.case;
    const image = SIGNATURE_PNG.split(',')[1]!;
    for (const role of ['applicant', 'respondent', 'mediator']) {
      const signed = await staff.mediator.call('signAgreement', { params: { caseId: c.caseId }, body: { signer: { role, index: 0 }, method: 'desk', imagePngBase64: image, expectedSeq: c.seq } });
      expect(signed.status, JSON.stringify(signed.body)).toBe(201);
      c = signed.body.case;
    }
    // the signed agreement is drawn after the last signature is answered: its PDF is stored too
    await waitFor(async () => (await running.hub.cases.load(running.hub.database, c.caseId))?.state === 'agreement_signed', 'the signed agreement stored');

    const bytes = await storedBytes(running);
    const secrets = [PERSON_ID, sampleIdCards[0]!.idNumber, sampleResident.mobile, COUNTER_MOBILE, RESPONDENT_PHONE];
    for (const secret of secrets) {
      expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
      expect(bytes.includes(Buffer.from(secret, 'utf16le')), `${secret} (UTF-16)`).toBe(false);
    }
    // the test can see what it looks for: the staff member's name is stored in clear
    expect(bytes.includes(Buffer.from('counter.xiyuan'))).toBe(true);

    // exact-match search still finds the filing by the respondent's phone and the applicant's ID number
    for (const q of [RESPONDENT_PHONE, sampleIdCards[0]!.idNumber]) {
      const found = await staff.clerk.call('listCases', { query: `q=${q}` });
      expect(found.status, JSON.stringify(found.body)).toBe(200);
      expect(
        found.body.cases.map((x: { caseId: string }) => x.caseId),
        q,
      ).toEqual([filed.case_id]);
    }
  });
});
