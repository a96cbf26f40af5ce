import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KIOSK_SIGNATURE_PATH } from '../../shared/agreements/kioskSigning.js';
import { chineseDate } from '../../shared/agreements/courtDocument.js';
import { confirmationApplyBy, courtDateOf } from '../../shared/cases/deadlines.js';
import { SIGNATURE_PNG } from '../e2e/support/applications.js';
import { courtPath } from '../../shared/courtApi/routes.js';
import { agreementPagePath } from '../../server/console/paths.js';
import { anonymousClient, sha256 } from '../support/courtClient.js';
import { courtStaff, deliverIntake, draftedAgreement, type CourtStaff } from '../support/courtSteps.js';
import { sampleIngest, sampleResident } from '../support/fixtures.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { pdfText } from '../support/pdfText.js';
import { enrollTerminal } from '../support/signallingClients.js';

// The signed agreement is drawn after the last signature is answered, outside any transaction
// (issue 11/12 follow-up), and stored once: a last signature sent twice at once and resent, or its
// completion run three times at once (on PostgreSQL each in a transaction of its own, as two
// instances would), store one `agreement_signed` document and append one `agreement.completed`
// carrying its sha256; and an agreement whose signatures are all in but whose signed agreement was
// never stored (the hub stopped between) is stored at the next start. Runs on SQLite and PostgreSQL.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const IMAGE = SIGNATURE_PNG.split(',')[1]!;
let serial = 0;

/** A kiosk filing whose agreement is signed by the respondent and the mediator at the desk: only the applicant (at the kiosk) is missing. */
async function lastSignatureMissing(h: RunningHub) {
  const terminalId = `KSKC${++serial}`;
  const credential = await enrollTerminal(h.url, terminalId);
  const intake = sampleIngest({ provisionalNumber: `${terminalId}-261206-0001` });
  await deliverIntake(h, credential, intake);
  const staff = await courtStaff(h);
  const received = (await h.hub.cases.bySubmission(h.hub.database, intake.submissionId))!;
  const { caseId, draftId } = await draftedAgreement(staff, received);
  for (const role of ['respondent', 'mediator']) {
    const seq = (await h.hub.cases.load(h.hub.database, caseId))!.seq;
    const signed = await staff.mediator.call('signAgreement', { params: { caseId }, body: { signer: { role, index: 0 }, method: 'desk', imagePngBase64: IMAGE, expectedSeq: seq } });
    expect(signed.status, JSON.stringify(signed.body)).toBe(201);
    expect(signed.body.appended.map((e: { type: string }) => e.type)).toEqual(['agreement.signed']);
  }
  const kiosk = { signatureId: randomUUID(), provisionalNumber: intake.provisionalNumber, mobile: sampleResident.mobile, documentId: draftId, imagePngBase64: IMAGE };
  return { staff, terminalId, credential, caseId, draftId, kiosk };
}

/** What the case holds of its signed agreement: completed events, stored signed documents, the state. */
async function signedAgreement(h: RunningHub, caseId: string) {
  // the state first: the event and the document committed with it are there when it says so
  const state = (await h.hub.cases.load(h.hub.database, caseId))!.state;
  const events = (await h.hub.cases.events(h.hub.database, caseId)).filter((e) => e.event.type === 'agreement.completed');
  const documents = await h.hub.database.db.selectFrom('case_documents').select(['document_id', 'sha256']).where('case_id', '=', caseId).where('kind', '=', 'agreement_signed').execute();
  return { state, events: events.map((e) => e.event), documents };
}

async function completed(h: RunningHub, caseId: string) {
  return waitFor(async () => {
    const now = await signedAgreement(h, caseId);
    return now.state === 'agreement_signed' ? now : null;
  }, 'the signed agreement stored');
}

/** Exactly one signed agreement, the one its one completed event names. */
function expectStoredOnce(now: Awaited<ReturnType<typeof signedAgreement>>) {
  expect(now.events).toHaveLength(1);
  expect(now.documents).toHaveLength(1);
  expect(now.events[0]!.payload).toMatchObject({ document: { documentId: now.documents[0]!.document_id, sha256: now.documents[0]!.sha256 } });
}

