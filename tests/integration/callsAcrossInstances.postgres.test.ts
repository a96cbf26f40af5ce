import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/fixtures.js';
import { testDatabase } from '../support/hubEngine.js';
import { startHub, waitFor, type RunningHub } from '../support/hubHarness.js';
import { roomPaths } from '../../shared/rooms/joining.js';
import { signallingPaths } from '../../shared/signalling.js';
import { enrollTerminal, kioskClient, mediatorClient, mediatorSession, openFrameClient, type FrameClient } from '../support/signallingClients.js';

// Calls across hub instances on one PostgreSQL database (server/cluster/deskCluster.ts): the desk
// is held by one instance and every other relays its sockets there. A mediator going on duty
// through one instance counts on another; a call queued through A is offered to and answered by
// a desk on B, and their negotiation (an SDP far larger than a NOTIFY payload) passes intact; an
// instance killed without cleaning up — its mediators go off duty, and when it held the desk a
// survivor takes it, closes the dead one's call records and serves the next call. A join-page guest
// invited by a desk on one instance redeems the code through another, and the pass it is given
// opens its guest socket on either.

const cluster = { tickMs: 100, leaseMs: 1_500 };
let databaseUrl: string;
let dataKey: string;
const filesDir = tempDir('hub-calls-files-'); // instances on one database share one files folder
const hubs: RunningHub[] = [];
const clients: FrameClient[] = [];

async function instance(): Promise<RunningHub> {
  const h = await startHub({ dataDir: tempDir('hub-calls-'), filesDir, databaseUrl, dataKey, backup: false, signalling: { cluster, graceMs: 60_000 } });
  hubs.push(h);
  return h;
}
const track = (c: FrameClient): FrameClient => (clients.push(c), c);
const holds = (h: RunningHub) => h.hub.signalling.cluster?.holding() === true;

async function kiosk(h: RunningHub, credential: string): Promise<FrameClient> {
  const k = track(await kioskClient(h.url, credential));
  await k.next((f) => f.t === 'hello', 'hello', 30_000);
  return k;
}

async function mediator(h: RunningHub, username: string): Promise<FrameClient> {
  const m = track(await mediatorClient(h.url, await mediatorSession(h.hub, h.url, username)));
  await m.next((f) => f.t === 'hello', 'hello', 30_000);
  return m;
}

/** Kills an instance as SIGKILL would, as far as the others can tell: no goodbye, its sockets cut. */
function kill(h: RunningHub): void {
  h.hub.signalling.cluster!.halt();
  const { kiosks, mediators, guests } = h.hub.signalling.sockets();
  for (const ws of [...kiosks, ...mediators, ...guests]) ws.terminate();
}

const queuedWait = (f: Record<string, unknown>) => (f.state as { state: string; estimatedWaitS?: number | null }).estimatedWaitS;

beforeAll(async () => {
  ({ databaseUrl } = (await testDatabase(tempDir('hub-calls-db-'))) as { databaseUrl: string });
  dataKey = randomBytes(32).toString('base64');
  const a = await instance();
  await waitFor(() => holds(a), 'instance A to hold the desk');
  await instance();
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(hubs.map((h) => h.close()));
});

