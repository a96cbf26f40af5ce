import { afterEach, describe, expect, it } from 'vitest';
import { JOIN_TRIES_PER_CODE, roomPaths } from '../../shared/rooms/joining.js';
import { signallingPaths } from '../../shared/signalling.js';
import { sfuOptions } from '../../server/sfu/options.js';
import { answeredCall as kioskCallAnswered } from '../support/answeredCall.js';
import { startHub } from '../support/hubHarness.js';
import { requireMediasoupWorker } from '../support/sfuWorker.js';
import { sampleApplication } from '../support/fixtures.js';
import { mediatorSession, openFrameClient, type FrameClient } from '../support/signallingClients.js';

// Rooms with roles over the real hub: a mediator in a kiosk call invites the respondent, who
// comes in through the join page's API with a one-time code, their name and the last 4 of their
// ID number (checked against the case), waits, is admitted; the role table refuses what a party
// may not do, and the audit log and the case's events keep the record.

const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);

type Frame = Record<string, unknown> & { t: string };
type RoomView = { selfId: string; peers: Array<{ peerId: string; role: string; muted?: boolean }>; waiting?: string; lobby?: Array<{ peerId: string; role: string }> };
const roomOf = (f: Frame) => f.room as RoomView;

/** A hub with a kiosk call about a filed case, answered by med1. */
async function answeredCall(options: Parameters<typeof startHub>[0] = {}) {
  const h = await startHub(options);
  cleanup.push(() => h.close());
  const origin = new URL(h.url).origin;
  const application = sampleApplication();
  application.respondents = [{ kind: 'person', name: RESPONDENT.name, idNumber: RESPONDENT.idNumber, address: '兰州市城关区庆阳路2号' }];
  const { m, k, callId, caseId, cookie } = await kioskCallAnswered(h, track, { terminalId: 'KSK-ROOM-1', application });

  const invite = async (role: string, who = cookie) =>
    fetch(h.url + roomPaths.invitations, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie: who }, body: JSON.stringify({ callId, role }) });
  const join = (body: Record<string, unknown>) => fetch(h.url + roomPaths.join, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(body) });
  const guest = async (pass: string) => {
    const g = track(await openFrameClient(`${h.url.replace('http', 'ws')}${signallingPaths.guest}?pass=${encodeURIComponent(pass)}`, { origin }));
    await g.next((f) => f.t === 'hello', 'guest hello');
    return g;
  };
  return { h, m, k, callId, caseId, cookie, origin, invite, join, guest };
}

/** The respondent in by code, name and last 4, admitted by the mediator; their guest socket. */
async function admittedRespondent({ m, callId, invite, join, guest }: Awaited<ReturnType<typeof answeredCall>>): Promise<FrameClient> {
  const { code } = await codeFor(invite);
  const { pass } = (await (await join({ code, name: RESPONDENT.name, idLast4: '1234' })).json()) as { pass: string };
  const g = await guest(pass);
  const lobby = await m.next((f) => f.t === 'room' && (roomOf(f).lobby?.length ?? 0) === 1, 'lobby');
  m.send({ t: 'room.act', ref: 1, callId, action: 'admit', peerId: roomOf(lobby).lobby![0]!.peerId });
  return g;
}

async function codeFor(invite: (role: string) => Promise<Response>, role = 'respondent'): Promise<{ code: string; inviteId: string; link: string }> {
  const res = await invite(role);
  expect(res.status).toBe(201);
  return (await res.json()) as { code: string; inviteId: string; link: string };
}

