import { afterEach, describe, expect, it } from 'vitest';
import { JOIN_TRIES_PER_CODE, roomPaths } from '../../shared/rooms/joining.js';
import { answeredCall } from '../support/answeredCall.js';
import { startHub, waitFor } from '../support/hubHarness.js';
import { sampleApplication } from '../support/fixtures.js';
import { enrollTerminal, kioskClient, type FrameClient } from '../support/signallingClients.js';

// A party at a second terminal (their own village's kiosk) joins the mediator's room by the
// invitation's code and their name + the last 4 of their ID number (the join page's check), over
// the kiosk's own signalling socket: into the waiting room with the invitation's role, admitted by
// the mediator, then in the room like any participant. A wrong, used or expired code gets one
// answer (NOT_FOUND), a wrong identity FORBIDDEN (counted against the code, which then locks:
// CODE_LOCKED, as the join page's 410); tries are limited per terminal and per code (RATE_LIMITED,
// shared with the join page); every try is audited.

const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };
/** What the respondent types at the second kiosk. */
const ID = { name: '李 四', idLast4: '1234' };

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);

type Frame = Record<string, unknown> & { t: string };
type RoomView = { selfId: string; selfRole?: string; peers: Array<{ peerId: string; role: string }>; waiting?: string; lobby?: Array<{ peerId: string; role: string }> };
const roomOf = (f: Frame) => f.room as RoomView;

async function twoKiosks(options: Parameters<typeof startHub>[0] = {}, respondentId: string | null = RESPONDENT.idNumber) {
  const h = await startHub(options);
  cleanup.push(() => h.close());
  const origin = new URL(h.url).origin;
  const application = sampleApplication();
  application.respondents = [{ kind: 'person', name: RESPONDENT.name, ...(respondentId ? { idNumber: respondentId } : {}), address: '兰州市城关区庆阳路2号' }];
  const call = await answeredCall(h, track, { terminalId: 'KSK-JOIN-1', application });
  const invite = async (role = 'respondent') => {
    const res = await fetch(h.url + roomPaths.invitations, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin, cookie: call.cookie },
      body: JSON.stringify({ callId: call.callId, role }),
    });
    expect(res.status).toBe(201);
    return ((await res.json()) as { code: string }).code;
  };
  const secondCredential = await enrollTerminal(h.url, 'KSK-JOIN-2', '西园街道 2号机', '兰州市七里河区西园街道');
  const second = track(await kioskClient(h.url, secondCredential));
  await second.next((f) => f.t === 'hello', 'second kiosk hello');
  const audit = async () =>
    (await h.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'room.join').orderBy('audit_seq').execute()).map((a) => `${a.actor_kind}:${a.actor_id}:${a.outcome}`);
  return { h, ...call, invite, second, secondCredential, audit };
}

