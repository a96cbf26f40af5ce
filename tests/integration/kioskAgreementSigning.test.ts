import { randomBytes, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import { KIOSK_AGREEMENT_PATH, KIOSK_SIGNATURE_PATH } from '../../shared/agreements/kioskSigning.js';
import { invalidMessages } from '../../server/cases/caseRefusalErrors.js';
import type { Receipt } from '../../shared/intake.js';
import { PERSON_ID, PERSON_ID_FEMALE, SIGNATURE_PNG } from '../e2e/support/applications.js';
import { APPLICANT_MOBILE, fullApplication, fullSubmission } from '../support/applicationFixtures.js';
import { courtStaff, draftedAgreement } from '../support/courtSteps.js';
import { tempDir } from '../support/fixtures.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// A resident signs their mediation agreement at the kiosk, through a real agent and a real hub:
// the agreement is read only with the receipt's number and the filing's phone number; the
// signature is committed on the kiosk (a receipt only after the commit), survives the agent being
// closed before it could send, reaches the hub exactly once (a resend is answered the same, no
// second event), is recorded as the applicant's `kiosk` signature by the terminal, and a signature
// for a draft that is no longer the one being signed is refused and parked for staff.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const key = randomBytes(32);
const closed = new WeakSet<Agent>();
async function kiosk(hubUrl: string, dataDir: string, terminalId: string): Promise<Agent> {
  const agent = await createAgent({
    dataDir,
    hubUrl,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: silentLog,
    healthIntervalMs: 100,
  });
  cleanup.push(() => closeAgent(agent));
  return agent;
}
async function closeAgent(agent: Agent) {
  if (closed.has(agent)) return;
  closed.add(agent);
  await agent.close();
}

async function call<T = unknown>(agent: Agent, name: string, input: unknown): Promise<T> {
  const r = await agent.dispatch(name, input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}

/** A kiosk filing, delivered, and moved on by court staff until its agreement waits for signatures. */
async function agreementToSign(h: RunningHub, agent: Agent, submission = fullSubmission()) {
  const staff = await courtStaff(h);
  const receipt = await call<Receipt>(agent, 'intake.submit', submission);
  const received = await waitFor(() => h.hub.cases.bySubmission(h.hub.database, receipt.submissionId), 'the case of the filing');
  return { staff, receipt, ...(await draftedAgreement(staff, received)) };
}

const signedEvents = async (h: RunningHub, caseId: string) => (await h.hub.cases.events(h.hub.database, caseId)).filter((e) => e.event.type === 'agreement.signed');

describe('a resident signs the agreement at the kiosk', () => {
  it('reads it with number and phone, signs, survives a restart before sending, lands once as the applicant’s kiosk signature', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const dataDir = tempDir();
    const terminalId = `KSK-${randomBytes(3).toString('hex').toUpperCase()}`;
    let agent = await kiosk(h.url, dataDir, terminalId);
    const { receipt, caseId, draftId, staff } = await agreementToSign(h, agent);
    const query = { provisionalNumber: receipt.provisionalNumber, mobile: APPLICANT_MOBILE };

    // a wrong phone number reads nothing, exactly like no agreement at all
    expect(await call(agent, 'agreement.read', { ...query, mobile: '13900000000' })).toEqual({ kind: 'none' });
    const read = await call<any>(agent, 'agreement.read', query);
    expect(read.kind).toBe('agreement');
    expect(read.agreement).toMatchObject({ documentId: draftId, signed: false, missing: ['applicant:0', 'respondent:0', 'mediator:0'] });
    const text = JSON.stringify(read.agreement.document);
    expect(text).toContain('人民调解协议书');
    expect(text).toContain('归还借款5000元');
    // the resident's view: no party's ID number or address
    expect(text).not.toContain(PERSON_ID);

    // signed while the agent cannot send: the commit is the receipt; a fresh agent on the same data sends it
    await agent.sync.stop();
    const signed = await call<{ signatureId: string }>(agent, 'agreement.sign', { ...query, documentId: draftId, pngDataUrl: SIGNATURE_PNG });
    expect(agent.db.prepare('SELECT status FROM agreement_signatures WHERE signature_id = ?').get(signed.signatureId)).toEqual({ status: 'queued' });
    expect(agent.db.prepare(`SELECT kind, state FROM outbox_jobs WHERE ref = ?`).get(signed.signatureId)).toEqual({ kind: 'signature', state: 'pending' });
    expect(await signedEvents(h, caseId)).toHaveLength(0);
    await closeAgent(agent);
    agent = await kiosk(h.url, dataDir, terminalId);
    await waitFor(
      () => (agent.db.prepare('SELECT status FROM agreement_signatures WHERE signature_id = ?').get(signed.signatureId) as { status: string }).status === 'delivered',
      'the signature delivered',
    );
    // delivered: the personal part is gone from the kiosk, the job with it
    expect(agent.db.prepare('SELECT sealed_payload FROM agreement_signatures WHERE signature_id = ?').get(signed.signatureId)).toEqual({ sealed_payload: null });
    expect(agent.db.prepare('SELECT COUNT(*) AS n FROM outbox_jobs WHERE ref = ?').get(signed.signatureId)).toEqual({ n: 0 });

    const events = await signedEvents(h, caseId);
    expect(events).toHaveLength(1);
    expect(events[0]!.event.payload).toMatchObject({ signer: { role: 'applicant', index: 0 }, method: 'kiosk', documentId: draftId });
    // the kiosk, with the name it was enrolled under (recorded with the event)
    expect(events[0]!.event.actor).toMatchObject({ kind: 'terminal', terminalId, name: expect.any(String) });
    const view = await staff.mediator.call('getAgreement', { params: { caseId } });
    expect(view.body.missing).toEqual(['respondent:0', 'mediator:0']);
    expect(await call<any>(agent, 'agreement.read', query)).toMatchObject({ kind: 'agreement', agreement: { signed: true } });

    // a resend (another job for the same signer and draft) is answered the same and adds nothing
    const credential = agent.config.credential()!;
    const resend = await post(h, credential, KIOSK_SIGNATURE_PATH, { signatureId: randomUUID(), ...query, documentId: draftId, imagePngBase64: SIGNATURE_PNG.split(',')[1] });
    expect([resend.status, await resend.json()]).toEqual([200, { signed: true, complete: false }]);
    expect(await signedEvents(h, caseId)).toHaveLength(1);
  });

  it('both parties sign at kiosks: the applicant by phone at one, the respondent by name and last 4 of ID at another; each its own event with its role', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const terminals = [0, 1].map(() => `KSK-${randomBytes(3).toString('hex').toUpperCase()}`);
    const applicantKiosk = await kiosk(h.url, tempDir(), terminals[0]!);
    const respondentKiosk = await kiosk(h.url, tempDir(), terminals[1]!);
    const withRespondentId = fullSubmission(
      fullApplication((draft) => {
        draft.respondents = [{ ...draft.respondents![0]!, idNumber: PERSON_ID_FEMALE }];
      }),
    );
    const { receipt, caseId, draftId, staff } = await agreementToSign(h, applicantKiosk, withRespondentId);
    const applicant = { provisionalNumber: receipt.provisionalNumber, mobile: APPLICANT_MOBILE };
    const respondent = { provisionalNumber: receipt.provisionalNumber.toLowerCase(), name: ' 李 四', idLast4: PERSON_ID_FEMALE.slice(-4) };

    // a wrong name, wrong digits, or the applicant's own digits under the respondent's name: nothing to read
    for (const wrong of [{ name: '李五' }, { idLast4: '0245' }, { idLast4: PERSON_ID.slice(-4) }])
      expect(await call(respondentKiosk, 'agreement.read', { ...respondent, ...wrong })).toEqual({ kind: 'none' });
    const read = await call<any>(respondentKiosk, 'agreement.read', respondent);
    expect(read.agreement).toMatchObject({ documentId: draftId, signer: { role: 'respondent', index: 0 }, signed: false, missing: ['applicant:0', 'respondent:0', 'mediator:0'] });
    // the applicant may prove who they are the same way (name + ID), and signs as the applicant
    expect(await call<any>(applicantKiosk, 'agreement.read', { ...respondent, name: '王建国', idLast4: PERSON_ID.slice(-4) })).toMatchObject({
      agreement: { signer: { role: 'applicant', index: 0 } },
    });

    await call(respondentKiosk, 'agreement.sign', { ...respondent, documentId: draftId, pngDataUrl: SIGNATURE_PNG });
    await call(applicantKiosk, 'agreement.sign', { ...applicant, documentId: draftId, pngDataUrl: SIGNATURE_PNG });
    await waitFor(async () => (await signedEvents(h, caseId)).length === 2, 'both signatures at the hub');
    const events = await signedEvents(h, caseId);
    const bySigner = Object.fromEntries(events.map((e) => [`${(e.event.payload as any).signer.role}`, e.event]));
    expect(bySigner['respondent']).toMatchObject({
      actor: { kind: 'terminal', terminalId: terminals[1] },
      payload: { method: 'kiosk', documentId: draftId, signer: { role: 'respondent', index: 0 } },
    });
    expect(bySigner['applicant']).toMatchObject({ actor: { kind: 'terminal', terminalId: terminals[0] }, payload: { method: 'kiosk', documentId: draftId, signer: { role: 'applicant', index: 0 } } });
    expect(await call<any>(respondentKiosk, 'agreement.read', respondent)).toMatchObject({ agreement: { signed: true, missing: ['mediator:0'] } });
    const view = await staff.mediator.call('getAgreement', { params: { caseId } });
    expect(view.body.missing).toEqual(['mediator:0']);
    expect(view.body.signedBy).toEqual(expect.arrayContaining(['applicant:0', 'respondent:0']));

    // a resend of the respondent's signature adds nothing; a guessed identity is refused as unknown
    const credential = respondentKiosk.config.credential()!;
    const image = SIGNATURE_PNG.split(',')[1];
    const resend = await post(h, credential, KIOSK_SIGNATURE_PATH, { signatureId: randomUUID(), ...respondent, documentId: draftId, imagePngBase64: image });
    expect([resend.status, await resend.json()]).toEqual([200, { signed: true, complete: false }]);
    expect((await post(h, credential, KIOSK_SIGNATURE_PATH, { signatureId: randomUUID(), ...respondent, idLast4: '9999', documentId: draftId, imagePngBase64: image })).status).toBe(404);
    expect((await post(h, credential, KIOSK_AGREEMENT_PATH, { ...respondent, idLast4: '12' })).status).toBe(400);
    expect(await signedEvents(h, caseId)).toHaveLength(2);
  });

  it('refuses a signature for a draft that is no longer the one being signed (parked for staff), and bad or unknown requests with 4xx', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const agent = await kiosk(h.url, tempDir(), `KSK-${randomBytes(3).toString('hex').toUpperCase()}`);
    const { receipt, caseId } = await agreementToSign(h, agent);
    const query = { provisionalNumber: receipt.provisionalNumber, mobile: APPLICANT_MOBILE };
    const signed = await call<{ signatureId: string }>(agent, 'agreement.sign', { ...query, documentId: 'not-the-draft', pngDataUrl: SIGNATURE_PNG });
    await waitFor(
      () => (agent.db.prepare('SELECT status FROM agreement_signatures WHERE signature_id = ?').get(signed.signatureId) as { status: string }).status === 'needs_attention',
      'the refusal parked',
    );
    expect(agent.db.prepare('SELECT state, last_error FROM outbox_jobs WHERE ref = ?').get(signed.signatureId)).toEqual({ state: 'parked', last_error: 'HTTP 422 AGREEMENT_CHANGED' });
    expect(await signedEvents(h, caseId)).toHaveLength(0);

    const credential = agent.config.credential()!;
    const body = { signatureId: randomUUID(), ...query, documentId: 'x', imagePngBase64: SIGNATURE_PNG.split(',')[1] };
    expect((await post(h, credential, KIOSK_SIGNATURE_PATH, { ...body, mobile: '13900000000' })).status).toBe(404);
    expect((await post(h, credential, KIOSK_SIGNATURE_PATH, { ...body, imagePngBase64: '<svg/>' })).status).toBe(400);
    expect((await post(h, 'x'.repeat(43), KIOSK_SIGNATURE_PATH, body)).status).toBe(401);
    expect((await post(h, credential, KIOSK_AGREEMENT_PATH, { provisionalNumber: receipt.provisionalNumber })).status).toBe(400);
    const notPng = await post(h, credential, KIOSK_SIGNATURE_PATH, {
      ...body,
      documentId: (await h.hub.cases.load(h.hub.database, caseId))!.agreement!.documentId,
      imagePngBase64: Buffer.from('GIF89a-not-a-png').toString('base64'),
    });
    expect(notPng.status).toBe(400);
    // its own code and the field's i18n key, as the desk's refusal says it (not every refusal "not a drawable PNG")
    expect((await notPng.json()).error).toMatchObject({
      code: 'INVALID_REFERENCE',
      message: invalidMessages.INVALID_REFERENCE,
      issues: [{ path: 'imagePngBase64', message: 'errors.signature.notPng' }],
    });
  });
});

function post(h: RunningHub, credential: string, path: string, body: unknown) {
  return fetch(h.url + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` }, body: JSON.stringify(body) });
}