function post(h: RunningHub, credential: string, body: unknown) {
  return fetch(h.url + KIOSK_SIGNATURE_PATH, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` }, body: JSON.stringify(body) });
}

/** The applicant's signature kept as the kiosk route keeps it, its completion never run (the hub stops right after). */
async function lastSignatureKept(h: RunningHub, m: Awaited<ReturnType<typeof lastSignatureMissing>>) {
  const seq = (await h.hub.cases.load(h.hub.database, m.caseId))!.seq;
  return h.hub.court.agreements.sign(
    h.hub.database,
    m.caseId,
    { signer: { role: 'applicant', index: 0 }, method: 'kiosk', image: Buffer.from(IMAGE, 'base64'), expectedSeq: seq },
    { actor: { kind: 'terminal', terminalId: m.terminalId }, siteId: null },
  );
}

/** The mediator's desk page, opened with a session of its own (a browser's cookie). */
async function deskPage(h: RunningHub, caseId: string) {
  const signedIn = await fetch(h.url + courtPath('signIn'), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'mediator.people', password: h.hub.initialPasswords.get('mediator.people') }),
  });
  expect(signedIn.status).toBe(200);
  const res = await fetch(h.url + agreementPagePath(caseId), { headers: { cookie: signedIn.headers.get('set-cookie')!.split(';')[0]! } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The staff views of a case's agreement and documents the audit holds, oldest first. */
const viewsAudited = async (h: RunningHub, caseId: string) =>
  (
    await h.hub.database.db
      .selectFrom('audit_log')
      .select(['action', 'record_kind', 'record_id'])
      .where('case_id', '=', caseId)
      .where('outcome', '=', 'ok')
      .where('action', 'in', ['agreement.viewed', 'document.opened'])
      .orderBy('audit_seq')
      .execute()
  ).map((r) => `${r.action}:${r.record_kind}:${r.record_id}`);

describe('the signed agreement, drawn after the last signature', () => {
  it('a last signature sent twice at once and resent is answered at once and stores one signed agreement', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const m = await lastSignatureMissing(h);
    const twice = await Promise.all([post(h, m.credential, m.kiosk), post(h, m.credential, m.kiosk)]);
    const answers = await Promise.all(twice.map(async (r) => [r.status, await r.json()] as const));
    // one is kept; the other finds it signed, or lost the race to it (409: the kiosk sends again)
    expect(answers.filter(([status]) => status === 200)[0]).toEqual([200, { signed: true, complete: true }]);
    expect(
      answers.every(([status]) => status === 200 || status === 409),
      JSON.stringify(answers),
    ).toBe(true);
    const resend = await post(h, m.credential, m.kiosk);
    expect([resend.status, await resend.json()]).toEqual([200, { signed: true, complete: true }]);
    const now = await completed(h, m.caseId);
    expectStoredOnce(now);
    // by the signature's own completion (the terminal's), or the resend's (the system's), whichever came first
    expect([m.terminalId, 'system']).toContain(now.events[0]!.actor.kind === 'terminal' ? now.events[0]!.actor.terminalId : now.events[0]!.actor.kind);
    // completing it again, twice at once, finds it stored
    expect(await Promise.all([h.hub.court.agreements.finishSigned(h.hub.database, m.caseId), h.hub.court.agreements.finishSigned(h.hub.database, m.caseId)])).toEqual([null, null]);
    expectStoredOnce(await signedAgreement(h, m.caseId));
    const applicant = (await h.hub.cases.events(h.hub.database, m.caseId)).filter((e) => e.event.type === 'agreement.signed' && JSON.stringify(e.event.payload).includes('"applicant"'));
    expect(applicant).toHaveLength(1);
    // the signed PDF's bytes are the ones its event names
    const pdf = await m.staff.mediator.raw('getDocument', { params: { caseId: m.caseId, documentId: now.documents[0]!.document_id } });
    expect(sha256(Buffer.from(await pdf.arrayBuffer()))).toBe(now.documents[0]!.sha256);
  });

  it('a desk waiting for it audits one view per page load, not one per poll, and the signed PDF opened once is one more', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const m = await lastSignatureMissing(h);
    await lastSignatureKept(h, m); // its completion not run: the desk says it is being prepared
    expect(await deskPage(h, m.caseId)).toContain('data-preparing');
    const waiting = await viewsAudited(h, m.caseId);
    expect(waiting.filter((v) => v === 'agreement.viewed:page:desk')).toHaveLength(1);
    // the desk's polls while it is drawn: a yes/no, no text, nothing audited
    for (let i = 0; i < 5; i++) {
      const state = await m.staff.mediator.call('getAgreementState', { params: { caseId: m.caseId } });
      expect(state).toEqual({ status: 200, body: { preparing: true } });
    }
    expect(await viewsAudited(h, m.caseId)).toEqual(waiting);
    // stored: the poll says so, the desk loads once more (one view) and links the signed PDF
    expect(await h.hub.court.agreements.finishSigned(h.hub.database, m.caseId)).not.toBeNull();
    expect(await m.staff.mediator.call('getAgreementState', { params: { caseId: m.caseId } })).toEqual({ status: 200, body: { preparing: false } });
    const ready = await deskPage(h, m.caseId);
    expect(ready).not.toContain('data-preparing');
    const signedId = (await signedAgreement(h, m.caseId)).documents[0]!.document_id;
    expect(ready).toContain(courtPath('getDocument', { caseId: m.caseId, documentId: signedId }));
    const pdf = await m.staff.mediator.raw('getDocument', { params: { caseId: m.caseId, documentId: signedId } });
    expect(pdf.status).toBe(200);
    expect(await viewsAudited(h, m.caseId)).toEqual([...waiting, 'agreement.viewed:page:desk', `document.opened:document:${signedId}`]);
    // and nobody signed out learns even that
    const other = await anonymousClient(h.url).call('getAgreementState', { params: { caseId: m.caseId } });
    expect(other.status).toBe(401);
  });

  it('its completion run three times at once stores it once', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const m = await lastSignatureMissing(h);
    const kept = await lastSignatureKept(h, m);
    expect(kept.appended.map((a) => a.event.type)).toEqual(['agreement.signed']);
    expect(kept.finish).not.toBeNull();
    expect(await signedAgreement(h, m.caseId)).toMatchObject({ state: 'settled', events: [], documents: [] });
    const runs = await Promise.all([kept.finish!(), kept.finish!(), h.hub.court.agreements.finishSigned(h.hub.database, m.caseId)]);
    expect(runs.filter((r) => r !== null)).toHaveLength(1);
    const now = await signedAgreement(h, m.caseId);
    expect(now.state).toBe('agreement_signed');
    expectStoredOnce(now);
  });

  it('is stored at the next start when the hub stopped after the last signature was kept, before the agreement was drawn', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const m = await lastSignatureMissing(h);
    const kept = await lastSignatureKept(h, m);
    expect(kept.case.state).toBe('settled');
    await h.close();
    // started again the next court day (a weekend, say): the agreement is still in force from the day it was signed
    const later = () => new Date(Date.now() + 36 * 3_600_000);
    const again = await startHub({ dataDir: h.dataDir, now: later });
    cleanup.push(() => again.close());
    const lastSignature = (await again.hub.cases.events(again.hub.database, m.caseId)).filter((e) => e.event.type === 'agreement.signed').at(-1)!;
    const signedOn = courtDateOf(new Date(lastSignature.event.at));
    const now = await completed(again, m.caseId);
    expectStoredOnce(now);
    expect(now.events[0]!.actor).toEqual({ kind: 'system' });
    expect(now.events[0]!.payload).toMatchObject({ effectiveDate: signedOn, confirmationApplyBy: confirmationApplyBy(signedOn) });
    expect(courtDateOf(later())).not.toBe(signedOn);
    // the case holds it as in effect (the desk links the signed agreement)
    const staff: CourtStaff = await courtStaff(again, h.hub.initialPasswords);
    const view = await staff.mediator.call('getCase', { params: { caseId: m.caseId } });
    expect(view.body.case.agreementEffectiveOn).toBe(signedOn);
    // and the signed PDF says so
    const pdf = await staff.mediator.raw('getDocument', { params: { caseId: m.caseId, documentId: now.documents[0]!.document_id } });
    const file = join(again.dataDir, 'signed-agreement.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    expect(pdfText(file).replace(/\s+/g, '')).toContain(chineseDate(signedOn));
  });
});
