import { afterEach, describe, expect, it } from 'vitest';
import { roomPaths } from '../../shared/rooms/joining.js';
import { signallingPaths } from '../../shared/signalling.js';
import { answeredCall } from '../support/answeredCall.js';
import { sampleApplication } from '../support/fixtures.js';
import { startHub, waitFor } from '../support/hubHarness.js';
import { openFrameClient, type FrameClient } from '../support/signallingClients.js';

// Media state in a room over the real hub (issue 12): each page reports how the others' media
// reaches it (room.media); the hub keeps the reports per room in memory and tells everyone whose
// media is interrupted (RoomPeer.mediaInterrupted) only when that changes; an interruption that
// lasts past the hub's threshold (made short here) is one room.media.interrupted event on the
// case, and a short one none. A malformed report is refused like any bad frame. And (session 12)
// each participant's own camera off (room.camera), kept on their place and told to everyone.
// SQLite and PostgreSQL.

const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };
const LOGGED_MS = 1_500;

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});
const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);

type Frame = Record<string, unknown> & { t: string };
type Peer = { peerId: string; role: string; muted?: boolean; mediaInterrupted?: boolean; cameraOff?: boolean };
type RoomView = { selfId: string; peers: Peer[]; lobby?: Peer[]; waiting?: string; selfCameraOff?: boolean };
const roomOf = (f: Frame) => f.room as RoomView;

/** A kiosk call answered by med1, with the respondent admitted from the join page: three in the room. */
async function roomOfThree() {
  const h = await startHub({ signalling: { mediaInterruptionLoggedMs: LOGGED_MS } });
  cleanup.push(() => h.close());
  const origin = new URL(h.url).origin;
  const application = sampleApplication();
  application.respondents = [{ kind: 'person', name: RESPONDENT.name, idNumber: RESPONDENT.idNumber, address: '兰州市城关区庆阳路2号' }];
  const { m, k, callId, caseId, cookie } = await answeredCall(h, track, { terminalId: 'KSK-MEDIA-1', application });
  const invited = await fetch(h.url + roomPaths.invitations, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: JSON.stringify({ callId, role: 'respondent' }) });
  const { code } = (await invited.json()) as { code: string };
  const joined = await fetch(h.url + roomPaths.join, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ code, name: RESPONDENT.name, idLast4: '1234' }),
  });
  const { pass } = (await joined.json()) as { pass: string };
  const g = track(await openFrameClient(`${h.url.replace('http', 'ws')}${signallingPaths.guest}?pass=${encodeURIComponent(pass)}`, { origin }));
  await g.next((f) => f.t === 'hello', 'guest hello');
  const lobby = await m.next((f) => f.t === 'room' && (roomOf(f).lobby?.length ?? 0) === 1, 'lobby');
  m.send({ t: 'room.act', ref: 1, callId, action: 'admit', peerId: roomOf(lobby).lobby![0]!.peerId });
  const desk = roomOf(await m.next((f) => f.t === 'room' && roomOf(f).peers.length === 2 && !roomOf(f).lobby, 'desk sees both parties'));
  const ids = {
    desk: desk.selfId,
    kiosk: desk.peers.find((p) => p.role === 'resident')!.peerId,
    phone: desk.peers.find((p) => p.role === 'respondent')!.peerId,
  };
  await k.next((f) => f.t === 'room' && roomOf(f).peers.length === 2, 'kiosk sees both');
  await g.next((f) => f.t === 'room' && !roomOf(f).waiting && roomOf(f).peers.length === 2, 'phone in the room');
  const events = async () => (await h.hub.cases.events(h.hub.database, caseId)).map((e) => e.event).filter((e) => e.type === 'room.media.interrupted');
  return { h, m, k, g, callId, ids, events };
}

const report = (callId: string, peers: Record<string, 'ok' | 'stalled'>) => ({ t: 'room.media', callId, peers: Object.entries(peers).map(([peerId, media]) => ({ peerId, media })) });
const peerIn = (f: Frame, peerId: string) => roomOf(f).peers.find((p) => p.peerId === peerId);

