import { afterEach, describe, expect, it } from 'vitest';
import { courtDay } from '../../shared/courtTime.js';
import { addDays } from '../../shared/cases/deadlines.js';
import { INTAKE_STATUS_PATH, type IntakeStatusResponse } from '../../shared/caseStatus.js';
import { dashboardPaths, type IndicatorsAnswer } from '../../shared/dashboard/api.js';
import { casePagePath } from '../../server/console/paths.js';
import { act, courtStaff, deliverIntake } from '../support/courtSteps.js';
import { clearOfCourtMidnight } from '../support/courtMidnight.js';
import { signedInStaff } from '../support/dashboardViewers.js';
import { sampleIngest, sampleResident } from '../support/fixtures.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { enrollTerminal, kioskClient, mediatorClient, mediatorSession, type FrameClient } from '../support/signallingClients.js';

// A video call about a case is recorded as a session held by the call itself (issue 10): a
// resident checks their case at a kiosk (here another kiosk than the one they filed at), the hub
// gives that kiosk a case ticket, the call carries it, a mediator answers, and when the call ends
// the hub appends session.held (video, the call's minutes and id) on its own — once, whoever hangs
// up and however many times the hub restarts — and the dashboard counts it. A kiosk cannot attach
// a call to a case it has no ticket for.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const WAIT = 30_000;

async function hub(options: Parameters<typeof startHub>[0] = {}): Promise<RunningHub> {
  const h = await startHub(options);
  cleanup.push(() => h.close());
  return h;
}
const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);

async function kiosk(h: RunningHub, credential: string) {
  const k = track(await kioskClient(h.url, credential));
  await k.next((f) => f.t === 'hello', 'hello', WAIT);
  return k;
}

async function mediator(h: RunningHub, username = 'med-video') {
  const m = track(await mediatorClient(h.url, await mediatorSession(h.hub, h.url, username)));
  await m.next((f) => f.t === 'hello', 'hello', WAIT);
  m.send({ t: 'presence.set', status: 'available' });
  await m.next((f) => f.t === 'presence' && f.status === 'available', 'on duty', WAIT);
  return m;
}

/** A dispute filed at kiosk KSKA and diverted to mediation; the resident's receipt number and the case. */
async function divertedKioskCase(h: RunningHub) {
  const credential = await enrollTerminal(h.url, 'KSKA');
  const intake = sampleIngest({ provisionalNumber: 'KSKA-261205-0001' });
  await deliverIntake(h, credential, intake);
  const staff = await courtStaff(h);
  const received = (await h.hub.cases.bySubmission(h.hub.database, intake.submissionId))!;
  const diverted = await act(staff.clerk, received, 'case.diverted', { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } });
  expect(diverted.state).toBe('in_mediation');
  return { credentialA: credential, intake, caseId: diverted.caseId as string, staff };
}

