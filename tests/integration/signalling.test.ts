import { createHmac, randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { hubPaths } from '../../shared/hubProtocol.js';
import { signallingPaths } from '../../shared/signalling.js';
import { ADMIN_PASSWORD, startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { sampleApplication, sampleResident } from '../support/fixtures.js';
import { enrollTerminal, kioskClient, mediatorClient, mediatorSession, openFrameClient, type FrameClient } from '../support/signallingClients.js';

// The hub's call desk over its real signalling socket: who may connect, what a malformed client
// gets, the first-come-first-served queue, rooms and relay, and the call records it leaves.

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function hub(options: Parameters<typeof startHub>[0] = {}): Promise<RunningHub> {
  const h = await startHub(options);
  cleanup.push(() => h.close());
  return h;
}
const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);
const wsUrl = (h: RunningHub, path: string) => h.url.replace('http', 'ws') + path;

async function kiosk(h: RunningHub, id: string, name = id, location = '') {
  const credential = await enrollTerminal(h.url, id, name, location);
  const k = track(await kioskClient(h.url, credential));
  await k.next((f) => f.t === 'hello', 'hello');
  return k;
}

async function mediator(h: RunningHub, username = 'med1', onDuty = true) {
  const m = track(await mediatorClient(h.url, await mediatorSession(h.hub, h.url, username)));
  await m.next((f) => f.t === 'hello', 'hello');
  if (onDuty) {
    m.send({ t: 'presence.set', status: 'available' });
    await m.next((f) => f.t === 'presence' && f.status === 'available', 'on duty');
  }
  return m;
}

const refusal = (url: string, headers: Record<string, string>) =>
  openFrameClient(url, headers).then(
    (c) => (c.close(), 101),
    (e: { status?: number }) => e.status ?? 0,
  );

describe('signalling socket: who may connect', () => {
  it('refuses kiosks without, or with a forged, credential and mediators without a session or from another origin', async () => {
    const h = await hub();
    const credential = await enrollTerminal(h.url, 'KSK-AUTH-1');
    const kioskPath = wsUrl(h, signallingPaths.kiosk);
    const mediatorPath = wsUrl(h, signallingPaths.mediator);
    expect(await refusal(kioskPath, {})).toBe(401);
    expect(await refusal(kioskPath, { authorization: `Bearer ${'x'.repeat(43)}` })).toBe(401);
    const forged = credential.slice(0, -1) + (credential.endsWith('A') ? 'B' : 'A');
    expect(await refusal(kioskPath, { authorization: `Bearer ${forged}` })).toBe(401);
    expect(await refusal(kioskPath, { authorization: credential })).toBe(401);
    expect(await refusal(kioskPath, { authorization: `Bearer ${credential}` })).toBe(101);

    const cookie = await mediatorSession(h.hub, h.url);
    expect(await refusal(mediatorPath, { origin: new URL(h.url).origin })).toBe(401);
    expect(await refusal(mediatorPath, { origin: new URL(h.url).origin, cookie: 'hub_session=forged-token-value' })).toBe(401);
    expect(await refusal(mediatorPath, { cookie })).toBe(403); // no Origin
    expect(await refusal(mediatorPath, { cookie, origin: 'http://evil.example' })).toBe(403);
    // A kiosk credential is no use on the mediator socket, nor a session on the kiosk socket.
    expect(await refusal(mediatorPath, { origin: new URL(h.url).origin, authorization: `Bearer ${credential}` })).toBe(401);
    expect(await refusal(kioskPath, { cookie })).toBe(401);
    expect(await refusal(wsUrl(h, '/api/v1/signalling/other'), { authorization: `Bearer ${credential}` })).toBe(404);
    expect(await refusal(mediatorPath, { cookie, origin: new URL(h.url).origin })).toBe(101);

    // The court admin signs in to the intake console but does not take calls.
    const login = await fetch(`${h.url}/console/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'admin', password: ADMIN_PASSWORD }).toString(),
      redirect: 'manual',
    });
    const adminCookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(await refusal(mediatorPath, { cookie: adminCookie, origin: new URL(h.url).origin })).toBe(403);
    // the refusal of a role is audited (written before the socket is refused), as the desk's HTTP routes audit it
    const denied = await h.hub.database.db.selectFrom('audit_log').select(['action', 'record_id']).where('actor_id', '=', 'admin').where('outcome', '=', 'denied').execute();
    expect(denied).toEqual([{ action: 'desk.open', record_id: 'NOT_A_DESK_ROLE' }]);
  });

  it('answers mediator sign-in with 401/403 and never with a session for the wrong account', async () => {
    const h = await hub();
    await mediatorSession(h.hub, h.url); // creates med1
    const origin = new URL(h.url).origin;
    const post = (body: unknown, headers: Record<string, string> = { origin }) =>
      fetch(`${h.url}/api/v1/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post({ username: 'med1', password: 'wrong-password' })).status).toBe(401);
    const admin = await post({ username: 'admin', password: ADMIN_PASSWORD });
    expect(admin.status).toBe(403);
    expect(admin.headers.get('set-cookie')).toBeNull();
    expect((await post({ username: 'med1', password: 'mediator-test-password' }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post({ username: 'med1' })).status).toBe(400);
    expect((await fetch(`${h.url}/api/v1/mediator/session`)).status).toBe(401);
  });
});

describe('signalling socket: malformed and abusive clients', () => {
  it('answers bad frames with errors, closes with 1008 on repeated abuse, and the hub stays healthy', async () => {
    const h = await hub();
    const k = await kiosk(h, 'KSK-FUZZ-1');
    for (const bad of ['not json', '{"t":"nope"}', '{"t":"call.request","ref":-1,"language":"en"}', '[]', '{"t":"signal","callId":"x"}']) {
      k.send(bad);
    }
    expect((await k.closed).code).toBe(1008);
    const errors = k.frames.filter((f) => f.t === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(4);

    const m = await mediator(h, 'med-fuzz');
    m.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await m.closed).code).toBe(1008);

    const flood = await kiosk(h, 'KSK-FUZZ-2');
    for (let i = 0; i < 400; i++) flood.send({ t: 'call.cancel', callId: randomUUID() });
    expect((await flood.closed).code).toBe(1008);

    // Oversized frames are cut off by the socket itself (1009), not by a crash.
    const big = await kiosk(h, 'KSK-FUZZ-3');
    big.send(JSON.stringify({ t: 'signal', pad: 'x'.repeat(70 * 1024) }));
    expect((await big.closed).code).toBe(1009);

    expect((await fetch(h.url + hubPaths.health)).status).toBe(200);
    // A well-behaved kiosk is unaffected.
    const ok = await kiosk(h, 'KSK-FUZZ-4');
    ok.send({ t: 'call.request', ref: 1, language: 'en' });
    expect((await ok.next((f) => f.t === 'call.state', 'queued')).state).toMatchObject({ state: 'queued', position: 1 });
  });
});