describe('media state in a room', () => {
  it('shows the staff whose media is interrupted while it lasts, and logs a long interruption once on the case', async () => {
    const { m, k, g, callId, ids, events } = await roomOfThree();

    // The cut kiosk receives nobody; the desk and the phone receive each other but not the kiosk.
    k.send(report(callId, { [ids.desk]: 'stalled', [ids.phone]: 'stalled' }));
    const marked = await m.next((f) => f.t === 'room' && peerIn(f, ids.kiosk)?.mediaInterrupted === true, 'the desk sees the kiosk party interrupted');
    expect(peerIn(marked, ids.phone)?.mediaInterrupted).toBeUndefined();
    m.send(report(callId, { [ids.kiosk]: 'stalled', [ids.phone]: 'ok' }));
    g.send(report(callId, { [ids.kiosk]: 'stalled', [ids.desk]: 'ok' }));
    // The phone sees the same: only the kiosk party.
    const seenByPhone = await g.next((f) => f.t === 'room' && peerIn(f, ids.kiosk)?.mediaInterrupted === true, 'the phone sees it too');
    expect(peerIn(seenByPhone, ids.desk)?.mediaInterrupted).toBeUndefined();

    // Past the threshold: one event on the case, naming the party by terminal and role, not by name.
    await waitFor(async () => (await events()).length === 1, 'the interruption on the case');
    const [event] = await events();
    expect(event!.payload).toMatchObject({ roomId: callId, role: 'applicant', participant: 'KSK-MEDIA-1', seconds: Math.round(LOGGED_MS / 1000) });

    // Media flows again: every report ok, and the mark goes by itself.
    k.send(report(callId, { [ids.desk]: 'ok', [ids.phone]: 'ok' }));
    m.send(report(callId, { [ids.kiosk]: 'ok', [ids.phone]: 'ok' }));
    g.send(report(callId, { [ids.kiosk]: 'ok', [ids.desk]: 'ok' }));
    await m.next((f) => f.t === 'room' && peerIn(f, ids.kiosk) !== undefined && peerIn(f, ids.kiosk)!.mediaInterrupted === undefined, 'the mark is gone');
    expect((await events()).length).toBe(1);
  });

  it('a short interruption is shown but not logged; one page alone unable to see another marks nobody', async () => {
    const { m, k, g, callId, ids, events } = await roomOfThree();
    // Only the desk cannot see the phone: the phone's media reaches the kiosk, so nobody is marked
    // (seen in the next room frame, which muting the phone brings).
    k.send(report(callId, { [ids.desk]: 'ok', [ids.phone]: 'ok' }));
    g.send(report(callId, { [ids.kiosk]: 'ok', [ids.desk]: 'ok' }));
    m.send(report(callId, { [ids.kiosk]: 'ok', [ids.phone]: 'stalled' }));
    m.send({ t: 'room.act', ref: 2, callId, action: 'mute', peerId: ids.phone });
    const muted = await m.next((f) => f.t === 'room' && peerIn(f, ids.phone)?.muted === true, 'the phone muted');
    expect(roomOf(muted).peers.filter((p) => p.mediaInterrupted)).toEqual([]);
    m.send(report(callId, { [ids.kiosk]: 'ok', [ids.phone]: 'ok' }));
    // A short interruption of the kiosk party: marked, then cleared before the threshold.
    k.send(report(callId, { [ids.desk]: 'stalled', [ids.phone]: 'stalled' }));
    const marked = await m.next((f) => f.t === 'room' && peerIn(f, ids.kiosk)?.mediaInterrupted === true, 'the kiosk party marked');
    expect(peerIn(marked, ids.phone)?.mediaInterrupted).toBeUndefined();
    k.send(report(callId, { [ids.desk]: 'ok', [ids.phone]: 'ok' }));
    await m.next((f) => f.t === 'room' && peerIn(f, ids.kiosk) !== undefined && !peerIn(f, ids.kiosk)!.mediaInterrupted, 'cleared');
    expect(await events()).toEqual([]);
    // Then a long one of the phone's: its event comes a threshold after it began, so the kiosk
    // party's timer, begun earlier, would have fired first had clearing not stopped it.
    g.send(report(callId, { [ids.kiosk]: 'stalled', [ids.desk]: 'stalled' }));
    await m.next((f) => f.t === 'room' && peerIn(f, ids.phone)?.mediaInterrupted === true, 'the phone marked');
    await waitFor(async () => (await events()).length > 0, 'the phone’s interruption on the case');
    expect((await events()).map((e) => e.payload)).toEqual([expect.objectContaining({ role: 'respondent' })]);

    // A malformed report is refused as a bad frame.
    g.send({ t: 'room.media', callId, peers: [{ peerId: ids.kiosk, media: 'frozen' }] });
    await g.next((f) => f.t === 'error' && f.code === 'INVALID_FRAME', 'refused');
  });

  it("a camera turned off by its owner, from the kiosk, the desk or the phone: the others' rooms say so, the owner's too, and on again", async () => {
    const { m, k, g, callId, ids } = await roomOfThree();
    // The desk's camera off (as when it answers with it off from the call before).
    m.send({ t: 'room.camera', callId, off: true });
    const onKiosk = await k.next((f) => f.t === 'room' && peerIn(f, ids.desk)?.cameraOff === true, 'the kiosk told the desk’s camera is off');
    expect(peerIn(onKiosk, ids.phone)?.cameraOff).toBeUndefined();
    await g.next((f) => f.t === 'room' && peerIn(f, ids.desk)?.cameraOff === true, 'the phone told too');
    await m.next((f) => f.t === 'room' && roomOf(f).selfCameraOff === true, 'the desk’s own room has it');
    // The kiosk's (through its agent's frame) and the phone's.
    k.send({ t: 'room.camera', callId, off: true });
    g.send({ t: 'room.camera', callId, off: true });
    const onDesk = await m.next((f) => f.t === 'room' && peerIn(f, ids.kiosk)?.cameraOff === true && peerIn(f, ids.phone)?.cameraOff === true, 'the desk told both');
    expect(roomOf(onDesk).selfCameraOff).toBe(true);
    // On again.
    m.send({ t: 'room.camera', callId, off: false });
    // (the kiosk's own camera stays off in its room meanwhile)
    await k.next((f) => f.t === 'room' && roomOf(f).selfCameraOff === true && peerIn(f, ids.desk) !== undefined && peerIn(f, ids.desk)!.cameraOff === undefined, 'the desk’s camera on again');
    // A camera word for a call that is not yours is refused; a malformed one is a bad frame.
    g.send({ t: 'room.camera', callId: '00000000-0000-4000-8000-000000000000', off: true });
    await g.next((f) => f.t === 'error' && f.code === 'NOT_FOUND', 'not your call');
    k.send({ t: 'room.camera', callId, off: 'yes' });
    await k.next((f) => f.t === 'error' && f.code === 'INVALID_FRAME', 'refused');
  });
});