describe('a party joins by code at their own terminal', () => {
  it('enters the waiting room with the invitation’s role, is admitted, and is in the room and the case’s record', async () => {
    const { h, m, k, callId, caseId, invite, second, secondCredential, audit } = await twoKiosks();
    const code = await invite();

    second.send({ t: 'call.join', ref: 5, code, ...ID, language: 'zh-CN' });
    const answer = await second.next((f) => f.t === 'call.state' && f.ref === 5, 'the join answer');
    expect(answer.state).toEqual({ callId, state: 'ringing' });
    const waiting = await second.next((f) => f.t === 'room', 'the waiting room');
    expect(roomOf(waiting)).toMatchObject({ waiting: 'admission', peers: [], selfRole: 'respondent' });
    expect(second.frames.some((f) => f.t === 'hello')).toBe(false); // no guest hello on a kiosk socket

    const lobby = await m.next((f) => f.t === 'room' && (roomOf(f).lobby?.length ?? 0) === 1, 'the lobby');
    expect(roomOf(lobby).lobby![0]!.role).toBe('respondent');
    m.send({ t: 'room.act', ref: 7, callId, action: 'admit', peerId: roomOf(lobby).lobby![0]!.peerId });
    await m.next((f) => f.t === 'room.done' && f.ref === 7, 'admitted');
    const inRoom = await second.next((f) => f.t === 'room' && roomOf(f).peers.length === 2, 'the second kiosk sees both others');
    expect(roomOf(inRoom).waiting).toBeUndefined();
    await k.next((f) => f.t === 'room' && roomOf(f).peers.some((p) => p.role === 'respondent'), 'the first kiosk sees the respondent');

    // The same code again, from anywhere, is refused; so is a second call while in this one.
    const third = track(await kioskClient(h.url, await enrollTerminal(h.url, 'KSK-JOIN-3')));
    await third.next((f) => f.t === 'hello', 'third hello');
    third.send({ t: 'call.join', ref: 1, code, ...ID, language: 'en' });
    expect(await third.next((f) => f.t === 'error' && f.ref === 1, 'used code')).toMatchObject({ code: 'NOT_FOUND' });
    second.send({ t: 'call.request', ref: 9, language: 'zh-CN' });
    expect(await second.next((f) => f.t === 'error' && f.ref === 9, 'a call of its own')).toMatchObject({ code: 'CONFLICT' });

    // A dropped socket keeps its place: the reconnecting kiosk's hello carries the joined call.
    second.close();
    await second.closed;
    const rejoined = track(await kioskClient(h.url, secondCredential));
    const hello = await rejoined.next((f) => f.t === 'hello', 'hello again');
    expect(hello.call).toMatchObject({ state: { callId, state: 'ringing' } });
    // The kiosk hangs up: it leaves the room (the call goes on), and the case records it.
    rejoined.send({ t: 'call.hangup', callId });
    await m.next((f) => f.t === 'room' && !roomOf(f).peers.some((p) => p.role === 'respondent'), 'the respondent left');
    await rejoined.next((f) => f.t === 'call.state' && (f.state as { state: string }).state === 'ended', 'ended for the second kiosk');
    expect(h.hub.signalling.desk.isOpen(callId)).toBe(true);

    // The leaving is written after the room is told: wait for it rather than race it.
    const roomEvents = async () => (await h.hub.cases.events(h.hub.database, caseId)).map((e) => e.event).filter((e) => e.type.startsWith('room.'));
    const events = await waitFor(async () => {
      const all = await roomEvents();
      return all.some((e) => e.type === 'room.left') ? all : null;
    }, 'the room.left event');
    expect(events.map((e) => e.type)).toEqual(['room.opened', 'room.joined', 'room.joined', 'room.joined', 'room.admitted', 'room.left']);
    expect(events[3]!.payload).toMatchObject({ role: 'respondent', participant: 'KSK-JOIN-2' });
    expect(await audit()).toEqual(['terminal:KSK-JOIN-2:ok', 'terminal:KSK-JOIN-3:denied']);
  });

  it('answers a wrong or expired code with NOT_FOUND and too many tries with RATE_LIMITED', async () => {
    let now = Date.now();
    const { invite, second, audit } = await twoKiosks({ now: () => new Date(now) });
    const code = await invite();
    const wrong = code === '000000' ? '000001' : '000000';
    second.send({ t: 'call.join', ref: 1, code: wrong, ...ID, language: 'zh-CN' });
    expect(await second.next((f) => f.t === 'error' && f.ref === 1, 'wrong code')).toMatchObject({ code: 'NOT_FOUND' });

    now += 16 * 60_000; // past the code's 15 minutes
    second.send({ t: 'call.join', ref: 2, code, ...ID, language: 'zh-CN' });
    expect(await second.next((f) => f.t === 'error' && f.ref === 2, 'expired code')).toMatchObject({ code: 'NOT_FOUND' });
    // Malformed codes never reach the desk: the frame's schema refuses them.
    second.send({ t: 'call.join', ref: 3, code: '12ab', ...ID, language: 'zh-CN' });
    expect(await second.next((f) => f.t === 'error' && f.code === 'INVALID_FRAME', 'malformed')).toBeTruthy();

    // Ten tries a minute from one terminal, then RATE_LIMITED (the join page's limit).
    const limited: Frame[] = [];
    for (let i = 0; i < 10; i++) {
      second.send({ t: 'call.join', ref: 10 + i, code: String(100000 + i), ...ID, language: 'zh-CN' });
      const e = await second.next((f) => f.t === 'error' && f.ref === 10 + i, `try ${i}`);
      if (e.code === 'RATE_LIMITED') limited.push(e);
    }
    // One try in this minute before these (the expired code; the wrong code's was 16 minutes earlier
    // by the hub's clock, which the limit counts by), so the 10th here is the 11th…
    expect(limited.length).toBe(1);
    // …and it says when a try is taken again (the kiosk says "in N minutes"): within the minute's window
    expect(limited[0]!.retryAfterS).toBeGreaterThan(0);
    expect(limited[0]!.retryAfterS).toBeLessThanOrEqual(60);
    // the hub's clock on by half a minute: the wait it gives shrinks with it (the real remaining time)
    now += 30_000;
    second.send({ t: 'call.join', ref: 30, code: '100000', ...ID, language: 'zh-CN' });
    const later = await second.next((f) => f.t === 'error' && f.ref === 30, 'half a minute on');
    expect(later).toMatchObject({ code: 'RATE_LIMITED' });
    expect(later.retryAfterS).toBe((limited[0]!.retryAfterS as number) - 30);
    expect((await audit()).every((a) => a === 'terminal:KSK-JOIN-2:denied')).toBe(true);
  });

  it('tells the sixth try of one code that does not exist this minute to wait, not that it is locked', async () => {
    const { invite, second } = await twoKiosks();
    const code = await invite();
    const absent = code === '000000' ? '000001' : '000000';
    // The code's own tries a minute (a code nobody holds has no wrong answers to lock it)…
    for (let i = 0; i < JOIN_TRIES_PER_CODE; i++) {
      second.send({ t: 'call.join', ref: 1 + i, code: absent, ...ID, language: 'zh-CN', knows: ['CODE_LOCKED'] });
      expect(await second.next((f) => f.t === 'error' && f.ref === 1 + i, `try ${i}`)).toMatchObject({ code: 'NOT_FOUND' });
    }
    // …then RATE_LIMITED with the wait, well within the terminal's own ten
    second.send({ t: 'call.join', ref: 10, code: absent, ...ID, language: 'zh-CN', knows: ['CODE_LOCKED'] });
    const sixth = await second.next((f) => f.t === 'error' && f.ref === 10, 'the sixth try');
    expect(sixth).toMatchObject({ code: 'RATE_LIMITED' });
    expect(sixth.retryAfterS).toBeGreaterThan(0);
    expect(sixth.retryAfterS).toBeLessThanOrEqual(60);
  });

  it('refuses a wrong name or ID ending with FORBIDDEN, counts it per terminal and per code, and locks the code at the limit', async () => {
    let now = Date.now();
    const { h, invite, second, audit, m } = await twoKiosks({ now: () => new Date(now) });
    const code = await invite();
    const attempts = async (bucket: string) => (await h.hub.database.db.selectFrom('attempt_windows').selectAll().where('bucket', '=', bucket).execute()).reduce((n, r) => n + Number(r.attempts), 0);

    // The wrong person, and the right name with the wrong ID ending: refused, and the code stays usable.
    second.send({ t: 'call.join', ref: 1, code, name: '王五', idLast4: '1234', language: 'zh-CN' });
    expect(await second.next((f) => f.t === 'error' && f.ref === 1, 'wrong name')).toMatchObject({ code: 'FORBIDDEN' });
    second.send({ t: 'call.join', ref: 2, code, name: RESPONDENT.name, idLast4: '4321', language: 'zh-CN' });
    expect(await second.next((f) => f.t === 'error' && f.ref === 2, 'wrong ID ending')).toMatchObject({ code: 'FORBIDDEN' });
    // Counted in attempt_windows like the join page's tries: per terminal and per code.
    expect(await attempts('join.source')).toBe(2);
    expect(await attempts('join.code')).toBe(2);
    const failures = async () => (await h.hub.database.db.selectFrom('room_invitations').select('failures').executeTakeFirstOrThrow()).failures;
    expect(await failures()).toBe(2);

    // Three more wrong tries use up the code's five: the sixth this minute is told the code is
    // locked (as the join page's 410 CODE_LOCKED), not to wait a minute…
    for (let i = 0; i < 3; i++) {
      second.send({ t: 'call.join', ref: 10 + i, code, name: RESPONDENT.name, idLast4: `000${i}`, language: 'zh-CN' });
      expect(await second.next((f) => f.t === 'error' && f.ref === 10 + i, `wrong try ${i}`)).toMatchObject({ code: 'FORBIDDEN' });
    }
    // (the agent says it knows CODE_LOCKED, as every agent since it does)
    second.send({ t: 'call.join', ref: 20, code, ...ID, language: 'zh-CN', knows: ['CODE_LOCKED'] });
    const lockedThisMinute = await second.next((f) => f.t === 'error' && f.ref === 20, 'the code locked this minute');
    expect(lockedThisMinute).toMatchObject({ code: 'CODE_LOCKED' });
    expect(lockedThisMinute.retryAfterS).toBeUndefined();
    // …and after the minute it is still locked for good, even with the right name and ID ending.
    now += 2 * 60_000;
    second.send({ t: 'call.join', ref: 21, code, ...ID, language: 'zh-CN', knows: ['CODE_LOCKED'] });
    expect(await second.next((f) => f.t === 'error' && f.ref === 21, 'locked code')).toMatchObject({ code: 'CODE_LOCKED' });
    // An agent older than CODE_LOCKED (its frame does not say it knows it) would drop that frame and
    // wait out its request: it is answered NOT_FOUND, which it tells as a code that lets nobody in.
    second.send({ t: 'call.join', ref: 22, code, ...ID, language: 'zh-CN' });
    expect(await second.next((f) => f.t === 'error' && f.ref === 22, 'locked code, older agent')).toMatchObject({ code: 'NOT_FOUND' });
    second.send({ t: 'call.join', ref: 23, code, ...ID, language: 'zh-CN', knows: ['SOMETHING_ELSE'] });
    expect(await second.next((f) => f.t === 'error' && f.ref === 23, 'locked code, knows other codes')).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failures()).toBe(5);
    expect(m.frames.some((f) => f.t === 'room' && (roomOf(f).lobby?.length ?? 0) > 0)).toBe(false);

    // Every refusal is audited by the terminal, never with what was typed.
    const rows = await h.hub.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'room.join').execute();
    expect(await audit()).toEqual(Array(8).fill('terminal:KSK-JOIN-2:denied'));
    expect(JSON.stringify(rows)).not.toMatch(/王五|李四|4321|1234/);
  });

  it('lets a party whose ID number the case does not hold in by the code alone, and tells the desk', async () => {
    const { invite, second, m } = await twoKiosks({}, null);
    const code = await invite();
    second.send({ t: 'call.join', ref: 1, code, name: '随便', idLast4: '0000', language: 'zh-CN' });
    expect(await second.next((f) => f.t === 'call.state' && f.ref === 1, 'joined')).toMatchObject({ state: { state: 'ringing' } });
    const lobby = await m.next((f) => f.t === 'room' && (roomOf(f).lobby?.length ?? 0) === 1, 'the lobby');
    expect(roomOf(lobby).lobby![0]).toMatchObject({ role: 'respondent', unverified: true });
    expect(JSON.stringify(roomOf(lobby))).not.toContain('随便');
  });
});