describe('call desk', () => {
  it('queues two kiosks first come first served and moves the second up when the first is answered', async () => {
    const h = await hub();
    const m = await mediator(h);
    const a = await kiosk(h, 'KSK-Q-A', '城关区 1号机', '兰州市城关区');
    const b = await kiosk(h, 'KSK-Q-B', '七里河 2号机', '兰州市七里河区');
    a.send({ t: 'call.request', ref: 1, language: 'zh-CN' });
    const qa = (await a.next((f) => f.t === 'call.state' && f.ref === 1, 'a queued')).state as { callId: string; position: number; estimatedWaitS: number };
    b.send({ t: 'call.request', ref: 1, language: 'en' });
    const qb = (await b.next((f) => f.t === 'call.state' && f.ref === 1, 'b queued')).state as { callId: string; position: number };
    expect(qa.position).toBe(1);
    expect(qa.estimatedWaitS).toBe(30); // an idle mediator is on duty
    expect(qb.position).toBe(2);

    const queue = await m.next((f) => f.t === 'queue' && (f.calls as unknown[]).length === 2, 'queue of two');
    expect((queue.calls as Array<{ callId: string; terminal: { name: string; location: string } }>).map((c) => c.callId)).toEqual([qa.callId, qb.callId]);
    expect((queue.calls as Array<{ terminal: { location: string } }>)[0]!.terminal.location).toBe('兰州市城关区');

    // Asking again returns the same call, not a second place in the line.
    a.send({ t: 'call.request', ref: 2, language: 'zh-CN' });
    expect(((await a.next((f) => f.t === 'call.state' && f.ref === 2)).state as { callId: string }).callId).toBe(qa.callId);

    m.send({ t: 'call.accept', ref: 7, callId: qa.callId });
    const ringing = await a.next((f) => f.t === 'call.state' && (f.state as { state: string }).state === 'ringing', 'a ringing');
    expect(ringing.state).toMatchObject({ mediatorName: '李调解' });
    const moved = await b.next((f) => f.t === 'call.state' && (f.state as { position?: number }).position === 1, 'b moves up');
    // The only mediator is busy now: the estimate waits for half an average call.
    expect((moved.state as { estimatedWaitS: number }).estimatedWaitS).toBeGreaterThan(30);

    // Rooms: each side sees the other, and negotiation messages pass between them.
    const roomA = (await a.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1, 'a room')).room as { selfId: string; peers: Array<{ peerId: string; role: string }> };
    const roomM = (await m.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1, 'm room')).room as {
      selfId: string;
      peers: Array<{ peerId: string; role: string; displayName?: string }>;
    };
    expect(roomA.peers[0]).toMatchObject({ peerId: roomM.selfId, role: 'mediator', displayName: '李调解' });
    expect(roomM.peers[0]).toMatchObject({ peerId: roomA.selfId, role: 'resident' });
    expect(roomM.peers[0]!.displayName).toBeUndefined();
    a.send({ t: 'signal', callId: qa.callId, peerId: roomA.peers[0]!.peerId, description: { type: 'offer', sdp: 'v=0\r\n' } });
    const relayed = await m.next((f) => f.t === 'signal', 'relayed offer');
    expect(relayed.signal).toEqual({ callId: qa.callId, peerId: roomA.selfId, description: { type: 'offer', sdp: 'v=0\r\n' } });

    // A second accept of the same call fails; the other kiosk cancels while waiting.
    const m2 = await mediator(h, 'med2');
    m2.send({ t: 'call.accept', ref: 3, callId: qa.callId });
    expect(await m2.next((f) => f.t === 'error' && f.ref === 3)).toMatchObject({ code: 'ALREADY_TAKEN' });
    b.send({ t: 'call.cancel', callId: qb.callId });
    expect((await b.next((f) => f.t === 'call.state' && (f.state as { state: string }).state === 'ended')).state).toMatchObject({ reason: 'cancelled' });
    await m.next((f) => f.t === 'queue' && (f.calls as unknown[]).length === 0, 'queue empty');

    // The mediator ends with an outcome; the kiosk hears the call is over; the record keeps it all.
    m.send({ t: 'call.end', ref: 9, callId: qa.callId, outcome: 'scheduled', notes: '约定下周二到中心面谈' });
    expect((await a.next((f) => f.t === 'call.state' && (f.state as { state: string }).state === 'ended')).state).toMatchObject({ reason: 'mediator_hangup' });
    await m.next((f) => f.t === 'call.recorded' && f.ref === 9);
    const record = (await h.hub.signalling.records.get(qa.callId))!;
    expect(record).toMatchObject({ terminalId: 'KSK-Q-A', mediator: 'med1', endReason: 'mediator_hangup', outcome: 'scheduled', notes: '约定下周二到中心面谈' });
    expect(record.answeredAt).not.toBeNull();
    expect(record.durationS).toBeGreaterThanOrEqual(0);
    expect(await h.hub.signalling.records.get(qb.callId)).toMatchObject({ endReason: 'cancelled', answeredAt: null, durationS: null, outcome: null });
    // Only the mediator who answered may record an outcome.
    m2.send({ t: 'call.end', ref: 4, callId: qa.callId, outcome: 'settled', notes: '' });
    expect(await m2.next((f) => f.t === 'error' && f.ref === 4)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives a rejoining kiosk a new peer id and tells the mediator to rebuild its link', async () => {
    const h = await hub();
    const m = await mediator(h);
    const k = await kiosk(h, 'KSK-REJOIN');
    k.send({ t: 'call.request', ref: 1, language: 'en' });
    const callId = ((await k.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
    m.send({ t: 'call.accept', ref: 1, callId });
    const first = (await k.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1)).room as { selfId: string };
    await m.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1);
    k.send({ t: 'call.rejoin', callId });
    const again = (await k.next((f) => f.t === 'room' && (f.room as { selfId: string }).selfId !== first.selfId, 'room after rejoin')).room as { selfId: string; peers: unknown[] };
    expect(again.peers).toHaveLength(1);
    const seen = (await m.next((f) => f.t === 'room' && (f.room as { peers: Array<{ peerId: string }> }).peers[0]?.peerId !== first.selfId, 'mediator told')).room as {
      peers: Array<{ peerId: string }>;
    };
    expect(seen.peers.map((p) => p.peerId)).toEqual([again.selfId]);
    // Rejoining a call that was never answered is refused, not a crash.
    const k2 = await kiosk(h, 'KSK-REJOIN-2');
    k2.send({ t: 'call.request', ref: 1, language: 'en' });
    const waiting = ((await k2.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
    k2.send({ t: 'call.rejoin', callId: waiting });
    expect(await k2.next((f) => f.t === 'error')).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses answers from a mediator who is away, and says nobody is on duty', async () => {
    const h = await hub();
    const m = await mediator(h, 'med-away', false);
    const k = await kiosk(h, 'KSK-AWAY');
    k.send({ t: 'call.request', ref: 1, language: 'en' });
    const state = (await k.next((f) => f.t === 'call.state')).state as { callId: string; estimatedWaitS: number | null };
    expect(state.estimatedWaitS).toBeNull();
    m.send({ t: 'call.accept', ref: 2, callId: state.callId });
    expect(await m.next((f) => f.t === 'error' && f.ref === 2)).toMatchObject({ code: 'NOT_ON_DUTY' });
    m.send({ t: 'presence.set', status: 'available' });
    const eta = await k.next((f) => f.t === 'call.state' && (f.state as { estimatedWaitS: number | null }).estimatedWaitS === 30, 'estimate once on duty');
    expect(eta.state).toMatchObject({ position: 1 });
  });

  it('shows the mediator the intake filed just before the call, also when it arrives after the call was queued', async () => {
    const h = await hub();
    const credential = await enrollTerminal(h.url, 'KSK-INTAKE', '城关区 1号机');
    const k = track(await kioskClient(h.url, credential));
    const m = await mediator(h);
    const submissionId = randomUUID();
    k.send({ t: 'call.request', ref: 1, language: 'zh-CN', submissionId });
    const callId = ((await k.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
    await m.next((f) => f.t === 'queue' && (f.calls as Array<{ intakePending: boolean }>)[0]?.intakePending === true, 'pending intake');
    const res = await fetch(h.url + hubPaths.intakes, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': submissionId },
      body: JSON.stringify({ submissionId, provisionalNumber: 'KSK-INTAKE-1', language: 'zh-CN', submittedAt: new Date().toISOString(), application: sampleApplication() }),
    });
    expect(res.status).toBe(201);
    const queue = await m.next((f) => f.t === 'queue' && Boolean((f.calls as Array<{ intake: unknown }>)[0]?.intake), 'intake arrives');
    const intake = (queue.calls as Array<{ intake: Record<string, unknown> }>)[0]!.intake;
    expect(intake).toMatchObject({ applicantName: sampleResident.name, disputeType: 'neighbour', mobileMasked: '139****5678' });
    expect(JSON.stringify(queue)).not.toContain(sampleResident.mobile);
    m.send({ t: 'call.accept', ref: 2, callId });
    const call = await m.next((f) => f.t === 'call', 'call details');
    expect(call.call).toMatchObject({ callId, intake: { description: expect.stringContaining(sampleResident.facts) }, terminal: { name: '城关区 1号机' } });

    // Another kiosk cannot point a mediator at this intake.
    const other = await kiosk(h, 'KSK-OTHER');
    other.send({ t: 'call.request', ref: 1, language: 'zh-CN', submissionId });
    const q = await m.next((f) => f.t === 'queue' && (f.calls as unknown[]).length === 1, 'other queued');
    expect((q.calls as Array<{ intake: unknown; intakePending: boolean }>)[0]).toMatchObject({ intake: null, intakePending: true });
  });

  it('hands out time-limited TURN credentials that coturn would accept, fresh for each join', async () => {
    const secret = 'turn-shared-secret-0123456789';
    const h = await hub({ signalling: { ice: { turn: { urls: ['turn:127.0.0.1:3478?transport=udp'], secret, ttlS: 600 }, transportPolicy: 'relay' } } });
    const m = await mediator(h);
    const k = await kiosk(h, 'KSK-TURN');
    const asked = Math.floor(Date.now() / 1000);
    k.send({ t: 'call.request', ref: 1, language: 'en' });
    const callId = ((await k.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
    m.send({ t: 'call.accept', ref: 1, callId });
    const room = (await k.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1)).room as {
      ice: { iceTransportPolicy: string; iceServers: Array<{ urls: string[]; username: string; credential: string }> };
    };
    expect(room.ice.iceTransportPolicy).toBe('relay');
    const server = room.ice.iceServers[0]!;
    const [expiry, who] = server.username.split(':');
    // Valid for the ttl from when it was handed out (between the request and now).
    expect(Number(expiry)).toBeGreaterThanOrEqual(asked + 600);
    expect(Number(expiry)).toBeLessThanOrEqual(Date.now() / 1000 + 600);
    expect(who).toBe('KSK-TURN');
    expect(server.credential).toBe(createHmac('sha1', secret).update(server.username).digest('base64'));
  });

  it('keeps a call through a dropped kiosk socket within the grace period, and ends it after', async () => {
    // The default grace (30 s): the kiosk is back long before it ends, however busy the machine.
    const h = await hub();
    const m = await mediator(h);
    const credential = await enrollTerminal(h.url, 'KSK-GRACE');
    const k1 = track(await kioskClient(h.url, credential));
    k1.send({ t: 'call.request', ref: 1, language: 'en' });
    const callId = ((await k1.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
    m.send({ t: 'call.accept', ref: 1, callId });
    const roomM = (await m.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1)).room as { peers: Array<{ peerId: string }> };
    k1.ws.terminate();
    await waitFor(() => h.hub.signalling.sockets().kiosks.length === 0 || null, 'the hub to see the kiosk gone');
    // Messages for the kiosk wait for it while it is away…
    m.send({ t: 'signal', callId, peerId: roomM.peers[0]!.peerId, candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    const k2 = track(await kioskClient(h.url, credential));
    const hello = await k2.next((f) => f.t === 'hello');
    expect(hello.call).toMatchObject({ state: { callId, state: 'ringing' } });
    await k2.next((f) => f.t === 'room', 'room again');
    expect((await k2.next((f) => f.t === 'signal', 'held signal')).signal).toMatchObject({ callId, candidate: { sdpMid: '0' } });
    // …but not forever: on a hub whose grace is short, a kiosk that stays away loses the call.
    const brief = await hub({ signalling: { graceMs: 400 } });
    const m2 = await mediator(brief);
    const k3 = await kiosk(brief, 'KSK-GRACE-2');
    k3.send({ t: 'call.request', ref: 1, language: 'en' });
    const lostId = ((await k3.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
    m2.send({ t: 'call.accept', ref: 1, callId: lostId });
    await m2.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1);
    k3.ws.terminate();
    const ended = await m2.next((f) => f.t === 'call' && (f.call as { endedReason: string | null }).endedReason !== null, 'call ended');
    expect(ended.call).toMatchObject({ endedReason: 'resident_lost' });
    await waitFor(async () => (await brief.hub.signalling.records.get(lostId))?.endReason === 'resident_lost', 'record');
  });

  it('ends calls nobody answers in time', async () => {
    const h = await hub({ signalling: { maxQueueWaitMs: 300 } });
    const k = await kiosk(h, 'KSK-TIMEOUT');
    k.send({ t: 'call.request', ref: 1, language: 'en' });
    const callId = ((await k.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
    expect((await k.next((f) => f.t === 'call.state' && (f.state as { state: string }).state === 'ended')).state).toMatchObject({ callId, reason: 'queue_timeout' });
  });

  it('closes calls a stopped hub left open when it starts again', async () => {
    const h = await startHub();
    const k = await kiosk(h, 'KSK-RESTART');
    k.send({ t: 'call.request', ref: 1, language: 'en' });
    const callId = ((await k.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
    // The queue lives in memory: whatever stops the hub, a new one closes the open record.
    k.ws.terminate();
    await h.close();
    const again = await hub({ dataDir: h.dataDir });
    expect(await again.hub.signalling.records.get(callId)).toMatchObject({ endReason: 'hub_restart', answeredAt: null });
  });
});
