import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_ID, SIGNATURE_PNG } from '../e2e/support/applications.js';
import { chineseDate } from '../../shared/agreements/courtDocument.js';
import { consoleRequest, consoleSignIn } from '../support/consoleCases.js';
import { signIn, sha256, type CourtClient } from '../support/courtClient.js';
import { sampleApplication } from '../support/fixtures.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { pdfText } from '../support/pdfText.js';
import { tempDir } from '../support/testDirs.js';
import { scheduledNow } from '../support/courtSteps.js';

// The agreement and the ruling as real documents on a real hub (SQLite): a settled case's
// agreement is drawn from the template with the mediator's terms, both parties and the mediator
// sign by hand at the desk, the signed PDF is stored and its sha256 is in agreement.completed, and
// its bytes verify; then confirmation is applied and a judge confirms: the 民事裁定书 PDF's sha256 is
// in the ruling events of both cases. pdftotext reads the parties' names and the terms; text with
// markup is kept as text; the wrong role, a non-PNG signature and a stale view are refused (4xx).

let running: RunningHub;
const staff = {} as Record<'clerk' | 'judge' | 'mediator', CourtClient>;
const dir = tempDir('agreement-docs-');
const SIGNATURE = Buffer.from(SIGNATURE_PNG.split(',')[1]!, 'base64').toString('base64');
const MARKUP = '<script>alert(1)</script><b>加粗</b>';

beforeAll(async () => {
  running = await startHub();
  const pw = running.hub.initialPasswords;
  staff.clerk = await signIn(running.url, 'clerk', pw.get('clerk')!);
  staff.judge = await signIn(running.url, 'judge', pw.get('judge')!);
  staff.mediator = await signIn(running.url, 'mediator.people', pw.get('mediator.people')!);
});
afterAll(async () => {
  await running?.close();
});

async function act(by: CourtClient, c: { caseId: string; seq: number }, type: string, payload: unknown = {}) {
  const res = await by.call('actOnCase', { params: { caseId: c.caseId }, body: { type, payload, expectedSeq: c.seq } });
  expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.case;
}

async function settledCase() {
  const entered = await staff.clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication({ name: '王桂英' }) } });
  expect(entered.status).toBe(201);
  let c = await act(staff.clerk, entered.body.case, 'case.diverted', { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } });
  c = await scheduledNow(staff.mediator, c, { mode: 'in_person', place: '第一调解室' });
  c = await act(staff.mediator, c, 'session.held', { sessionId: c.sessions[0].sessionId, minutes: 30 });
  return act(staff.mediator, c, 'mediation.settled', {});
}

const terms = {
  facts: `申请人与被申请人因楼道占用发生纠纷。${MARKUP}`,
  terms: [{ text: '被申请人于本协议生效后清理楼道杂物。', performBy: '2027-01-15' }, { text: `双方互不追究其他责任。${MARKUP}` }],
};

