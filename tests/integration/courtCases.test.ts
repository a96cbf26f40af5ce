import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_ID } from '../e2e/support/applications.js';
import { LANG_COOKIE } from '../../server/console/consoleWords.js';
import { courtTime } from '../../shared/courtTime.js';
import { hubPaths } from '../../shared/hubProtocol.js';
import { sampleIngest, sampleResident } from '../support/fixtures.js';
import { caseSteps, expectCasesSound, PDF, signInStaff, type StaffAccounts } from '../support/courtCaseSteps.js';
import { sha256 } from '../support/courtClient.js';
import { consoleRequest, consoleSignIn } from '../support/consoleCases.js';
import { ENROLLMENT_CODE, startHub, type RunningHub } from '../support/hubHarness.js';
import { nowOnOneCourtDay } from '../support/courtMidnight.js';

// A dispute's whole life through the court API (/api/v1) on a real hub: entered, diverted (民诉前调
// number), mediated, settled, the agreement signed by every party and completed, confirmation
// applied (民特 case, linked both ways) and confirmed with the ruling on both cases — every
// document's hash in the events. A failed mediation filed as a lawsuit (民初) carries the
// resident's data; a refused diversion is filed directly. Roles and concurrency:
// courtCaseRoles.test.ts.

let running: RunningHub;
let base: string;
const staff = {} as StaffAccounts;

beforeAll(async () => {
  running = await startHub();
  base = running.url;
  Object.assign(staff, await signInStaff(running));
});
afterAll(async () => {
  await running?.close();
});

const { enter, act, upload, divert } = caseSteps(staff);