describe('bringing a party in', () => {
  it('lets the respondent in once by code, name and last 4, into the waiting room until the mediator admits them', async () => {
    const { h, m, k, callId, caseId, invite, join, guest } = await answeredCall();
    const { code, inviteId, link } = await codeFor(invite);
    expect(code).toMatch(/^\d{6}$/);
    expect(link).toBe(`/join?invite=${inviteId}`);

    // The wrong person, or the wrong ID number, is refused (and counts against the code).
    expect((await join({ code, invite: inviteId, name: '王五', idLast4: '1234' })).status).toBe(403);
    expect((await join({ code, invite: inviteId, name: RESPONDENT.name, idLast4: '9999' })).status).toBe(403);
    expect((await join({ code, invite: 'another-invite-id', name: RESPONDENT.name, idLast4: '1234' })).status).toBe(404);
    const ok = await join({ code, invite: inviteId, name: ` ${RESPONDENT.name} `, idLast4: '1234' });
    expect(ok.status).toBe(200);
    const { pass, role } = (await ok.json()) as { pass: string; role: string };
    expect(role).toBe('respondent');
    // The code worked once.
    const again = await join({ code, invite: inviteId, name: RESPONDENT.name, idLast4: '1234' });
    expect(again.status).toBe(404);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');

    const g = await guest(pass);
    const waiting = await g.next((f) => f.t === 'room', 'guest room');
    expect(roomOf(waiting)).toMatchObject({ waiting: 'admission', peers: [] });
    const lobby = await m.next((f) => f.t === 'room' && (roomOf(f).lobby?.length ?? 0) === 1, 'lobby');
    const respondentPeer = roomOf(lobby).lobby![0]!;
    expect(respondentPeer.role).toBe('respondent');
    expect(roomOf(lobby).peers).toHaveLength(1); // the mediator does not link to a waiting party

    m.send({ t: 'room.act', ref: 7, callId, action: 'admit', peerId: respondentPeer.peerId });
    await m.next((f) => f.t === 'room.done' && f.ref === 7, 'admitted');
    const inRoom = await g.next((f) => f.t === 'room' && roomOf(f).peers.length === 2, 'guest sees both');
    expect(roomOf(inRoom).waiting).toBeUndefined();
    await k.next((f) => f.t === 'room' && roomOf(f).peers.length === 2, 'kiosk sees the respondent');

    const events = await h.hub.cases.events(h.hub.database, caseId);
    const roomEvents = events.map((e) => e.event).filter((e) => e.type.startsWith('room.'));
    expect(roomEvents.map((e) => e.type)).toEqual(['room.opened', 'room.joined', 'room.joined', 'room.joined', 'room.admitted']);
    expect(roomEvents.every((e) => (e.payload as { roomId: string }).roomId === callId)).toBe(true);
    expect(roomEvents[3]!.payload).toMatchObject({ role: 'respondent', participant: 'join:respondent:0' });
    expect(roomEvents[4]!.payload).toMatchObject({ role: 'respondent', by: 'med1' });
    expect(JSON.stringify(roomEvents)).not.toContain(RESPONDENT.name);

    const audit = await h.hub.database.db.selectFrom('audit_log').selectAll().where('action', 'in', ['room.invited', 'room.join']).orderBy('audit_seq').execute();
    expect(audit.map((a) => `${a.action}:${a.outcome}`)).toEqual(['room.invited:ok', 'room.join:denied', 'room.join:denied', 'room.join:ok']);
  });

  it('refuses a respondent muting the mediator (the role table), tells them why, and logs it', async () => {
    const { h, m, callId, caseId, invite, join, guest } = await answeredCall();
    const { code } = await codeFor(invite);
    const { pass } = (await (await join({ code, name: RESPONDENT.name, idLast4: '1234' })).json()) as { pass: string };
    const g = await guest(pass);
    const lobby = await m.next((f) => f.t === 'room' && (roomOf(f).lobby?.length ?? 0) === 1, 'lobby');
    const mediatorId = roomOf(lobby).selfId;
    m.send({ t: 'room.act', ref: 1, callId, action: 'admit', peerId: roomOf(lobby).lobby![0]!.peerId });
    await m.next((f) => f.t === 'room.done', 'admitted');
    await g.next((f) => f.t === 'room' && roomOf(f).peers.length === 2, 'in the room');
    g.send({ t: 'room.act', ref: 42, callId, action: 'mute', peerId: mediatorId });
    const refused = await g.next((f) => f.t === 'error' && f.ref === 42, 'refusal');
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('respondent') });
    g.send({ t: 'room.act', ref: 43, callId, action: 'caucus', peerIds: [mediatorId] });
    await g.next((f) => f.t === 'error' && f.ref === 43 && f.code === 'FORBIDDEN', 'caucus refused');
    const denied = await h.hub.database.db.selectFrom('audit_log').selectAll().where('outcome', '=', 'denied').orderBy('audit_seq').execute();
    expect(denied.map((d) => [d.action, d.actor_id, d.actor_role, d.case_id, d.record_id])).toEqual([
      ['room.mute_others', 'join:respondent:0', 'respondent', caseId, callId],
      ['room.caucus', 'join:respondent:0', 'respondent', caseId, callId],
    ]);
    // Nothing changed: the mediator is not muted.
    m.send({ t: 'room.act', ref: 2, callId, action: 'mute', peerId: roomOf(lobby).lobby![0]!.peerId });
    await m.next((f) => f.t === 'room.done' && f.ref === 2, 'the mediator may mute');
    const muted = await g.next((f) => f.t === 'room' && (f.room as { selfMuted?: boolean }).selfMuted === true, 'respondent muted');
    expect(roomOf(muted).peers.find((p) => p.peerId === mediatorId)?.muted).toBeUndefined();
  });

  it('holds a caucus: the respondent waits while the mediator talks to the applicant alone, then all are back', async () => {
    const call = await answeredCall();
    const { m, k, callId } = call;
    const g = await admittedRespondent(call);
    const all = await m.next((f) => f.t === 'room' && roomOf(f).peers.length === 2, 'both parties');
    const applicant = roomOf(all).peers.find((p) => p.role === 'resident')!;
    m.send({ t: 'room.act', ref: 2, callId, action: 'caucus', peerIds: [applicant.peerId] });
    await g.next((f) => f.t === 'room' && roomOf(f).waiting === 'caucus' && roomOf(f).peers.length === 0, 'respondent waits');
    await k.next((f) => f.t === 'room' && roomOf(f).peers.length === 1, 'applicant alone with the mediator');
    m.send({ t: 'room.act', ref: 3, callId, action: 'end_caucus' });
    await g.next((f) => f.t === 'room' && roomOf(f).waiting === undefined && roomOf(f).peers.length === 2, 'respondent back');
    await k.next((f) => f.t === 'room' && roomOf(f).peers.length === 2, 'applicant sees the respondent again');
  });

  it('lets a code expire, refuses invitations from anyone but the call’s mediator, and answers bad input with 400', async () => {
    let skewMs = 0;
    const { h, invite, join, origin } = await answeredCall({ now: () => new Date(Date.now() + skewMs) });
    const { code } = await codeFor(invite);
    skewMs = 16 * 60_000;
    expect((await join({ code, name: RESPONDENT.name, idLast4: '1234' })).status).toBe(404);
    skewMs = 0;
    const other = await mediatorSession(h.hub, h.url, 'med2', '王调解');
    expect((await invite('respondent', other)).status).toBe(404);
    expect((await invite('respondent', '')).status).toBe(401);
    expect((await invite('judge')).status).toBe(400);
    // Bad input is a clear 400, never a 5xx.
    for (const body of [{}, { code: '12345', name: 'x', idLast4: '1234' }, { code: '123456', name: '', idLast4: '1234' }, { code: '123456', name: 'x', idLast4: 'abcd' }]) {
      const res = await fetch(h.url + roomPaths.join, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify(body) });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    // A pass that was never issued opens no socket.
    await expect(openFrameClient(`${h.url.replace('http', 'ws')}${signallingPaths.guest}?pass=forged`, { origin })).rejects.toMatchObject({ status: 401 });
  });

  it('says a code locked by wrong answers is locked (410, no time to wait): only a new code helps', async () => {
    let skewMs = 0;
    const { invite, join } = await answeredCall({ now: () => new Date(Date.now() + skewMs) });
    const { code, inviteId } = await codeFor(invite);
    for (let i = 0; i < JOIN_TRIES_PER_CODE; i++) expect((await join({ code, invite: inviteId, name: '王五', idLast4: '1234' })).status).toBe(403);
    // Within the code's minute of tries and after it, the right party is told the same.
    for (const later of [0, 2 * 60_000]) {
      skewMs = later;
      const locked = await join({ code, invite: inviteId, name: RESPONDENT.name, idLast4: '1234' });
      expect(locked.status, `after ${later} ms`).toBe(410);
      expect(locked.headers.get('retry-after')).toBeNull();
      expect(((await locked.json()) as { error: { code: string } }).error.code).toBe('CODE_LOCKED');
    }
    // A code that never was stays "not valid": nothing is said of codes nobody has answered.
    expect((await join({ code: code === '999999' ? '999998' : '999999', name: RESPONDENT.name, idLast4: '1234' })).status).toBe(404);
  });

  it('limits tries per address with 429 and Retry-After', async () => {
    const { join } = await answeredCall();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const res = await join({ code: String(100000 + i), name: RESPONDENT.name, idLast4: '1234' });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10).every((s) => s === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
  it('gives an admitted join-page guest the SFU steps when the room is on the SFU, and only its own', async () => {
    requireMediasoupWorker();
    const call = await answeredCall({ signalling: { sfu: sfuOptions({ workers: 1 }) } });
    const { callId } = call;
    const g = await admittedRespondent(call);
    const admitted = await g.next((f) => f.t === 'room' && roomOf(f).peers.length === 2, 'guest admitted');
    expect((admitted.room as { media?: string }).media).toBe('sfu');
    g.send({ t: 'sfu.capabilities', ref: 7, callId });
    const caps = await g.next((f) => (f.t === 'sfu.reply' || f.t === 'error') && f.ref === 7, 'capabilities');
    expect(caps.t).toBe('sfu.reply');
    expect(JSON.stringify(caps.rtpCapabilities)).toContain('video/VP8');
    g.send({ t: 'sfu.transport.create', ref: 8, callId, direction: 'recv' });
    const created = await g.next((f) => (f.t === 'sfu.reply' || f.t === 'error') && f.ref === 8, 'transport');
    expect(created).toMatchObject({ t: 'sfu.reply', transport: { id: expect.any(String) } });
    // Someone else's transport, or a malformed step: refused with a code, the socket stays.
    g.send({ t: 'sfu.transport.restartIce', ref: 9, callId, transportId: 'not-mine' });
    expect(await g.next((f) => f.t === 'error' && f.ref === 9, 'refused')).toMatchObject({ code: 'NOT_FOUND' });
    g.send({ t: 'sfu.transport.create', ref: 10, callId, direction: 'sideways' });
    expect(await g.next((f) => f.t === 'error', 'malformed')).toMatchObject({ code: 'INVALID_FRAME' });
  });
});
