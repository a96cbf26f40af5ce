import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { hubPaths } from '../../shared/hubProtocol.js';
import { roomPaths } from '../../shared/rooms/joining.js';
import { signallingPaths } from '../../shared/signalling.js';
import { sfuOptions } from '../../server/sfu/options.js';
import { divertDispute, signedInStaff } from './dashboardViewers.js';
import { sampleApplication } from './fixtures.js';
import { startHub, waitFor } from './hubHarness.js';
import { requireMediasoupWorker } from './sfuWorker.js';
import { enrollTerminal, kioskClient, mediatorClient, mediatorSession, openFrameClient, type FrameClient } from './signallingClients.js';

// An online hearing's room on a real hub with the real SFU worker (issue 12 item 5), for the
// hearing's tests: a kiosk's call about a diverted case, answered at the desk by `deskRole` staff,
// with the respondent admitted from the join page; and the frames that step it.

export const RESPONDENT = { name: '李四', idNumber: '620102197001011234' };

/** What a test closes after itself: `track` a client, and the hubs started here are added too. */
export type Cleanup = Array<() => Promise<void> | void>;

export type Frame = Record<string, unknown> & { t: string };
type Hearing = { phase: string; floor?: string; quiet?: boolean; silenced?: boolean };
type RoomView = {
  selfId: string;
  waiting?: string;
  peers: Array<{ peerId: string; silenced?: boolean }>;
  lobby?: Array<{ peerId: string }>;
  hearing?: Hearing;
  recording?: { phase: string; mustAnswer?: boolean };
};
export const roomOf = (f: Frame) => f.room as RoomView;

export function hearingRooms(cleanup: Cleanup) {
  const track = <T extends FrameClient>(c: T): T => (cleanup.push(() => c.close()), c);
  /** A kiosk's call about a diverted case (with `moreRespondents` after the first), answered at the desk by `deskRole` staff, with the first respondent admitted from the join page. */
  async function hearingRoom(
    deskRole: 'judge' | 'mediator' = 'judge',
    moreRespondents: ReadonlyArray<{ name: string; idNumber: string }> = [],
    consoleDir?: string,
    hubOptions: Omit<NonNullable<Parameters<typeof startHub>[0]>, 'signalling'> = {},
  ) {
    requireMediasoupWorker();
    // `consoleDir`: the built console, for a browser to open the join page on this hub (end to end).
    // `hubOptions`: the hub's clock, its database (another instance's), the proxies it trusts…
    const h = await startHub({ ...hubOptions, signalling: { sfu: sfuOptions({ workers: 1 }), ...(consoleDir ? { consoleDir } : {}) } });
    cleanup.push(() => h.close());
    const origin = new URL(h.url).origin;
    const judge = deskRole === 'judge' ? await signedInStaff(h.hub, 'judge') : null;
    const cookie = judge ? judge.cookie : await mediatorSession(h.hub, h.url);
    const j = track(await mediatorClient(h.url, cookie));
    await j.next((f) => f.t === 'hello', 'desk hello');
    j.send({ t: 'presence.set', status: 'available' });
    await j.next((f) => f.t === 'presence' && f.status === 'available', 'on duty');
    const credential = await enrollTerminal(h.url, 'KSK-HEAR-1');
    const k = track(await kioskClient(h.url, credential));
    await k.next((f) => f.t === 'hello', 'kiosk hello');
    const submissionId = randomUUID();
    const application = sampleApplication();
    application.respondents = [RESPONDENT, ...moreRespondents].map((p) => ({ kind: 'person' as const, name: p.name, idNumber: p.idNumber, address: '兰州市城关区庆阳路2号' }));
    const filed = await fetch(h.url + hubPaths.intakes, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': submissionId },
      body: JSON.stringify({ submissionId, provisionalNumber: 'KSK-HEAR-1-1', language: 'zh-CN', submittedAt: new Date().toISOString(), application }),
    });
    expect(filed.status).toBe(201);
    const caseId = (await waitFor(() => h.hub.cases.bySubmission(h.hub.database, submissionId), 'the case')).caseId;
    const at = new Date().toISOString();
    await h.hub.database.db.insertInto('organisations').values({ organisation_id: 'org-hearing', name: 'org-hearing', kind: 'people', site_id: null, created_at: at }).execute();
    await divertDispute(h.hub, caseId, 'org-hearing');
    k.send({ t: 'call.request', ref: 1, language: 'zh-CN', submissionId });
    const callId = ((await k.next((f) => f.t === 'call.state')).state as { callId: string }).callId;
    j.send({ t: 'call.accept', ref: 2, callId });
    await j.next((f) => f.t === 'room' && roomOf(f).peers.length === 1, 'judge in the room');
    const kioskRoom = roomOf(await k.next((f) => f.t === 'room' && roomOf(f).peers.length === 1, 'kiosk in the room'));

    /** The desk invites someone in `role`: the code, the join link and the invitation's id. */
    const invite = async (role: string) => {
      const invited = await fetch(h.url + roomPaths.invitations, { method: 'POST', headers: { 'content-type': 'application/json', origin, cookie }, body: JSON.stringify({ callId, role }) });
      expect(invited.status).toBe(201);
      return (await invited.json()) as { code: string; inviteId: string; link: string };
    };
    /** A guest by invitation through the join page, admitted by the desk; its peer id and a way to reconnect. */
    const admitted = async (role: string, name: string, idLast4: string) => {
      const { code, inviteId } = await invite(role);
      const joined = await fetch(h.url + roomPaths.join, { method: 'POST', headers: { 'content-type': 'application/json', origin }, body: JSON.stringify({ code, name, idLast4 }) });
      const { pass } = (await joined.json()) as { pass: string };
      const socket = async () => {
        const g = track(await openFrameClient(`${h.url.replace('http', 'ws')}${signallingPaths.guest}?pass=${encodeURIComponent(pass)}`, { origin }));
        await g.next((f) => f.t === 'hello', `${role} hello`);
        return g;
      };
      const g = await socket();
      const lobby = await j.next((f) => f.t === 'room' && (roomOf(f).lobby?.length ?? 0) === 1, `${role} in the lobby`);
      const peerId = roomOf(lobby).lobby![0]!.peerId;
      j.send({ t: 'room.act', ref: nextRef++, callId, action: 'admit', peerId });
      await g.next((f) => f.t === 'room' && !roomOf(f).waiting && roomOf(f).peers.length > 0, `${role} in the room`);
      return { g, peerId, socket, inviteId };
    };
    const { g: r, peerId: respondentPeer, socket: respondentSocket, inviteId: respondentInvite } = await admitted('respondent', RESPONDENT.name, '1234');
    const events = async (prefix: string[]) => (await h.hub.cases.events(h.hub.database, caseId)).map((e) => e.event).filter((e) => prefix.some((p) => e.type.startsWith(p)));
    return {
      h,
      j,
      k,
      r,
      callId,
      caseId,
      kioskPeer: kioskRoom.selfId,
      respondentPeer,
      respondentSocket,
      respondentInvite,
      credential,
      events,
      invite,
      admitted,
      deskUser: judge?.username ?? 'med1',
      deskCookie: cookie,
    };
  }
  return { hearingRoom, track };
}