describe('calls across hub instances on one PostgreSQL database', () => {
  it('counts a mediator on duty through B for a kiosk and a desk on A, and answers A’s call from B with the negotiation intact', async () => {
    const [a, b] = hubs as [RunningHub, RunningHub];
    expect(holds(a) && !holds(b)).toBe(true);
    const k = await kiosk(a, await enrollTerminal(a.url, 'KSK-ACROSS-1', '一号机', '立案大厅'));
    const watcher = await mediator(a, 'med-watch');

    k.send({ t: 'call.request', ref: 1, language: 'zh-CN' });
    const queued = await k.next((f) => f.t === 'call.state' && f.ref === 1, 'the call queued');
    expect(queuedWait(queued)).toBeNull(); // nobody on duty yet
    const callId = (queued.state as { callId: string }).callId;

    const m = await mediator(b, 'med-across');
    m.send({ t: 'presence.set', status: 'available' });
    await m.next((f) => f.t === 'presence' && f.status === 'available', 'B’s mediator on duty');
    // Presence set through B is what A's desk and A's kiosk count.
    await watcher.next((f) => f.t === 'queue' && f.onDuty === 1, 'A’s desk to count B’s mediator on duty');
    expect(queuedWait(await k.next((f) => f.t === 'call.state' && queuedWait(f) != null, 'an estimate once someone is on duty'))).toBeGreaterThan(0);
    const offered = await m.next((f) => f.t === 'queue' && (f.calls as Array<{ callId: string }>).some((c) => c.callId === callId), 'A’s call offered on B');
    expect((offered.calls as Array<{ terminal: { name: string } }>)[0]!.terminal.name).toBe('一号机');

    m.send({ t: 'call.accept', ref: 2, callId });
    const ringing = await k.next((f) => f.t === 'call.state' && (f.state as { state: string }).state === 'ringing', 'ringing on A');
    expect((ringing.state as { mediatorName?: string }).mediatorName).toBe('李调解');
    const kioskRoom = (await k.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1, 'the kiosk’s room')).room as { selfId: string; peers: Array<{ peerId: string }> };
    const deskRoom = (await m.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 1, 'the desk’s room')).room as { selfId: string; peers: Array<{ peerId: string }> };
    expect(kioskRoom.peers[0]!.peerId).toBe(deskRoom.selfId);

    // An offer with many lines of Chinese text: far over 8000 bytes, and not ASCII.
    const sdp = `v=0\r\n${Array.from({ length: 400 }, (_, i) => `a=note:${i} 调解室视频 ${'x'.repeat(40)}`).join('\r\n')}\r\n`;
    m.send({ t: 'signal', callId, peerId: deskRoom.peers[0]!.peerId, description: { type: 'offer', sdp } });
    const offer = await k.next((f) => f.t === 'signal', 'the offer on A');
    expect(offer.signal).toEqual({ callId, peerId: deskRoom.selfId, description: { type: 'offer', sdp } });
    k.send({ t: 'signal', callId, peerId: kioskRoom.peers[0]!.peerId, candidate: { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
    const candidate = await m.next((f) => f.t === 'signal', 'the candidate on B');
    expect((candidate.signal as { peerId: string }).peerId).toBe(kioskRoom.selfId);

    m.send({ t: 'call.end', ref: 3, callId, outcome: 'settled', notes: '跨实例' });
    await m.next((f) => f.t === 'call.recorded' && f.ref === 3, 'the outcome recorded');
    await k.next((f) => f.t === 'call.state' && (f.state as { state: string }).state === 'ended', 'the call ended on A');
    const record = await a.hub.signalling.records.get(callId);
    expect(record).toMatchObject({ mediator: 'med-across', endReason: 'mediator_hangup', outcome: 'settled' });
    m.send({ t: 'presence.set', status: 'away' });
    await watcher.next((f) => f.t === 'queue' && f.onDuty === 0, 'B’s mediator away');
  });

  it('lets a guest in through any instance: invited through B, joined through A, its pass opening the guest socket on B and again on A', async () => {
    const [a, b] = hubs as [RunningHub, RunningHub];
    expect(holds(a) && !holds(b)).toBe(true);
    const k = await kiosk(a, await enrollTerminal(a.url, 'KSK-ACROSS-G'));
    const cookie = await mediatorSession(b.hub, b.url, 'med-guests');
    const m = track(await mediatorClient(b.url, cookie));
    await m.next((f) => f.t === 'hello', 'hello', 30_000);
    m.send({ t: 'presence.set', status: 'available' });
    await m.next((f) => f.t === 'presence' && f.status === 'available', 'on duty through B', 30_000);
    k.send({ t: 'call.request', ref: 1, language: 'zh-CN' });
    const callId = ((await k.next((f) => f.t === 'call.state' && f.ref === 1, 'queued', 30_000)).state as { callId: string }).callId;
    m.send({ t: 'call.accept', ref: 2, callId });
    await m.next((f) => f.t === 'room', 'the desk in the room', 30_000);

    // The desk (on B, an edge) invites; the guest's browser redeems the code through A.
    const post = (h: RunningHub, path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(h.url + path, { method: 'POST', headers: { 'content-type': 'application/json', origin: new URL(h.url).origin, ...headers }, body: JSON.stringify(body) });
    const invited = await post(b, roomPaths.invitations, { callId, role: 'interpreter' }, { cookie });
    expect(invited.status).toBe(201);
    const { code } = (await invited.json()) as { code: string };
    const joined = await post(a, roomPaths.join, { code, name: '赵译员', idLast4: '0000' });
    expect(joined.status).toBe(200);
    const { pass } = (await joined.json()) as { pass: string };
    expect((await post(b, roomPaths.join, { code, name: '赵译员', idLast4: '0000' })).status).toBe(404); // the code was used, on every instance

    const guestOn = async (h: RunningHub, token: string) => {
      const g = track(await openFrameClient(`${h.url.replace('http', 'ws')}${signallingPaths.guest}?pass=${encodeURIComponent(token)}`, { origin: new URL(h.url).origin }));
      await g.next((f) => f.t === 'hello', 'guest hello', 30_000);
      return g;
    };
    await expect(guestOn(b, 'not-a-pass')).rejects.toMatchObject({ status: 401 });
    const g = await guestOn(b, pass);
    const lobby = await m.next((f) => f.t === 'room' && ((f.room as { lobby?: unknown[] }).lobby?.length ?? 0) === 1, 'the guest in the lobby', 30_000);
    const peerId = (lobby.room as { lobby: Array<{ peerId: string }> }).lobby[0]!.peerId;
    m.send({ t: 'room.act', ref: 3, callId, action: 'admit', peerId });
    await g.next((f) => f.t === 'room' && (f.room as { peers: unknown[] }).peers.length === 2, 'the guest admitted, through B', 30_000);

    // A dropped network: the same pass, this time landing on A.
    g.close();
    await g.closed;
    const again = await guestOn(a, pass);
    await again.next((f) => f.t === 'room', 'the guest back in the room, through A', 30_000);
    m.send({ t: 'call.end', ref: 4, callId, outcome: 'settled', notes: '' });
    await m.next((f) => f.t === 'call.recorded' && f.ref === 4, 'the call ended', 30_000);
    m.send({ t: 'presence.set', status: 'away' });
  });

  it('forgets the mediators of a killed instance, and when the holder dies a survivor takes the desk and serves', async () => {
    const [a, b] = hubs as [RunningHub, RunningHub];
    const c = await instance();
    const watcher = await mediator(a, 'med-watch-2');
    const onB = await mediator(b, 'med-on-b');
    onB.send({ t: 'presence.set', status: 'available' });
    await watcher.next((f) => f.t === 'queue' && f.onDuty === 1, 'B’s mediator on duty, seen on A');

    kill(b); // an edge dies: its mediator's presence expires with the lease
    await watcher.next((f) => f.t === 'queue' && f.onDuty === 0, 'B’s mediator gone, seen on A');

    const credential = await enrollTerminal(c.url, 'KSK-ACROSS-2');
    const k = await kiosk(c, credential);
    k.send({ t: 'call.request', ref: 1, language: 'en' });
    const lost = ((await k.next((f) => f.t === 'call.state' && f.ref === 1, 'a call queued on the holder A')).state as { callId: string }).callId;

    kill(a); // the holder dies with the queued call: C takes the desk
    await waitFor(() => holds(c), 'instance C to hold the desk');
    await waitFor(async () => (await c.hub.signalling.records.get(lost))?.endReason === 'hub_restart', 'the dead holder’s call record closed');

    // C serves: the kiosk (already on C) calls again and a mediator on C answers.
    const m = await mediator(c, 'med-on-c');
    m.send({ t: 'presence.set', status: 'available' });
    await m.next((f) => f.t === 'presence' && f.status === 'available', 'on duty on C');
    k.send({ t: 'call.request', ref: 2, language: 'en' });
    const callId = ((await k.next((f) => f.t === 'call.state' && f.ref === 2, 'the new call')).state as { callId: string }).callId;
    expect(callId).not.toBe(lost);
    m.send({ t: 'call.accept', ref: 3, callId });
    await k.next((f) => f.t === 'call.state' && (f.state as { state: string }).state === 'ringing', 'answered on C');
  });
});