describe('a dispute through the court API', () => {
  it('a kiosk intake: received → diverted → session → settled → agreement signed by every party → confirmation applied → confirmed', async () => {
    // a kiosk delivers an intake; its dispute case is opened in the same transaction
    const enrolled = await fetch(base + hubPaths.enroll, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ enrollmentCode: ENROLLMENT_CODE, terminalId: 'KSK-HALL-01', name: '诉讼服务中心一号机' }),
    });
    const { credential } = (await enrolled.json()) as { credential: string };
    const intake = sampleIngest({ provisionalNumber: 'KSK-HALL-01-261204-0001' });
    const delivered = await fetch(base + hubPaths.intakes, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': intake.submissionId },
      body: JSON.stringify(intake),
    });
    expect(delivered.status).toBe(201);
    const found = (await staff.clerk.call('listCases', { query: `q=${intake.provisionalNumber}` })).body.cases;
    expect(found).toHaveLength(1);
    let c = (await staff.clerk.call('getCase', { params: { caseId: found[0].caseId } })).body.case;
    expect(c).toMatchObject({ state: 'received', seq: 1, caseNumber: null, channel: 'kiosk', siteId: 'qlh-court-hall', terminalId: 'KSK-HALL-01', submissionId: intake.submissionId });

    c = await divert(c);
    expect(c.state).toBe('in_mediation');
    expect(c.caseNumber).toMatch(/^（\d{4}）甘0103民诉前调\d+号$/);
    expect(c.mediationDueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // a session arranged two days ahead cannot be recorded as held now: refused, naming its start in court time
    const ahead = new Date(Date.now() + 2 * 86_400_000).toISOString();
    c = (await act(staff.mediator, c, 'session.scheduled', { startsAt: ahead, mode: 'in_person', siteId: 'qlh-centre-xiyuan', place: '第一调解室' })).case;
    const early = await staff.mediator.call('actOnCase', {
      params: { caseId: c.caseId },
      body: { type: 'session.held', payload: { sessionId: c.sessions[0].sessionId, minutes: 45 }, expectedSeq: c.seq },
    });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'SESSION_NOT_YET', date: courtTime(ahead, 'minute'), case: { seq: c.seq } });
    c = (await act(staff.mediator, c, 'session.cancelled', { sessionId: c.sessions[0].sessionId })).case;
    // scheduled for now: sent again only if court midnight fell between "now" and the hub's check
    const now = await nowOnOneCourtDay((at) =>
      staff.mediator.call('actOnCase', {
        params: { caseId: c.caseId },
        body: { type: 'session.scheduled', payload: { startsAt: at.toISOString(), mode: 'in_person', siteId: 'qlh-centre-xiyuan', place: '第一调解室' }, expectedSeq: c.seq },
      }),
    );
    expect(now.status, JSON.stringify(now.body)).toBe(201);
    c = now.body.case;
    const sessionId = c.sessions[1].sessionId;
    c = (await act(staff.mediator, c, 'session.held', { sessionId, minutes: 45 })).case;
    c = (await act(staff.mediator, c, 'mediation.settled', { sessionId })).case;
    expect(c.state).toBe('settled');

    const draft = PDF('调解协议 draft');
    const draftId = await upload(staff.mediator, c.caseId, 'agreement_draft', draft);
    const drafted = await act(staff.mediator, c, 'agreement.drafted', { documentId: draftId });
    expect(drafted.appended[0].payload.document).toEqual({ documentId: draftId, sha256: sha256(draft), size: draft.length });
    c = drafted.case;
    for (const role of ['applicant', 'respondent', 'mediator']) {
      c = (await act(staff.mediator, c, 'agreement.signed', { documentId: draftId, signer: { role, index: 0 }, method: 'desk', signatureSha256: sha256(role) })).case;
    }
    const signed = PDF('调解协议 signed');
    const signedId = await upload(staff.mediator, c.caseId, 'agreement_signed', signed);
    const completed = await act(staff.mediator, c, 'agreement.completed', { documentId: signedId });
    expect(completed.appended[0].payload.document.sha256).toBe(sha256(signed));
    c = completed.case;
    expect(c.state).toBe('agreement_signed');
    // The console's case page names each document by its kind in words, never the raw code.
    const { cookie } = await consoleSignIn(base, 'mediator.people', running.hub.initialPasswords.get('mediator.people')!);
    const casePage = (await consoleRequest(base, cookie, `/console/cases/${c.caseId}`)).html;
    expect(casePage).toContain('data-kind="agreement_draft">调解协议书（草稿） v1</a>');
    expect(casePage).toContain('data-kind="agreement_signed">调解协议书（已签署） v1</a>');
    expect(casePage).toContain('45 分钟'); // units in the page's language
    expect(casePage).not.toContain('45 min');
    // each signature says who signed; the signed agreement comes first
    const signedLines = [...casePage.matchAll(/<li data-event="agreement.signed">[\s\S]*?<\/li>/g)].map((m) => m[0]);
    expect(signedLines.map((l) => ['被申请人签名', '申请人签名', '调解员签名'].find((w) => l.includes(w)))).toEqual(['申请人签名', '被申请人签名', '调解员签名']);
    expect(casePage.indexOf('data-kind="agreement_signed"')).toBeLessThan(casePage.indexOf('data-kind="agreement_draft"'));

    const applied = await act(staff.clerk, c, 'confirmation.applied');
    c = applied.case;
    expect(c.state).toBe('in_confirmation');
    const confirmationId = c.confirmationCaseId;
    expect(applied.appended.map((e: any) => [e.type, e.caseId])).toEqual([
      ['confirmation.opened', confirmationId],
      ['confirmation.applied', c.caseId],
    ]);
    const confirmation = (await staff.judge.call('getCase', { params: { caseId: confirmationId } })).body;
    expect(confirmation.case).toMatchObject({ kind: 'confirmation', disputeCaseId: c.caseId, state: 'confirmation_pending' });
    expect(confirmation.case.caseNumber).toMatch(/^（\d{4}）甘0103民特\d+号$/);
    expect(confirmation.linked.map((l: any) => l.caseId)).toEqual([c.caseId]);
    // the judge's case says what the dispute is and who mediated it, and shows the agreement they rule on
    expect(c.disputeType).not.toBe('other');
    expect(confirmation.case).toMatchObject({ disputeType: c.disputeType, organisationId: null }); // the 民特 case is the court's, not the organisation's
    const judgeConsole = await consoleSignIn(base, 'judge', running.hub.initialPasswords.get('judge')!);
    const judgePage = (await consoleRequest(base, judgeConsole.cookie, `/console/cases/${confirmationId}`)).html;
    expect(judgePage).toContain(`href="/api/v1/cases/${c.caseId}/documents/${signedId}" data-kind="agreement_signed">调解协议书（已签署） v1</a>`);
    expect(judgePage).not.toContain('暂无文书');
    expect(judgePage).toMatch(/<dt>调解组织.*?<\/dt><dd>七里河区人民调解委员会<\/dd>/);
    expect(judgePage).not.toMatch(/<dt>纠纷类型.*?<\/dt><dd>其他/);

    const ruling = PDF('民事裁定书');
    const rulingId = await upload(staff.judge, confirmationId, 'ruling', ruling);
    const confirmed = await act(staff.judge, confirmation.case, 'confirmation.confirmed', { documentId: rulingId });
    expect(confirmed.case.state).toBe('confirmation_granted');
    expect(confirmed.appended.map((e: any) => e.caseId).sort()).toEqual([c.caseId, confirmationId].sort());
    for (const e of confirmed.appended) expect(e.payload.document.sha256).toBe(sha256(ruling));
    // downloaded under the case's number, as a PDF, the UTF-8 name in filename*
    const download = await staff.judge.raw('getDocument', { params: { caseId: confirmationId, documentId: rulingId } });
    const disposition = download.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+\.pdf"; filename\*=UTF-8''/);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1]!)).toBe(`${confirmation.case.caseNumber} 裁定书v1.pdf`);
    const dispute = (await staff.judge.call('getCase', { params: { caseId: c.caseId } })).body;
    expect(dispute.case.state).toBe('confirmed');
    // the log holds every document's hash
    const hashes = JSON.stringify(dispute.events.map((e: any) => e.payload));
    for (const bytes of [draft, signed, ruling]) expect(hashes).toContain(sha256(bytes));

    for (const caseId of [c.caseId, confirmationId]) {
      const integrity = (await staff.judge.call('caseIntegrity', { params: { caseId } })).body;
      expect(integrity).toMatchObject({ chainValid: true, foldMatches: true });
    }
  });

  it('a failed mediation is filed as a lawsuit carrying the resident’s data', async () => {
    let c = await divert(await enter(staff.clerk, { name: '马福海', mobile: '13609310001' }));
    const evidence = PDF('证据');
    await upload(staff.mediator, c.caseId, 'evidence', evidence);
    // without its cause the failure is refused, saying which field is missing (not an unknown reference, not the schema's English)
    const bare = await staff.mediator.call('actOnCase', { params: { caseId: c.caseId }, body: { type: 'mediation.failed', payload: {}, expectedSeq: c.seq } });
    expect(bare.status).toBe(400);
    expect(bare.body.error).toMatchObject({ code: 'INVALID_PAYLOAD', issues: [{ path: 'payload.cause', message: 'errors.field.required' }] });
    const odd = await staff.mediator.call('actOnCase', { params: { caseId: c.caseId }, body: { type: 'mediation.failed', payload: { cause: 'bored', why: 'x' }, expectedSeq: c.seq } });
    expect(odd.body.error.issues).toEqual([
      { path: 'payload.cause', message: 'errors.field.invalid' },
      { path: 'payload.why', message: 'errors.field.unexpected' },
    ]);
    c = (await act(staff.mediator, c, 'mediation.failed', { cause: 'no_agreement' })).case;
    expect(c.state).toBe('failed');
    const filed = await act(staff.clerk, c, 'case.filed_as_lawsuit');
    expect(filed.case.state).toBe('filed');
    const lawsuitId = filed.case.lawsuitCaseId;
    const lawsuit = (await staff.clerk.call('getCase', { params: { caseId: lawsuitId }, query: 'reveal=parties' })).body;
    expect(lawsuit.case.caseNumber).toMatch(/^（\d{4}）甘0103民初\d+号$/);
    expect(lawsuit.case.disputeType).toBe(c.disputeType);
    expect(lawsuit.events[0].payload).toMatchObject({ route: 'after_mediation', disputeCaseId: c.caseId });
    expect(lawsuit.events[0].payload.carried.map((d: any) => d.sha256)).toContain(sha256(evidence));
    const applicant = lawsuit.parties.find((p: any) => p.role === 'applicant');
    expect(applicant).toMatchObject({ name: '马福海', phone: '13609310001', idNumber: PERSON_ID, revealed: true });
    expect(lawsuit.application.facts).toBe(sampleResident.facts);
  });

  it('the other paths: extend once by agreement, cancel a session, note and correct, reopen in error, withdraw; a judge extends the ruling once and refuses', async () => {
    let c = await divert(await enter());
    const agreedBy = { applicant: true, respondent: true };
    c = (await act(staff.mediator, c, 'mediation.extended', { days: 15, agreedBy })).case;
    expect(c.mediationExtensions).toBe(1);
    const again = await staff.mediator.call('actOnCase', { params: { caseId: c.caseId }, body: { type: 'mediation.extended', payload: { days: 5, agreedBy }, expectedSeq: c.seq } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'EXTENSION_USED', case: { seq: c.seq } });
    c = (await act(staff.mediator, c, 'session.scheduled', { startsAt: new Date(Date.now() + 86_400_000).toISOString(), mode: 'video' })).case;
    c = (await act(staff.mediator, c, 'session.cancelled', { sessionId: c.sessions[0].sessionId })).case;
    expect(c.sessions[0].status).toBe('cancelled');
    const noted = await act(staff.clerk, c, 'note.added', { text: '当事人要求周末调解' });
    c = (await act(staff.clerk, noted.case, 'event.corrected', { correctsEventId: noted.appended[0].eventId, field: 'text', value: '当事人要求工作日晚上调解' })).case;
    const failed = await act(staff.mediator, c, 'mediation.failed', { cause: 'party_absent' });
    c = (await act(staff.clerk, failed.case, 'case.reopened', { cause: 'recorded_in_error', voidsEventId: failed.appended[0].eventId }, '误记')).case;
    expect(c.state).toBe('in_mediation');
    c = (await act(staff.mediator, c, 'mediation.withdrawn')).case;
    expect(c.state).toBe('withdrawn');
    const events = (await staff.clerk.call('caseEvents', { params: { caseId: c.caseId } })).body.events;
    expect(events.find((e: any) => e.type === 'case.reopened')).toMatchObject({ voidsEventId: failed.appended[0].eventId, reason: '误记' });

    // a judge extends the ruling period once (+10), on both cases, then refuses; the dispute may be filed after
    let d = await divert(await enter());
    d = (await act(staff.mediator, d, 'mediation.settled')).case;
    const draftId = await upload(staff.mediator, d.caseId, 'agreement_draft', PDF('draft 2'));
    d = (await act(staff.mediator, d, 'agreement.drafted', { documentId: draftId })).case;
    for (const role of ['applicant', 'respondent', 'mediator'])
      d = (await act(staff.mediator, d, 'agreement.signed', { documentId: draftId, signer: { role, index: 0 }, method: 'kiosk', signatureSha256: sha256(`${role}2`) })).case;
    d = (await act(staff.mediator, d, 'agreement.completed', { documentId: await upload(staff.mediator, d.caseId, 'agreement_signed', PDF('signed 2')) })).case;
    d = (await act(staff.assistant, d, 'confirmation.applied')).case;
    const before = d.rulingDueDate;
    const extended = await act(staff.judge, d, 'confirmation.extended', { days: 10 });
    expect(extended.appended.map((e: any) => e.caseId).sort()).toEqual([d.caseId, d.confirmationCaseId].sort());
    d = extended.case;
    expect(d.rulingDueDate > before).toBe(true);
    expect((await staff.judge.call('actOnCase', { params: { caseId: d.caseId }, body: { type: 'confirmation.extended', payload: {}, expectedSeq: d.seq } })).body.error.code).toBe('EXTENSION_USED');
    const ruling = PDF('不予确认裁定');
    d = (await act(staff.judge, d, 'confirmation.refused', { documentId: await upload(staff.judge, d.caseId, 'ruling', ruling) })).case;
    expect(d.state).toBe('confirmation_refused');
    const filed = await act(staff.clerk, d, 'case.filed_as_lawsuit');
    expect(filed.appended.find((e: any) => e.type === 'lawsuit.opened').payload.route).toBe('after_refusal');
  });

  it('a session is never scheduled on a day gone by; one never held shows as not held once mediation ends', async () => {
    let c = await divert(await enter());
    const yesterday = new Date(Date.now() - 86_400_000 - 60_000).toISOString(); // always the court's previous day
    const past = await staff.mediator.call('actOnCase', {
      params: { caseId: c.caseId },
      body: { type: 'session.scheduled', payload: { startsAt: yesterday, mode: 'in_person', place: '第一调解室' }, expectedSeq: c.seq },
    });
    expect([past.status, past.body.error.issues]).toEqual([400, [{ path: 'payload.startsAt', message: 'errors.session.past' }]]);
    // the console says so in the mediator's words, with what they typed kept
    const { cookie } = await consoleSignIn(base, 'mediator.people', running.hub.initialPasswords.get('mediator.people')!);
    const refused = await consoleRequest(base, cookie, `/console/cases/${c.caseId}/act`, {
      type: 'session.scheduled',
      expectedSeq: String(c.seq),
      startsAt: yesterday.slice(0, 16),
      mode: 'in_person',
      place: '第一调解室',
    });
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('调解时间不能早于今天');
    expect(refused.html).toContain('value="第一调解室"');

    const later = new Date(Date.now() + 86_400_000).toISOString();
    c = (await act(staff.mediator, c, 'session.scheduled', { startsAt: later, mode: 'in_person', place: '第一调解室' })).case;
    expect(c.sessions).toHaveLength(1);
    const scheduledPage = (await consoleRequest(base, cookie, `/console/cases/${c.caseId}`)).html;
    expect(scheduledPage).toContain('已安排');
    c = (await act(staff.mediator, c, 'mediation.settled', {})).case;
    expect(c.sessions[0].status).toBe('scheduled'); // the log is not rewritten; the page reads it
    const settledPage = (await consoleRequest(base, cookie, `/console/cases/${c.caseId}`)).html;
    expect(settledPage).toContain('未进行');
    expect(settledPage).not.toContain('已安排');
  });

  it('a failed mediation is closed only for a cause that fits (the console offers only those)', async () => {
    let c = await divert(await enter());
    c = (await act(staff.mediator, c, 'mediation.failed', { cause: 'no_agreement' })).case;
    const performed = await staff.clerk.call('actOnCase', { params: { caseId: c.caseId }, body: { type: 'case.closed', payload: { cause: 'performed' }, reason: '不再调解', expectedSeq: c.seq } });
    expect([performed.status, performed.body.error.issues]).toEqual([400, [{ path: 'payload.cause', message: 'errors.close.cause' }]]);
    const { cookie } = await consoleSignIn(base, 'clerk', running.hub.initialPasswords.get('clerk')!);
    const form = (await consoleRequest(base, cookie, `/console/cases/${c.caseId}`)).html.match(/<details class="action" data-action="case.closed"[\s\S]*?<\/details>/)![0];
    expect([...form.matchAll(/<option value="([a-z_]+)"/g)].map((m) => m[1])).toEqual(['not_pursued', 'other']);
    c = (await act(staff.clerk, c, 'case.closed', { cause: 'not_pursued' }, '当事人不再主张')).case;
    expect(c.state).toBe('closed');
  });

  // The walk (s17 item 12): the mediator list followed the organisation only after a second press, so
  // a clerk could choose another organisation's mediator, and an organisation with none showed an
  // empty list. One choice now: each organisation, then its own mediators, under its name.
  it('the divert form: one choice of organisation and its own mediators; an organisation without mediators says so; a refusal keeps the choice', async () => {
    const c = await enter();
    const { cookie } = await consoleSignIn(base, 'clerk', running.hub.initialPasswords.get('clerk')!);
    const divertForm = (html: string) => html.match(/<details class="action" data-action="case.diverted"[\s\S]*?<\/details>/)![0];
    const first = divertForm((await consoleRequest(base, cookie, `/console/cases/${c.caseId}`)).html);
    expect(first).not.toContain('name="organisationId"');
    expect(first).not.toContain('name="mediator"');
    expect(first).not.toContain('name="show"'); // no second press
    const groups = [...first.matchAll(/<optgroup label="([^"]+)">([\s\S]*?)<\/optgroup>/g)].map((m) => ({
      org: m[1]!,
      options: [...m[2]!.matchAll(/<option value="([^"]*)">([^<]*)<\/option>/g)].map((o) => [o[1], o[2]]),
    }));
    expect(groups.find((g) => g.org === '七里河区人民调解委员会')?.options).toEqual([
      ['qlh-people-mediation/', '七里河区人民调解委员会 · 由该组织指派调解员'],
      ['qlh-people-mediation/mediator.people', '人民调解员 · 七里河区人民调解委员会'],
    ]);
    // every mediator is offered under their own organisation only
    for (const g of groups) for (const [value] of g.options.slice(1)) expect(value!.startsWith(`${g.options[0]![0]}`)).toBe(true);
    expect(groups.filter((g) => g.options.some(([v]) => v!.endsWith('/mediator.people'))).map((g) => g.org)).toEqual(['七里河区人民调解委员会']);
    // an organisation with no mediator accounts says so
    expect(groups.find((g) => g.org === '七里河区交通事故纠纷人民调解委员会')?.options).toEqual([
      ['qlh-traffic-mediation/', '七里河区交通事故纠纷人民调解委员会 · 该组织暂无调解员账号，由该组织指派'],
    ]);
    const english = divertForm((await consoleRequest(base, `${cookie}; ${LANG_COOKIE}=en`, `/console/cases/${c.caseId}`)).html);
    expect(english).toContain('>七里河区交通事故纠纷人民调解委员会 · no mediator accounts yet; the organisation assigns one</option>');
    expect(english).toContain('<label for="case-diverted-assignee">Organisation and mediator</label>');

    // a pair made by hand (not offered) is still refused by the API, and the form comes back with the choices kept
    const refused = await consoleRequest(base, cookie, `/console/cases/${c.caseId}/act`, {
      type: 'case.diverted',
      expectedSeq: String(c.seq),
      assignee: 'qlh-traffic-mediation/mediator.people',
      consent: 'in_person',
    });
    expect(refused.status).toBe(400);
    // named by the field the form has ("organisation and mediator"), not the mediator field it no longer has
    expect(refused.html).toContain('调解组织与调解员：该调解员不属于所选调解组织');
    expect(divertForm(refused.html)).toContain('<option value="in_person" selected>');
    expect((await staff.clerk.call('getCase', { params: { caseId: c.caseId } })).body.case.seq).toBe(c.seq);

    // the organisation itself: it assigns the mediator later
    const toOrg = await enter();
    const byOrg = await consoleRequest(base, cookie, `/console/cases/${toOrg.caseId}/act`, {
      type: 'case.diverted',
      expectedSeq: String(toOrg.seq),
      assignee: 'qlh-traffic-mediation/',
      consent: 'in_person',
    });
    expect(byOrg.status).toBe(303);
    expect((await staff.clerk.call('getCase', { params: { caseId: toOrg.caseId } })).body.case).toMatchObject({ state: 'in_mediation', organisationId: 'qlh-traffic-mediation', mediator: null });
    // and a mediator of the organisation, chosen in one step
    const diverted = await consoleRequest(base, cookie, `/console/cases/${c.caseId}/act`, {
      type: 'case.diverted',
      expectedSeq: String(c.seq),
      assignee: 'qlh-people-mediation/mediator.people',
      consent: 'in_person',
      reason: '当事人同意诉前调解',
    });
    expect(diverted.status).toBe(303);
    expect((await staff.clerk.call('getCase', { params: { caseId: c.caseId } })).body.case).toMatchObject({
      state: 'in_mediation',
      organisationId: 'qlh-people-mediation',
      mediator: 'mediator.people',
    });
  });

  it('the divert form groups organisations by id (two of one name stay two) and says when an organisation’s mediators are all deactivated', async () => {
    const name = '同名人民调解委员会';
    for (const organisationId of ['same-name-a', 'same-name-b']) expect((await staff.admin.call('createOrganisation', { body: { organisationId, name, kind: 'people' } })).status).toBe(201);
    expect((await staff.admin.call('createStaff', { body: { username: 'mediator.stopped', role: 'mediator', organisationId: 'same-name-a' } })).status).toBe(201);
    expect((await staff.admin.call('updateStaff', { params: { username: 'mediator.stopped' }, body: { active: false } })).status).toBe(200);
    const c = await enter();
    const { cookie } = await consoleSignIn(base, 'clerk', running.hub.initialPasswords.get('clerk')!);
    const groupsOf = (html: string) =>
      [...html.match(/<details class="action" data-action="case.diverted"[\s\S]*?<\/details>/)![0].matchAll(/<optgroup label="([^"]+)">([\s\S]*?)<\/optgroup>/g)]
        .filter((m) => m[1] === name)
        .map((m) => [...m[2]!.matchAll(/<option value="([^"]*)">([^<]*)<\/option>/g)].map((o) => [o[1], o[2]]));
    expect(groupsOf((await consoleRequest(base, cookie, `/console/cases/${c.caseId}`)).html)).toEqual([
      [['same-name-a/', `${name} · 该组织的调解员账号均已停用：由该组织指派，或请管理员重新启用账号`]],
      [['same-name-b/', `${name} · 该组织暂无调解员账号，由该组织指派`]],
    ]);
    expect(groupsOf((await consoleRequest(base, `${cookie}; ${LANG_COOKIE}=en`, `/console/cases/${c.caseId}`)).html)).toEqual([
      [['same-name-a/', `${name} · its mediator accounts are all deactivated: the organisation assigns one, or ask an admin to reactivate an account`]],
      [['same-name-b/', `${name} · no mediator accounts yet; the organisation assigns one`]],
    ]);
    // diverted there, the assign form offers no deactivated account either
    const diverted = (await act(staff.clerk, c, 'case.diverted', { organisationId: 'same-name-a', consent: { method: 'application' } })).case;
    const assign = (await consoleRequest(base, cookie, `/console/cases/${diverted.caseId}`)).html.match(/<details class="action" data-action="mediator.assigned"[\s\S]*?<\/details>/)![0];
    expect(assign).not.toContain('mediator.stopped');
  });

  it('a resident who refuses diversion is filed directly', async () => {
    const c = await enter();
    const filed = await act(staff.clerk, c, 'case.filed_directly', { reason: 'refused_mediation' });
    expect(filed.case.state).toBe('filed');
    expect(filed.case.caseNumber).toBeNull(); // never diverted: no 民诉前调 number
    const lawsuit = (await staff.clerk.call('getCase', { params: { caseId: filed.case.lawsuitCaseId } })).body;
    expect(lawsuit.case).toMatchObject({ kind: 'lawsuit', disputeCaseId: c.caseId });
    expect(lawsuit.events[0].payload.route).toBe('direct');
    // masked unless opened
    expect(lawsuit.parties[0].revealed).toBe(false);
    expect(lawsuit.parties[0].idNumber).not.toContain(PERSON_ID.slice(6, 14));
    expect(JSON.stringify(lawsuit)).not.toContain(sampleResident.mobile);
  });

  it('every stored fold equals a rebuild from its log, every chain verifies, and the database holds no ID number or phone in clear', async () => {
    await expectCasesSound(running, staff.clerk, ['13609310001']);
  });
});
