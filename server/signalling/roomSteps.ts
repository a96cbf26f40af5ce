import type { RoomHearingFrame } from '../../shared/rooms/hearing.js';
import type { KioskFrame, MediatorFrame, RoomActFrame, RoomRecordingFrame, RoomShareFrame } from '../../shared/signalling.js';
import type { SfuRequest } from '../../shared/sfu.js';
import { shareIntoRoom } from '../guidance/roomShare.js';
import type { RoomMember } from '../rooms/roomLog.js';
import { sfuErrorFrame } from '../sfu/sfuErrors.js';
import { join, removeGuest } from './callLife.js';
import type { Call } from './deskViews.js';
import type { DeskState, Identity } from './deskState.js';
import { recordToSign } from './roomRecord.js';
import type { RoomRequest } from './rooms.js';
import type { FrameSocket } from './signallingSocket.js';

// What a participant asks of an answered call's room, from any socket (kiosk, desk, guest): the
// role table's acts, recording, the hearing's steps, a shared reference case, the media's
// negotiation (peer to peer or SFU). A role's refusal is audited before the asker hears of it.

const requestOf = (f: RoomActFrame): RoomRequest =>
  f.action === 'caucus' ? { action: 'caucus', peerIds: f.peerIds } : f.action === 'end_caucus' ? { action: 'end_caucus' } : { action: f.action, peerId: f.peerId };

/** A reference case shared into the room (server/guidance/roomShare.ts); a role's refusal is audited like a room.act. */
export async function roomShare(d: DeskState, call: Call, me: RoomMember, frame: RoomShareFrame, socket: FrameSocket): Promise<void> {
  if (!call.room) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'The call has not been answered yet' });
  const result = await shareIntoRoom(call.room, me.identity, frame.referenceCaseId, d.o.referenceCases ?? null);
  if (!result.ok) {
    if (result.code === 'FORBIDDEN') await d.write(async () => d.o.roomLog?.refused(d.sceneOf(call), me, 'share_reference'));
    return socket.send({ t: 'error', ref: frame.ref, code: result.code, message: result.message });
  }
  await d.write(async () => d.o.roomLog?.shared(d.sceneOf(call), me, `${result.referenceCase.referenceCaseId}@${result.referenceCase.version}`));
  socket.send({ t: 'room.done', ref: frame.ref });
}

/** A request to the room, decided by the role table; a refusal is audited before the asker hears of it. */
export async function roomAct(d: DeskState, call: Call, me: RoomMember, frame: RoomActFrame, socket: FrameSocket): Promise<void> {
  const result = call.room!.act(me.identity, requestOf(frame));
  if (!result.ok) {
    if (result.code === 'FORBIDDEN') await d.write(async () => d.o.roomLog?.refused(d.sceneOf(call), me, result.needed));
    return socket.send({ t: 'error', ref: frame.ref, code: result.code, message: result.message });
  }
  const target = result.changed;
  if (frame.action === 'admit' && target) await d.write(async () => d.o.roomLog?.admitted(d.sceneOf(call), target, me.identity));
  if (frame.action === 'remove' && target) {
    if (call.guests.has(target.identity)) await removeGuest(d, call, target.identity);
    else await d.write(async () => d.o.roomLog?.left(d.sceneOf(call), target));
  }
  socket.send({ t: 'room.done', ref: frame.ref });
}

/** A recording step (shared/rooms/recordingConsent.ts); a role's refused ask is audited like a room.act. */
export async function recordingStep(d: DeskState, call: Call, me: RoomMember, frame: RoomRecordingFrame, socket: FrameSocket): Promise<void> {
  if (!call.room) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'The call has not been answered yet' });
  const unavailable = d.o.recordings ? d.o.recordings.unavailable(call.callId) : 'This hub does not record rooms';
  const result = call.room.recordingStep(me.identity, frame.step, unavailable);
  if (!result.ok) {
    if (result.code === 'FORBIDDEN') await d.write(async () => d.o.roomLog?.refused(d.sceneOf(call), me, 'start_recording'));
    return socket.send({ t: 'error', ref: frame.ref, code: result.code, message: result.message });
  }
  socket.send({ t: 'room.done', ref: frame.ref });
}

/**
 * A hearing step (shared/rooms/hearing.ts): refused ones are audited like a room.act; opening asks
 * everyone for consent to the mandatory recording, so a hearing cannot open where none can be made.
 */
export async function hearingStep(d: DeskState, call: Call, me: RoomMember, frame: RoomHearingFrame, socket: FrameSocket): Promise<void> {
  if (!call.room) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'The call has not been answered yet' });
  const unavailable = d.o.recordings ? d.o.recordings.unavailable(call.callId) : 'This hub does not record rooms';
  const result = call.room.hearingStep(me.identity, frame, unavailable);
  if (!result.ok) {
    if (result.code === 'FORBIDDEN') await d.write(async () => d.o.roomLog?.refused(d.sceneOf(call), me, 'hold_hearing'));
    return socket.send({ t: 'error', ref: frame.ref, code: result.code, message: result.message });
  }
  for (const effect of result.effects) await d.write(async () => d.o.roomLog?.hearing(d.sceneOf(call), effect));
  // Recording is mandatory in a hearing: everyone is asked as it opens (a refusal is recorded and
  // the judge decides), and it stops when the hearing closes.
  if (frame.step === 'open' && call.room.recordingView(me.identity) === undefined) call.room.recordingStep(me.identity, 'ask', unavailable);
  if (frame.step === 'close' && call.room.recordingView(me.identity) !== undefined) call.room.recordingStep(me.identity, 'stop');
  socket.send({ t: 'room.done', ref: frame.ref });
  if (frame.step === 'close') await recordToSign(d, call);
}

/**
 * One SFU step of a participant, answered on the socket it came by. Not awaited in turn: one
 * room's media steps must not hold up every other call's signalling.
 */
export function sfuFrame(d: DeskState, call: Call, identity: string, frame: SfuRequest, socket: FrameSocket): void {
  const participant = call.room?.byIdentity(identity);
  const media = call.room?.media;
  if (!participant || !media) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'This call is not on the media server' });
  media.request(participant.peerId, frame).then(
    (reply) => socket.send(reply),
    (failure: unknown) => socket.send(sfuErrorFrame(frame.ref, failure)),
  );
}

export function roomFrame(d: DeskState, call: Call, me: Identity, frame: Extract<KioskFrame | MediatorFrame, { t: 'call.rejoin' | 'signal' }>, socket: FrameSocket): void {
  const id = me.kind === 'kiosk' ? me.terminalId : me.username;
  if (!call.room) return socket.send({ t: 'error', code: 'CONFLICT', message: 'The call has not been answered yet' });
  if (frame.t === 'call.rejoin') {
    // A full rejoin: a new peer id, so the other side drops its broken link and builds a new one.
    join(d, call, me, socket);
    return;
  }
  const { t: _t, callId: _c, ...signal } = frame;
  if (!call.room.relay(id, signal)) socket.send({ t: 'error', code: 'NOT_FOUND', message: 'No such peer in this call' });
}