async function documentBytes(by: CourtClient, caseId: string, documentId: string): Promise<Buffer> {
  const res = await by.raw('getDocument', { params: { caseId, documentId } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

function textOf(bytes: Buffer, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return pdfText(path).replace(/\s+/g, '');
}

describe('the mediation agreement and the ruling as signed documents', () => {
  it('settle → draft → both parties and the mediator sign → the signed PDF’s sha256 is in the events; apply → confirm → the ruling’s sha256 is in the events', async () => {
    let c = await settledCase();
    const drafted = await staff.mediator.call('draftAgreement', { params: { caseId: c.caseId }, body: { ...terms, expectedSeq: c.seq } });
    expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
    c = drafted.body.case;
    const draftRef = drafted.body.appended[0].payload.document;
    expect(drafted.body.appended[0].type).toBe('agreement.drafted');
    const draft = await documentBytes(staff.mediator, c.caseId, draftRef.documentId);
    expect(sha256(draft)).toBe(draftRef.sha256);
    const draftText = textOf(draft, 'draft.pdf');
    for (const words of ['人民调解协议书', '王桂英', '李四', '清理楼道杂物', '2027年1月15日', PERSON_ID, '<script>alert(1)</script>']) expect(draftText).toContain(words);

    // the desk page is a console page (its navigation, the way back to the case) and its terms form
    // keeps what was drawn, so a correction starts from the text, never from nothing
    const { cookie } = await consoleSignIn(running.url, 'mediator.people', running.hub.initialPasswords.get('mediator.people')!);
    const desk = (await consoleRequest(running.url, cookie, `/console/cases/${c.caseId}/agreement`)).html;
    expect(desk).toContain('href="/console/search"');
    expect(desk).toContain(`href="/console/cases/${c.caseId}"`);
    expect(desk).toContain(`<textarea id="facts" name="facts" rows="4" maxlength="4000" required>申请人与被申请人因楼道占用发生纠纷。&lt;script&gt;`);
    expect(desk).toContain('>被申请人于本协议生效后清理楼道杂物。</textarea>');
    expect(desk).toContain('value="2027-01-15"');

    // the desk reads the text to be signed; a judge may not sign it for the mediator
    const view = await staff.mediator.call('getAgreement', { params: { caseId: c.caseId } });
    expect(view.status).toBe(200);
    expect(view.body.missing).toEqual(['applicant:0', 'respondent:0', 'mediator:0']);
    const sign = (by: CourtClient, role: string, seq: number, image = SIGNATURE) =>
      by.call('signAgreement', { params: { caseId: c.caseId }, body: { signer: { role, index: 0 }, method: 'desk', imagePngBase64: image, expectedSeq: seq } });
    expect((await sign(staff.judge, 'applicant', c.seq)).body.error.code).toBe('ROLE_NOT_ALLOWED');
    const notPng = await sign(staff.mediator, 'applicant', c.seq, Buffer.from('<svg onload="x">').toString('base64'));
    expect([notPng.status, notPng.body.error.code]).toEqual([400, 'INVALID_REFERENCE']);
    expect((await sign(staff.mediator, 'applicant', c.seq - 1)).status).toBe(409);

    const signatures: string[] = [];
    let last: any = null;
    for (const role of ['applicant', 'respondent', 'mediator']) {
      last = await sign(staff.mediator, role, c.seq);
      expect(last.status, JSON.stringify(last.body)).toBe(201);
      signatures.push(last.body.appended[0].payload.signatureSha256);
      c = last.body.case;
    }
    expect(signatures).toEqual([sha256(Buffer.from(SIGNATURE, 'base64')), sha256(Buffer.from(SIGNATURE, 'base64')), sha256(Buffer.from(SIGNATURE, 'base64'))]);
    // the last signature is answered once kept; the signed agreement is drawn and stored after it
    expect(last.body.appended.map((e: any) => e.type)).toEqual(['agreement.signed']);
    c = await waitFor(async () => {
      const now = (await staff.mediator.call('getCase', { params: { caseId: c.caseId } })).body.case;
      return now.state === 'agreement_signed' ? now : null;
    }, 'the signed agreement stored');
    const completed = (await staff.mediator.call('caseEvents', { params: { caseId: c.caseId } })).body.events.find((e: any) => e.type === 'agreement.completed');
    const signed = await documentBytes(staff.mediator, c.caseId, completed.payload.document.documentId);
    expect(sha256(signed)).toBe(completed.payload.document.sha256);
    expect(signed.length).toBe(completed.payload.document.size);
    expect(signed.equals(draft)).toBe(false); // the signatures are in it
    const signedText = textOf(signed, 'signed.pdf');
    for (const words of ['王桂英', '李四', '双方互不追究其他责任', '调解员']) expect(signedText).toContain(words);
    // the signed agreement carries the day it was signed (the court's day, the day it takes effect)
    expect(signedText).toContain(chineseDate(c.agreementEffectiveOn));
    expect(draftText).not.toContain(chineseDate(c.agreementEffectiveOn));
    const events = (await staff.mediator.call('caseEvents', { params: { caseId: c.caseId } })).body.events;
    expect(JSON.stringify(events.map((e: any) => e.payload))).toContain(sha256(signed));
    // signing again after completion is refused by the rules
    expect((await sign(staff.mediator, 'applicant', c.seq)).status).toBe(409);

    // judicial confirmation: a separate 民特 case; the judge's ruling drawn from the template
    c = await act(staff.clerk, c, 'confirmation.applied');
    const conf = (await staff.judge.call('getCase', { params: { caseId: c.confirmationCaseId } })).body.case;
    expect(conf.caseNumber).toMatch(/民特\d+号/);
    const refusedRole = await staff.mediator.call('ruleOnConfirmation', { params: { caseId: conf.caseId }, body: { outcome: 'confirmed', expectedSeq: conf.seq } });
    expect(refusedRole.status).toBe(404); // outside a mediator's part: the 民特 case is the court's
    const ruled = await staff.judge.call('ruleOnConfirmation', { params: { caseId: conf.caseId }, body: { outcome: 'confirmed', reasons: `经审查。${MARKUP}`, expectedSeq: conf.seq } });
    expect(ruled.status, JSON.stringify(ruled.body)).toBe(201);
    expect(ruled.body.case.state).toBe('confirmation_granted');
    const refs = ruled.body.appended.map((e: any) => [e.type, e.caseId, e.payload.document.sha256]);
    expect(refs.map((r: any) => r[1]).sort()).toEqual([c.caseId, conf.caseId].sort());
    const ruling = await documentBytes(staff.judge, conf.caseId, ruled.body.appended[0].payload.document.documentId);
    for (const r of refs) expect(r[2]).toBe(sha256(ruling));
    const rulingText = textOf(ruling, 'ruling.pdf');
    for (const words of ['民事裁定书', conf.caseNumber, '王桂英', '李四', `调解协议（${c.caseNumber}）有效`, '<script>alert(1)</script>']) expect(rulingText).toContain(words);
    const dispute = (await staff.judge.call('getCase', { params: { caseId: c.caseId } })).body.case;
    expect(dispute.state).toBe('confirmed');
    for (const caseId of [c.caseId, conf.caseId]) expect((await staff.judge.call('caseIntegrity', { params: { caseId } })).body).toMatchObject({ chainValid: true, foldMatches: true });
  });

  it('the notifier is told: an agreement ready to sign (never with the terms in it)', async () => {
    const c = await settledCase();
    const drafted = await staff.mediator.call('draftAgreement', { params: { caseId: c.caseId }, body: { ...terms, expectedSeq: c.seq } });
    expect(drafted.status).toBe(201);
    const rows = await running.hub.database.db.selectFrom('notification_outbox').selectAll().where('case_id', '=', c.caseId).execute();
    expect(rows.map((r) => r.template)).toContain('agreement_ready');
    expect(JSON.stringify(rows)).not.toContain('清理楼道');
  });

  it('bad input is a 4xx: no terms, a control character, a case that is not settled', async () => {
    const entered = (await staff.clerk.call('enterCase', { body: { channel: 'court', application: sampleApplication() } })).body.case;
    const draft = (body: unknown) => staff.mediator.call('draftAgreement', { params: { caseId: entered.caseId }, body });
    expect((await draft({ facts: '事实', terms: [], expectedSeq: entered.seq })).status).toBe(400);
    expect((await draft({ facts: '事实\u0007', terms: [{ text: '条款' }], expectedSeq: entered.seq })).status).toBe(400);
    // a mediator cannot reach a case not diverted to their organisation
    expect((await draft({ facts: '事实', terms: [{ text: '条款' }], expectedSeq: entered.seq })).status).toBe(404);
    const clerkDraft = await staff.clerk.call('draftAgreement', { params: { caseId: entered.caseId }, body: { facts: '事实', terms: [{ text: '条款' }], expectedSeq: entered.seq } });
    expect([clerkDraft.status, clerkDraft.body.error.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
  });
});
