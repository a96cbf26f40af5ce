import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../main/agent/agent.js';
import { silentLog } from '../../main/agent/log.js';
import { CaseStatusClient } from '../../main/agent/caseStatus/caseStatusClient.js';
import { INTAKE_STATUS_PATH, IntakeStatusResponse } from '../../shared/caseStatus.js';
import { nextStepOnFiling } from '../../shared/cases/residentStage.js';
import type { ReceiptView } from '../../shared/receipt.js';
import type { Receipt } from '../../shared/intake.js';
import { LINK_GUESSES_PER_ADDRESS } from '../../shared/wrongGuesses.js';
import { APPLICANT_MOBILE, fullSubmission } from '../support/applicationFixtures.js';
import { tempDir } from '../support/fixtures.js';
import { signIn } from '../support/courtClient.js';
import { ENROLLMENT_CODE, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';

// "Check my case" through a real hub: the phone number must match, a wrong one is answered like
// an unknown number, the mediator's recorded outcome shows, lookups are rate-limited, and with
// the hub gone the kiosk answers from what it knows — marked as such, with nothing personal.

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function hub(options: Parameters<typeof startHub>[0] = {}): Promise<RunningHub> {
  const h = await startHub(options);
  cleanup.push(() => h.close());
  return h;
}
async function kiosk(hubUrl: string): Promise<Agent> {
  const key = randomBytes(32);
  const agent = await createAgent({
    dataDir: tempDir(),
    hubUrl,
    enrollmentCode: ENROLLMENT_CODE,
    terminalId: `KSK-${randomBytes(3).toString('hex').toUpperCase()}`,
    host: { kind: 'browser', loadDataKey: async () => key, relaunch: () => undefined },
    log: silentLog,
    healthIntervalMs: 100,
  });
  cleanup.push(() => agent.close());
  return agent;
}
async function call<T = unknown>(agent: Agent, name: string, input: unknown): Promise<T> {
  const r = await agent.dispatch(name, input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}
/** Files at the kiosk and waits for the court's acknowledgement (which carries no case number: the court numbers the case later). */
async function fileAndDeliver(agent: Agent, submission = fullSubmission()): Promise<Receipt> {
  const receipt = await call<Receipt>(agent, 'intake.submit', submission);
  const row = () => agent.db.prepare('SELECT status, case_number FROM submissions WHERE submission_id = ?').get(receipt.submissionId) as { status: string; case_number: string | null };
  await waitFor(() => row().status === 'delivered' || undefined, 'delivery');
  expect(row().case_number).toBeNull();
  return receipt;
}
const status = (agent: Agent, provisionalNumber: string, mobile = APPLICANT_MOBILE) => call(agent, 'case.status', { provisionalNumber, mobile });
/** The public status page behind the receipt's QR code, asked with the applicant's phone. */
const statusPage = async (h: RunningHub, provisionalNumber: string) =>
  (
    await fetch(`${h.url}/status/${encodeURIComponent(provisionalNumber)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ mobile: APPLICANT_MOBILE }).toString(),
    })
  ).text();
const rawStatus = (h: RunningHub, credential: string, body: unknown) =>
  fetch(h.url + INTAKE_STATUS_PATH, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` }, body: JSON.stringify(body) });

describe('check my case', () => {
  it('answers from the court only when number and phone match; a wrong phone looks exactly like an unknown number', async () => {
    const h = await hub();
    const agent = await kiosk(h.url);
    const filed = await fileAndDeliver(agent);
    const court = { kind: 'court', provisionalNumber: filed.provisionalNumber, caseNumber: null, disputeType: 'private_loan', stage: 'received' };
    expect(await status(agent, filed.provisionalNumber)).toMatchObject(court);
    // As a resident may type it: lower case, no dashes.
    expect(await status(agent, filed.provisionalNumber.toLowerCase().replaceAll('-', ''))).toMatchObject(court);

    const wrongPhone = await status(agent, filed.provisionalNumber, '13900000000');
    const unknown = await status(agent, `${filed.provisionalNumber.slice(0, -4)}9999`);
    expect(wrongPhone).toEqual({ kind: 'not_found', checkedWithCourt: true });
    expect(unknown).toEqual(wrongPhone);

    const credential = agent.config.credential()!;
    const a = await rawStatus(h, credential, { provisionalNumber: filed.provisionalNumber, mobile: '13900000000' });
    const b = await rawStatus(h, credential, { provisionalNumber: 'KSK-NOPE-261127-0001', mobile: APPLICANT_MOBILE });
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(await a.text()).toBe(await b.text());
    expect((await rawStatus(h, 'x'.repeat(43), { provisionalNumber: filed.provisionalNumber, mobile: APPLICANT_MOBILE })).status).toBe(401);
    expect((await rawStatus(h, credential, { provisionalNumber: filed.provisionalNumber })).status).toBe(400);
  });

  it('reads the answer of a newer hub that adds a field this kiosk does not know (version skew)', async () => {
    const h = await hub();
    const agent = await kiosk(h.url);
    const filed = await fileAndDeliver(agent);
    // The real hub's answer with one field more, as a hub updated before this kiosk would send it.
    let carried: unknown = null;
    const newerHub: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const body = { ...((await res.json()) as object), courtRoom: '第三调解室' };
      carried = body;
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const client = new CaseStatusClient({ hubUrl: h.url, fetch: newerHub });
    const answer = await client.ask(agent.config.credential()!, { provisionalNumber: filed.provisionalNumber, mobile: APPLICANT_MOBILE });
    expect(IntakeStatusResponse.safeParse(carried).success).toBe(false); // the schema itself is strict
    expect(answer).toMatchObject({ kind: 'answer', response: { found: true, provisionalNumber: filed.provisionalNumber, stage: 'received' } });
    expect(JSON.stringify(answer)).not.toContain('courtRoom');
  });

  it('shows the outcome the mediator recorded last', async () => {
    const h = await hub();
    const agent = await kiosk(h.url);
    const filed = await fileAndDeliver(agent);
    const terminalId = agent.config.read().terminalId;
    const call = { terminal_id: terminalId, submission_id: filed.submissionId, language: 'zh-CN', mediator: 'admin' };
    await h.hub.database.db
      .insertInto('call_records')
      .values({
        ...call,
        call_id: 'c1',
        queued_at: '2026-11-27T02:00:00.000Z',
        answered_at: '2026-11-27T02:01:00.000Z',
        ended_at: '2026-11-27T02:20:00.000Z',
        outcome: 'scheduled',
        outcome_at: '2026-11-27T02:21:00.000Z',
      })
      .execute();
    expect(await status(agent, filed.provisionalNumber)).toMatchObject({ kind: 'court', stage: 'scheduled', stageAt: '2026-11-27T02:21:00.000Z' });
    await h.hub.database.db
      .insertInto('call_records')
      .values({ ...call, call_id: 'c2', queued_at: '2026-11-28T02:00:00.000Z', answered_at: '2026-11-28T02:00:30.000Z' })
      .execute();
    expect(await status(agent, filed.provisionalNumber)).toMatchObject({ kind: 'court', stage: 'with_mediator', stageAt: '2026-11-28T02:00:30.000Z' });
  });

  it('rate-limits lookups per provisional number and per terminal', async () => {
    const h = await hub({ caseStatusLimits: { perNumber: { max: 3, windowMs: 3_600_000 }, perTerminal: { max: 6, windowMs: 60_000 } } });
    const agent = await kiosk(h.url);
    const filed = await fileAndDeliver(agent);
    for (const mobile of ['13900000001', '13900000002', '13900000003']) expect(await status(agent, filed.provisionalNumber, mobile)).toMatchObject({ kind: 'not_found' });
    // The fourth guess is refused — even with the right phone number.
    const limited = await status(agent, filed.provisionalNumber);
    expect(limited).toMatchObject({ kind: 'rate_limited' });
    expect((limited as { retryAfterS: number }).retryAfterS).toBeGreaterThan(3000);

    const credential = agent.config.credential()!;
    const other = (n: number) => rawStatus(h, credential, { provisionalNumber: `KSK-OTHER-261127-000${n}`, mobile: APPLICANT_MOBILE });
    expect((await other(1)).status).toBe(200);
    expect((await other(2)).status).toBe(200);
    const refused = await other(3); // 7th lookup from this terminal within the minute
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
  });

  it('offline: a delivered application shows only that it reached the court; one still queued needs its phone number', async () => {
    const h = await hub();
    const agent = await kiosk(h.url);
    const delivered = await fileAndDeliver(agent);
    await h.close();
    const queued = await call<Receipt>(agent, 'intake.submit', fullSubmission());
    expect(queued.status).toBe('queued');

    const offline = { kind: 'kiosk', offline: true, provisionalNumber: delivered.provisionalNumber, stage: 'delivered', caseNumber: null, submittedAt: null };
    expect(await status(agent, delivered.provisionalNumber)).toEqual(offline);
    // The kiosk purged the application, so it cannot check the phone: the same, impersonal answer.
    expect(await status(agent, delivered.provisionalNumber, '13900000000')).toEqual(offline);

    expect(await status(agent, queued.provisionalNumber)).toEqual({
      kind: 'kiosk',
      offline: false,
      provisionalNumber: queued.provisionalNumber,
      stage: 'queued',
      caseNumber: null,
      submittedAt: queued.submittedAt,
    });
    expect(await status(agent, queued.provisionalNumber, '13900000000')).toEqual({ kind: 'not_found', checkedWithCourt: false });
    expect(await status(agent, 'KSK-NOPE-261127-0001')).toEqual({ kind: 'not_found', checkedWithCourt: false });
  });

  it('serves the public status page from the QR code: a phone number first, then only the stage (the case number once the court gives one)', async () => {
    const h = await hub();
    const agent = await kiosk(h.url);
    const filed = await fileAndDeliver(agent);
    const page = `${h.url}/status/${encodeURIComponent(filed.provisionalNumber)}`;
    const form = await fetch(page);
    expect(form.status).toBe(200);
    const csp = form.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script');
    expect(form.headers.get('referrer-policy')).toBe('no-referrer');
    const formHtml = await form.text();
    expect(formHtml).toContain('name="mobile"');
    expect(formHtml).not.toContain('法院已收到');
    expect(formHtml).not.toContain('<script');

    const post = (mobile: string) => fetch(page, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ mobile }).toString() });
    const wrong = await (await post('13900000000')).text();
    expect(wrong).toContain('没有找到编号和手机号都相符的申请');
    expect(wrong).not.toContain('法院已收到');
    const right = await post('138 1234 5678');
    expect(right.status).toBe(200);
    const rightHtml = await right.text();
    expect(rightHtml).toContain('法院登记后给出'); // no case number before the court numbers the case
    expect(rightHtml).toContain('法院已收到');
    expect(rightHtml).not.toContain(APPLICANT_MOBILE);
    expect(rightHtml).not.toContain('王建国');
    // The wrong phone number is a wrong guess from this address, in a bound of its own (not the join and record links'); the right one is not.
    const guessed = () => h.hub.database.db.selectFrom('wrong_guesses').select(['bucket', 'guess_key', 'wrong']).execute();
    expect(await guessed()).toEqual([{ bucket: 'status.address', guess_key: '127.0.0.1', wrong: 1 }]);
    // An address at the bound: told in minutes when to try again, even with the right number.
    await h.hub.database.db.updateTable('wrong_guesses').set({ wrong: LINK_GUESSES_PER_ADDRESS.max }).execute();
    const locked = await post('138 1234 5678');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(3000);
    const lockedHtml = await locked.text();
    expect(lockedHtml).toMatch(/请 (59|60) 分钟后再试/);
    expect(lockedHtml).not.toContain('法院已收到');

    const hostile = await fetch(`${h.url}/status/${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(hostile.status).toBe(404);
    const hostileHtml = await hostile.text();
    expect(hostileHtml).not.toContain('<img src=x');
    expect(hostileHtml).toContain('&lt;img src=x');
    expect((await fetch(`${h.url}/status.css`)).headers.get('content-type')).toMatch(/text\/css/);
  });

  it('tells the resident the stage of the case their intake became: the next step, and the session’s time and place', async () => {
    const h = await hub();
    const agent = await kiosk(h.url);
    const filed = await fileAndDeliver(agent);
    // the intake became its dispute case in the transaction that recorded it
    const received = { case: (await h.hub.court.cases.bySubmission(h.hub.database, filed.submissionId))! };
    expect(received.case).toMatchObject({ kind: 'dispute', state: 'received', channel: 'kiosk', siteId: 'qlh-court-hall', provisionalNumber: filed.provisionalNumber, caseNumber: null });
    expect(await status(agent, filed.provisionalNumber)).toMatchObject({ kind: 'court', resident: { stage: 'received', next: { step: nextStepOnFiling } } });
    // The receipt told the resident what check-my-case now says: the court decides first, and will
    // contact them, with no call within a number of days promised (the walk of s17, item 7).
    for (const language of ['zh-CN', 'en'] as const) {
      const receipt = await call<ReceiptView>(agent, 'receipt.view', { submissionId: filed.submissionId, language });
      const next = receipt.document.sections.find((s) => s.key === 'next')!.lines;
      expect(next[0]).toMatch(
        language === 'en' ? /^The court will decide how the dispute goes on \(mediation or a lawsuit\) and will contact you/ : /^法院收到后会决定下一步怎么办（调解或立案），并会联系您/,
      );
      expect(next.join('\n')).not.toMatch(/工作日|working day|调解员会在|A mediator will call/);
    }

    const clerk = await signIn(h.url, 'clerk', h.hub.initialPasswords.get('clerk')!);
    const mediator = await signIn(h.url, 'mediator.people', h.hub.initialPasswords.get('mediator.people')!);
    const diverted = await clerk.call('actOnCase', {
      params: { caseId: received.case.caseId },
      body: { type: 'case.diverted', payload: { organisationId: 'qlh-people-mediation', consent: { method: 'application' } }, expectedSeq: 1 },
    });
    expect(diverted.status).toBe(201);
    const place = '<script>alert(1)</script>西园街道调解室';
    const startsAt = '2030-03-05T02:30:00.000Z';
    const scheduled = await mediator.call('actOnCase', {
      params: { caseId: received.case.caseId },
      body: { type: 'session.scheduled', payload: { startsAt, mode: 'in_person', place }, expectedSeq: 2 },
    });
    expect(scheduled.status).toBe(201);

    const answer = await status(agent, filed.provisionalNumber);
    expect(answer).toMatchObject({
      kind: 'court',
      caseNumber: diverted.body.case.caseNumber, // the 民诉前调 number once diverted
      resident: { stage: 'session_scheduled', session: { startsAt, mode: 'in_person', place }, next: { step: 'attend_session', dueDate: diverted.body.case.mediationDueDate } },
    });
    expect(JSON.stringify(answer)).not.toContain('mediator.people');

    const html = await statusPage(h, filed.provisionalNumber);
    expect(html).toContain('已安排调解');
    expect(html).toContain('请按时参加调解');
    expect(html).toContain('2030-03-05 10:30');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;西园街道调解室');
    expect(html).not.toContain('<script>');
    expect(html).toContain(diverted.body.case.caseNumber);
  });
  it('a dispute filed as a lawsuit goes by the lawsuit’s number (民初), the pre-litigation number beside it', async () => {
    const h = await hub();
    const agent = await kiosk(h.url);
    const filed = await fileAndDeliver(agent);
    const caseId = (await h.hub.court.cases.bySubmission(h.hub.database, filed.submissionId))!.caseId;
    const clerk = await signIn(h.url, 'clerk', h.hub.initialPasswords.get('clerk')!);
    const mediator = await signIn(h.url, 'mediator.people', h.hub.initialPasswords.get('mediator.people')!);
    const act = async (by: typeof clerk, type: string, payload: unknown, expectedSeq: number) => {
      const res = await by.call('actOnCase', { params: { caseId }, body: { type, payload, expectedSeq } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const diverted = await act(clerk, 'case.diverted', { organisationId: 'qlh-people-mediation', consent: { method: 'application' } }, 1);
    await act(mediator, 'mediation.failed', { cause: 'no_agreement' }, 2);
    const lawsuit = await act(clerk, 'case.filed_as_lawsuit', {}, 3);
    const lawsuitNumber = lawsuit.appended.find((e: { type: string }) => e.type === 'case.filed_as_lawsuit').payload.lawsuitCaseNumber as string;
    expect(lawsuitNumber).toMatch(/民初\d+号$/);

    expect(await status(agent, filed.provisionalNumber)).toMatchObject({ kind: 'court', caseNumber: lawsuitNumber, mediationCaseNumber: diverted.case.caseNumber });
    const html = await statusPage(h, filed.provisionalNumber);
    expect(html).toContain(lawsuitNumber);
    expect(html).toContain('诉前调解案号');
    expect(html).toContain(diverted.case.caseNumber);
  });
});