async function checkCase(h: RunningHub, credential: string, provisionalNumber: string, mobile = sampleResident.mobile) {
  const res = await fetch(h.url + INTAKE_STATUS_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
    body: JSON.stringify({ provisionalNumber, mobile }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as IntakeStatusResponse;
}

/** Queues a call from `k` (with a ticket or a bare submission), a mediator answers it; the call id. */
let ref = 100;
async function answeredCall(k: FrameClient, m: FrameClient, about: { caseTicket?: string; submissionId?: string }) {
  const asked = ++ref;
  k.send({ t: 'call.request', ref: asked, language: 'zh-CN', ...about });
  const callId = ((await k.next((f) => f.t === 'call.state' && f.ref === asked, 'queued', WAIT)).state as { callId: string }).callId;
  m.send({ t: 'call.accept', ref: ++ref, callId });
  await k.next((f) => f.t === 'call.state' && (f.state as { callId: string; state: string }).state === 'ringing' && (f.state as { callId: string }).callId === callId, 'answered', WAIT);
  return callId;
}

const eventsOf = async (h: RunningHub, caseId: string) => (await h.hub.cases.events(h.hub.database, caseId)).map((e) => e.event);
const heldBy = async (h: RunningHub, caseId: string, callId: string) => (await eventsOf(h, caseId)).filter((e) => e.type === 'session.held' && (e.payload as { callId?: string }).callId === callId);

describe('a video call about a case is a session held', () => {
  it('a call from check-my-case at another kiosk: held once when both hang up at once, counted by the dashboard', async () => {
    const h = await hub();
    const { caseId } = await divertedKioskCase(h);
    const credentialB = await enrollTerminal(h.url, 'KSKB');

    // check-my-case at kiosk B answers with a ticket for this terminal; the phone page never gets one
    const status = await checkCase(h, credentialB, 'KSKA-261205-0001');
    expect(status.found).toBe(true);
    const ticket = status.found ? status.callTicket! : '';
    expect(ticket.length).toBeGreaterThan(20);

    const k = await kiosk(h, credentialB);
    const m = await mediator(h);
    const callId = await answeredCall(k, m, { caseTicket: ticket });
    // the mediator sees the intake, though it was filed at another kiosk
    const call = await m.next((f) => f.t === 'call' && (f.call as { intake: unknown }).intake !== null, 'the intake on the desk', WAIT);
    expect((call.call as { intake: { provisionalNumber: string } }).intake.provisionalNumber).toBe('KSKA-261205-0001');
    expect((await h.hub.signalling.records.get(callId))?.caseTicket).toBe(1);

    // both sides hang up at the same moment
    k.send({ t: 'call.hangup', callId });
    m.send({ t: 'call.end', ref: 3, callId, outcome: 'scheduled', notes: '' });
    await waitFor(async () => (await h.hub.signalling.records.get(callId))?.endedAt ?? null, 'the call ended', WAIT);
    await waitFor(async () => (await heldBy(h, caseId, callId)).length > 0 || null, 'session held', WAIT);
    const held = await heldBy(h, caseId, callId);
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ actor: { kind: 'system' }, payload: { mode: 'video', callId, sessionId: callId } });
    expect((held[0]!.payload as { minutes: number }).minutes).toBeGreaterThanOrEqual(1);
    // nothing was scheduled, so the call was the session: scheduled and held at once
    const c = (await h.hub.cases.bySubmission(h.hub.database, (await h.hub.signalling.records.get(callId))!.submissionId!))!;
    expect(c.sessions).toEqual([expect.objectContaining({ sessionId: callId, mode: 'video', status: 'held' })]);

    // the dashboard's video sessions and minutes count it
    const viewer = await signedInStaff(h.hub, 'dashboard_viewer');
    const today = courtDay(Date.now());
    const res = await fetch(`${h.url}${dashboardPaths.indicators}?from=${addDays(today, -1)}&to=${today}`, { headers: { cookie: viewer.cookie } });
    const values = ((await res.json()) as IndicatorsAnswer).values;
    expect(values.video_sessions).toBe(1);
    expect(values.video_minutes).toBe((held[0]!.payload as { minutes: number }).minutes);
  });

  it('holds the session the mediator scheduled; a call after the case left mediation adds none', async () => {
    const h = await hub();
    const { credentialA, intake, caseId, staff } = await divertedKioskCase(h);
    await clearOfCourtMidnight(60_000);
    let c = await act(staff.mediator, (await h.hub.cases.load(h.hub.database, caseId))!, 'session.scheduled', { startsAt: new Date().toISOString(), mode: 'video' });
    const scheduled = c.sessions[0].sessionId as string;

    // the kiosk it was filed at calls about its own intake (the receipt's "talk to a mediator")
    const k = await kiosk(h, credentialA);
    const m = await mediator(h);
    const first = await answeredCall(k, m, { submissionId: intake.submissionId });
    k.send({ t: 'call.hangup', callId: first });
    await waitFor(async () => (await heldBy(h, caseId, first)).length > 0 || null, 'session held', WAIT);
    expect((await heldBy(h, caseId, first))[0]!.payload).toMatchObject({ sessionId: scheduled, mode: 'video' });
    c = (await h.hub.cases.load(h.hub.database, caseId))!;
    expect(c.sessions).toEqual([expect.objectContaining({ sessionId: scheduled, status: 'held' })]);

    // settled: a later call leaves the case's sessions as they are
    m.send({ t: 'call.end', ref: 3, callId: first, outcome: 'scheduled', notes: '' });
    await m.next((f) => f.t === 'call.recorded', 'outcome recorded', WAIT);
    c = await act(staff.mediator, c, 'mediation.settled', {});
    expect(c.state).toBe('settled');
    const second = await answeredCall(k, m, { submissionId: intake.submissionId });
    k.send({ t: 'call.hangup', callId: second });
    await waitFor(async () => (await h.hub.signalling.records.get(second))?.endedAt ?? null, 'the call ended', WAIT);
    expect(await heldBy(h, caseId, second)).toEqual([]);
    expect((await eventsOf(h, caseId)).filter((e) => e.type === 'session.held')).toHaveLength(1);
  });

  it('a call today beside a session scheduled for tomorrow: the call is its own session, tomorrow’s stays scheduled', async () => {
    const h = await hub();
    const { credentialA, intake, caseId, staff } = await divertedKioskCase(h);
    await clearOfCourtMidnight(60_000); // scheduled, answered and ended on one court day
    const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString();
    let c = await act(staff.mediator, (await h.hub.cases.load(h.hub.database, caseId))!, 'session.scheduled', { startsAt: tomorrow, mode: 'video' });
    const scheduled = c.sessions[0].sessionId as string;

    const k = await kiosk(h, credentialA);
    const m = await mediator(h);
    const callId = await answeredCall(k, m, { submissionId: intake.submissionId });
    k.send({ t: 'call.hangup', callId });
    await waitFor(async () => (await heldBy(h, caseId, callId)).length > 0 || null, 'session held', WAIT);
    const held = (await eventsOf(h, caseId)).filter((e) => e.type === 'session.held');
    expect(held).toHaveLength(1);
    expect(held[0]!.payload).toMatchObject({ sessionId: callId, mode: 'video', callId });
    c = (await h.hub.cases.load(h.hub.database, caseId))!;
    expect(c.sessions).toEqual(
      expect.arrayContaining([expect.objectContaining({ sessionId: scheduled, status: 'scheduled', startsAt: tomorrow }), expect.objectContaining({ sessionId: callId, status: 'held' })]),
    );
    expect(c.sessions).toHaveLength(2);
  });

  it('a call that became its own session cannot hold the arranged session too: refused, and the dashboard counts one', async () => {
    const h = await hub();
    const { credentialA, intake, caseId, staff } = await divertedKioskCase(h);
    await clearOfCourtMidnight(60_000); // answered, ended, arranged and recorded on one court day
    // the resident calls before the arranged session's start and hangs up before it: the call is its own session
    const k = await kiosk(h, credentialA);
    const m = await mediator(h);
    const callId = await answeredCall(k, m, { submissionId: intake.submissionId });
    k.send({ t: 'call.hangup', callId });
    await waitFor(async () => (await heldBy(h, caseId, callId)).length > 0 || null, 'session held', WAIT);
    let c = (await h.hub.cases.load(h.hub.database, caseId))!;
    expect(c.sessions).toEqual([expect.objectContaining({ sessionId: callId, status: 'held', callId })]);

    // the arranged session, its start come (scheduled now, after the call ended), recorded held with the same call
    c = await act(staff.mediator, c, 'session.scheduled', { startsAt: new Date().toISOString(), mode: 'video' });
    const arranged = c.sessions.find((x: { sessionId: string }) => x.sessionId !== callId)!.sessionId;
    const res = await staff.mediator.call('actOnCase', {
      params: { caseId },
      body: { type: 'session.held', payload: { sessionId: arranged, minutes: 8, callId }, expectedSeq: c.seq },
    });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CALL_ALREADY_HELD', case: { seq: c.seq } });
    expect(await heldBy(h, caseId, callId)).toHaveLength(1);
    // the console's form does not offer that call for the arranged session, and says why the list is empty
    const assistant = await signedInStaff(h.hub, 'judge_assistant');
    const page = await (await fetch(`${h.url}${casePagePath(caseId)}`, { headers: { cookie: assistant.cookie } })).text();
    const form = page.match(/<details class="action" data-action="session.held"[\s\S]*?<\/details>/)![0];
    expect(form).not.toContain(`value="${callId}"`);
    expect(form).toMatch(/<p class="note" id="session-held-call-note" data-calls="held">本案的视频通话都已记为调解场次，不再列出/);
    expect(form).toContain('aria-describedby="session-held-call-note"');
    // it did not take place apart from the call: the mediator cancels it
    c = await act(staff.mediator, c, 'session.cancelled', { sessionId: arranged });
    expect(c.sessions).toEqual(expect.arrayContaining([expect.objectContaining({ sessionId: callId, status: 'held' }), expect.objectContaining({ sessionId: arranged, status: 'cancelled' })]));

    const viewer = await signedInStaff(h.hub, 'dashboard_viewer');
    const today = courtDay(Date.now());
    const answer = await fetch(`${h.url}${dashboardPaths.indicators}?from=${addDays(today, -1)}&to=${today}`, { headers: { cookie: viewer.cookie } });
    expect(((await answer.json()) as IndicatorsAnswer).values.video_sessions).toBe(1);
  });

  it('refuses forged, foreign and other terminals’ tickets; a bare submission of another kiosk attaches nothing', async () => {
    const h = await hub();
    const { caseId, intake } = await divertedKioskCase(h);
    const credentialB = await enrollTerminal(h.url, 'KSKB');
    const credentialC = await enrollTerminal(h.url, 'KSKC');
    const status = await checkCase(h, credentialB, 'KSKA-261205-0001');
    const ticket = status.found ? status.callTicket! : '';
    // a wrong phone number: no case, no ticket
    expect(await checkCase(h, credentialB, 'KSKA-261205-0001', '13800000000')).toEqual({ found: false });

    const c = await kiosk(h, credentialC);
    const [body, mac] = ticket.split('.');
    const forged = `${Buffer.from(JSON.stringify({ t: 'KSKC', s: intake.submissionId, e: Date.now() + 60_000 })).toString('base64url')}.${mac}`;
    for (const [ref, caseTicket] of [ticket, forged, `${body}.${'A'.repeat(mac!.length)}`, 'not-a-ticket'].entries()) {
      c.send({ t: 'call.request', ref: ref + 1, language: 'zh-CN', caseTicket });
      expect(await c.next((f) => f.t === 'error' && f.ref === ref + 1, 'refused', WAIT)).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await h.hub.signalling.records.recent(10)).toEqual([]);

    // naming the intake itself, without a ticket, from another kiosk: a call about nothing
    const m = await mediator(h);
    const callId = await answeredCall(c, m, { submissionId: intake.submissionId });
    c.send({ t: 'call.hangup', callId });
    await waitFor(async () => (await h.hub.signalling.records.get(callId))?.endedAt ?? null, 'the call ended', WAIT);
    const events = await eventsOf(h, caseId);
    expect(events.filter((e) => e.type === 'session.held' || e.type.startsWith('room.'))).toEqual([]);
  });

  it('a hub that stops mid-call records the session when it starts again, and only once', async () => {
    const h = await startHub();
    let stopped = false;
    cleanup.push(() => (stopped ? undefined : h.close()));
    const { caseId } = await divertedKioskCase(h);
    const credentialB = await enrollTerminal(h.url, 'KSKB');
    const status = await checkCase(h, credentialB, 'KSKA-261205-0001');
    const k = await kiosk(h, credentialB);
    const m = await mediator(h);
    const callId = await answeredCall(k, m, { caseTicket: status.found ? status.callTicket! : '' });
    k.ws.terminate();
    m.ws.terminate();
    stopped = true;
    await h.close();

    const again = await startHub({ dataDir: h.dataDir });
    expect(await again.hub.signalling.records.get(callId)).toMatchObject({ endReason: 'hub_restart' });
    expect(await heldBy(again, caseId, callId)).toHaveLength(1);
    await again.close();
    const third = await hub({ dataDir: h.dataDir });
    expect(await heldBy(third, caseId, callId)).toHaveLength(1);
  });
});
