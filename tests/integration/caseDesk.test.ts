import { afterEach, describe, expect, it } from 'vitest';
import { courtPath } from '../../shared/courtApi/routes.js';
import { act, courtStaff, deliverIntake, scheduledNow } from '../support/courtSteps.js';
import { sampleIngest, sampleResident } from '../support/fixtures.js';
import { healthyHeartbeat, sendHeartbeat } from '../support/heartbeats.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';
import { enrollTerminal, kioskClient, mediatorClient, type FrameClient } from '../support/signallingClients.js';

// The case page for the mediator about to hold a session (issue 10, session 8), through the court
// API: the filing terminal's health by the fleet's rule; the case's answered calls, newest first,
// which the session-held form picks from (the API still checks the call belongs to the case); an
// invitation into the call the mediator is holding about the case (code, link without personal
// data, expiry), audited; refused to a role that may not invite and to one not holding a call.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const WAIT = 30_000;
const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);

async function signInCookie(h: RunningHub, username: string): Promise<string> {
  const res = await fetch(`${h.url}${courtPath('signIn')}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: h.hub.initialPasswords.get(username) }),
  });
  expect(res.status).toBe(200);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

let ref = 500;
/** The kiosk calls about its intake and the case's own mediator answers at their desk; the call id. */
async function answeredCall(h: RunningHub, k: FrameClient, m: FrameClient, submissionId: string): Promise<string> {
  const asked = ++ref;
  k.send({ t: 'call.request', ref: asked, language: 'zh-CN', submissionId });
  const callId = ((await k.next((f) => f.t === 'call.state' && f.ref === asked, 'queued', WAIT)).state as { callId: string }).callId;
  m.send({ t: 'call.accept', ref: ++ref, callId });
  await expect.poll(async () => (await h.hub.signalling.records.get(callId))?.answeredAt ?? null).not.toBeNull();
  return callId;
}

describe('the case page’s call desk: filing terminal, answered calls, invitations', () => {
  it('shows the terminal’s health, lists answered calls newest first, invites into the open call (audited), and the session-held pick is checked', async () => {
    const h = await startHub();
    cleanup.push(() => h.close());
    const credential = await enrollTerminal(h.url, 'KSKD');
    const intake = sampleIngest({ provisionalNumber: 'KSKD-261205-0001' });
    await deliverIntake(h, credential, intake);
    const staff = await courtStaff(h);
    const received = (await h.hub.cases.bySubmission(h.hub.database, intake.submissionId))!;
    let c = await act(staff.clerk, received, 'case.diverted', { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } });
    const caseId = c.caseId as string;
    const desk = async () => (await staff.mediator.call('caseCallDesk', { params: { caseId } })).body;

    // never reported, then online after a heartbeat
    let d = await desk();
    expect(d.terminal).toMatchObject({ terminalId: 'KSKD', health: 'never_seen', receivedAt: null });
    expect(d.calls).toEqual([]);
    expect(d.openCallId).toBeNull();
    expect((await sendHeartbeat(h, credential, healthyHeartbeat())).status).toBe(200);
    d = await desk();
    expect(d.terminal).toMatchObject({ terminalId: 'KSKD', health: 'online' });
    expect(typeof d.terminal.receivedAt).toBe('string');

    // no call held yet: an invitation is refused with a clear 409; a filing clerk may not invite at all (audited)
    expect((await staff.mediator.call('inviteToSession', { params: { caseId }, body: { role: 'respondent' } })).status).toBe(409);
    expect((await staff.clerk.call('inviteToSession', { params: { caseId }, body: { role: 'respondent' } })).status).toBe(403);
    expect((await staff.mediator.call('inviteToSession', { params: { caseId }, body: { role: 'nobody' } })).status).toBe(400);

    // the case's mediator answers two calls from the kiosk; the first ends
    const k = track(await kioskClient(h.url, credential));
    await k.next((f) => f.t === 'hello', 'hello', WAIT);
    const m = track(await mediatorClient(h.url, await signInCookie(h, 'mediator.people')));
    await m.next((f) => f.t === 'hello', 'hello', WAIT);
    m.send({ t: 'presence.set', status: 'available' });
    await m.next((f) => f.t === 'presence' && f.status === 'available', 'on duty', WAIT);
    const first = await answeredCall(h, k, m, intake.submissionId);
    m.send({ t: 'call.end', ref: ++ref, callId: first, outcome: 'scheduled', notes: '' });
    await expect.poll(async () => (await desk()).calls.find((x: { callId: string }) => x.callId === first)?.endedAt ?? null).not.toBeNull();
    const second = await answeredCall(h, k, m, intake.submissionId);
    await expect.poll(async () => (await desk()).openCallId).toBe(second);
    d = await desk();
    expect(d.calls.map((x: { callId: string }) => x.callId)).toEqual([second, first]);
    expect(d.calls[1]).toMatchObject({ mediator: 'mediator.people', terminalId: 'KSKD', terminalName: 'KSKD' });
    expect(typeof d.calls[1].seconds).toBe('number');
    expect(d.calls[0].endedAt).toBeNull();

    // the invitation: a six-digit code, the join page's link with a random id only, its expiry; audited
    const invited = await staff.mediator.call('inviteToSession', { params: { caseId }, body: { role: 'respondent' } });
    expect(invited.status).toBe(201);
    expect(invited.body).toMatchObject({ callId: second, role: 'respondent', code: expect.stringMatching(/^\d{6}$/) });
    expect(invited.body.link).toBe(`/join?invite=${invited.body.inviteId}`);
    expect(Date.parse(invited.body.expiresAt)).toBeGreaterThan(Date.now());
    for (const personal of [sampleResident.name, sampleResident.mobile, intake.submissionId, caseId]) expect(invited.body.link).not.toContain(personal);
    const fromAdmin = await h.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'room.invited').execute();
    expect(fromAdmin.map((e) => [e.outcome, e.case_id, e.record_id])).toEqual(expect.arrayContaining([['ok', caseId, second]]));
    expect(fromAdmin.some((e) => e.outcome === 'denied' && e.case_id === caseId)).toBe(true);

    // session held names a call from the pick list: accepted; a call about another case: refused (400, the field named).
    // (Ending a call held the earliest scheduled video session by itself: end this one before scheduling.)
    m.send({ t: 'call.end', ref: ++ref, callId: second, outcome: 'scheduled', notes: '' });
    await expect.poll(async () => (await desk()).openCallId).toBeNull();
    c = await scheduledNow(staff.mediator, (await h.hub.cases.load(h.hub.database, caseId))!, { mode: 'video' });
    const other = sampleIngest({ provisionalNumber: 'KSKD-261205-0002' });
    await deliverIntake(h, credential, other);
    const otherCall = await answeredCall(h, k, m, other.submissionId);
    const sessionId = c.sessions.find((x: { status: string; mode: string }) => x.status === 'scheduled' && x.mode === 'video').sessionId as string;
    // room events of the open call append to the case meanwhile: act on the case as it is now
    const now = async () => (await h.hub.cases.load(h.hub.database, caseId))!;
    /** session.held on the case as it is now, again while an open call's room events get there first (each is appended once). */
    const heldNow = async (payload: Record<string, unknown>) => {
      for (;;) {
        const res = await staff.mediator.call('actOnCase', { params: { caseId }, body: { type: 'session.held', payload, expectedSeq: (await now()).seq } });
        if (res.status !== 409 || res.body.error.code !== 'STALE_CASE') return res;
      }
    };
    const wrong = await heldNow({ sessionId, minutes: 20, callId: otherCall });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('errors.call.notThisCase');
    expect(otherCall).not.toBe(second);
    // the second call, ended, is already its own session: it cannot hold this one too (409, the case as it is)
    const twice = await heldNow({ sessionId, minutes: 20, callId: second });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'CALL_ALREADY_HELD' });
    // a call about this case that holds no session yet (still open): accepted; when it ends it holds no other
    m.send({ t: 'call.end', ref: ++ref, callId: otherCall, outcome: 'scheduled', notes: '' });
    await expect.poll(async () => (await h.hub.signalling.records.get(otherCall))?.endedAt ?? null).not.toBeNull();
    const third = await answeredCall(h, k, m, intake.submissionId);
    const onThird = await heldNow({ sessionId, minutes: 20, callId: third });
    expect(onThird.status, JSON.stringify(onThird.body)).toBe(201);
    c = onThird.body.case;
    expect(c.sessions.find((x: { sessionId: string }) => x.sessionId === sessionId)).toMatchObject({ status: 'held', callId: third });
    m.send({ t: 'call.end', ref: ++ref, callId: third, outcome: 'scheduled', notes: '' });
    await expect.poll(async () => (await h.hub.signalling.records.get(third))?.endedAt ?? null).not.toBeNull();
    const heldOnThird = (await h.hub.cases.events(h.hub.database, caseId)).filter((e) => e.event.type === 'session.held' && (e.event.payload as { callId?: string }).callId === third);
    expect(heldOnThird).toHaveLength(1);
  });
});