let nextRef = 100;
/** A fresh `ref` for a frame whose answer is awaited. */
export const nextFrameRef = () => nextRef++;
export async function hearing(c: FrameClient, callId: string, step: string, peerId?: string): Promise<Frame> {
  const ref = nextRef++;
  c.send({ t: 'room.hearing', ref, callId, step, ...(peerId ? { peerId } : {}) });
  return c.next((f) => (f.t === 'room.done' || f.t === 'error') && f.ref === ref, `answer to ${step}`, 30_000);
}
export async function sfu(c: FrameClient, frame: Record<string, unknown>): Promise<Frame> {
  const ref = nextRef++;
  c.send({ ...frame, ref });
  return c.next((f) => (f.t === 'sfu.reply' || f.t === 'error') && f.ref === ref, `answer to ${String(frame.t)}`, 30_000);
}

/** The judge opens the hearing, saves `text` as the record's version 1, does `meanwhile` (a link cut), and closes the hearing. */
export async function hearingClosedWithRecord(j: FrameClient, callId: string, text: string, meanwhile: () => void = () => undefined): Promise<void> {
  expect(await hearing(j, callId, 'open')).toMatchObject({ t: 'room.done' });
  const ref = nextRef++;
  j.send({ t: 'room.record.save', ref, callId, baseVersion: 0, text });
  await j.next((f) => f.t === 'room.record' && f.ref === ref, 'saved');
  meanwhile();
  expect(await hearing(j, callId, 'close')).toMatchObject({ t: 'room.done' });
}

/**
 * A hearing closed while the phone's (join page's) link is cut; the kiosk's party signs in the
 * room (`png`: a signature); the call ends. The phone's party is left to sign through the link.
 */
export async function hearingClosedWithoutPhone(room: { j: FrameClient; k: FrameClient; r: FrameClient; callId: string }, text: string, png: string): Promise<void> {
  const { j, k, r, callId } = room;
  await hearingClosedWithRecord(j, callId, text, () => r.close());
  await k.next((f) => f.t === 'room.record', 'the kiosk is asked');
  const ref = nextRef++;
  k.send({ t: 'room.record.sign', ref, callId, version: 1, imagePngBase64: png });
  expect(await k.next((f) => (f.t === 'room.done' || f.t === 'error') && f.ref === ref, 'the kiosk signed', 30_000)).toMatchObject({ t: 'room.done' });
  await callEnded(j, callId);
}

/** The desk ends the call. */
export async function callEnded(j: FrameClient, callId: string): Promise<void> {
  const ref = nextRef++;
  j.send({ t: 'call.end', ref, callId, outcome: 'scheduled', notes: '' });
  await j.next((f) => f.t === 'call.recorded' && f.ref === ref, 'the call ended');
}
