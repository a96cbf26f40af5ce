import type { GuestFrame, KioskFrame } from '../../shared/signalling.js';
import type { SfuRequest } from '../../shared/sfu.js';
import { removeGuest } from './callLife.js';
import type { DeskState } from './deskState.js';
import type { GuestPass } from './guestPass.js';
import { recordAnswer, recordSave, sendRecord } from './roomRecord.js';
import { hearingStep, recordingStep, roomAct, roomShare, sfuFrame } from './roomSteps.js';
import type { FrameSocket } from './signallingSocket.js';
import { iceConfigFor } from './turnCredentials.js';
import { roomCamera, roomMedia } from './roomMediaState.js';

// Guests of a call's room: join-page browsers (their pass checked by server/rooms) and kiosks
// that joined by a meeting code (server/signalling/joinedTerminals.ts), on their own sockets.

export async function onGuestConnected(d: DeskState, pass: GuestPass, socket: FrameSocket): Promise<void> {
  const call = d.calls.get(pass.callId);
  if (!call?.room) {
    socket.send({ t: 'call.ended', callId: pass.callId });
    return socket.close(1000, 'the call is over');
  }
  const known = call.guests.get(pass.identity);
  known?.socket?.close(4001, 'replaced by a newer connection');
  call.guests.set(pass.identity, { socket, role: pass.role });
  d.clearTimer(call, pass.identity);
  socket.send({ t: 'hello', callId: call.callId, role: pass.role });
  if (known && call.room.attach(pass.identity, d.linkOf(socket))) return sendRecord(d, call, { identity: pass.identity, role: pass.role }, socket);
  // A new guest waits in the waiting room until someone who may admit lets them in; court staff
  // signed in at the hub (a guiding judge from the guidance desk) enter directly.
  const admitted = pass.entersDirectly === true;
  call.room.join({ ...participantOf(d, pass, socket), admitted });
  await d.write(async () => d.o.roomLog?.joined(d.sceneOf(call, pass.caseId), { identity: pass.identity, role: pass.role }));
  d.roomsChanged();
  await sendRecord(d, call, { identity: pass.identity, role: pass.role }, socket);
}

/** The room's participant a pass stands for, on this socket (fresh TURN credentials each time). */
function participantOf(d: DeskState, pass: GuestPass, socket: FrameSocket) {
  const { identity, role, displayName, unverified, partyIndex } = pass;
  return { identity, role, displayName, unverified, partyIndex, ice: iceConfigFor(d.o.ice, identity, d.o.now()), link: d.linkOf(socket) };
}

export function onGuestDisconnected(d: DeskState, pass: GuestPass, socket: FrameSocket): void {
  const call = d.calls.get(pass.callId);
  const guest = call?.guests.get(pass.identity);
  if (!call || guest?.socket !== socket) return;
  guest.socket = null;
  call.room?.detach(pass.identity, d.linkOf(socket));
  d.startTimer(call, pass.identity, d.graceMs, async () => removeGuest(d, call, pass.identity));
}

export async function onGuestFrame(d: DeskState, pass: GuestPass, socket: FrameSocket, frame: GuestFrame): Promise<void> {
  const call = d.calls.get(frame.callId);
  if (!call?.room || call.guests.get(pass.identity)?.socket !== socket || frame.callId !== pass.callId) {
    return socket.send({ t: 'error', code: 'NOT_FOUND', message: 'No such call' });
  }
  const me = { identity: pass.identity, role: pass.role };
  if (frame.t === 'room.act') return roomAct(d, call, me, frame, socket);
  if (frame.t === 'room.media') return roomMedia(call, pass.identity, frame);
  if (frame.t === 'room.camera') return roomCamera(call, pass.identity, frame);
  if (frame.t === 'room.recording') return recordingStep(d, call, me, frame, socket);
  if (frame.t === 'room.hearing') return hearingStep(d, call, me, frame, socket);
  if (frame.t === 'room.record.save') return recordSave(d, call, me, frame, socket);
  if (frame.t === 'room.record.sign' || frame.t === 'room.record.refuse') return recordAnswer(d, call, me, frame, socket);
  if (frame.t === 'room.share') return roomShare(d, call, me, frame, socket);
  if (frame.t === 'call.rejoin') {
    call.room.join(participantOf(d, pass, socket));
    return;
  }
  if (frame.t.startsWith('sfu.')) return sfuFrame(d, call, pass.identity, frame as SfuRequest, socket);
  const { t: _t, callId: _c, ...signal } = frame as Extract<GuestFrame, { t: 'signal' }>;
  if (!call.room.relay(pass.identity, signal)) socket.send({ t: 'error', code: 'NOT_FOUND', message: 'No such peer in this call' });
}

/** A kiosk enters another call's code: into that room's waiting room as the invitation's role. */
export async function joinByCode(d: DeskState, terminalId: string, socket: FrameSocket, frame: Extract<KioskFrame, { t: 'call.join' }>): Promise<void> {
  if (d.byTerminal.has(terminalId) || d.joined.pass(terminalId)) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'This terminal is already in a call' });
  if (!d.o.terminalJoin) return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'This hub does not let terminals join by code' });
  const outcome = await d.o.terminalJoin({ terminalId, code: frame.code, name: frame.name, idLast4: frame.idLast4, isOpen: (callId) => d.isOpen(callId) });
  // the kiosk tells the party when to try again, as the join page does with Retry-After
  if (!outcome.ok)
    return socket.send({
      t: 'error',
      ref: frame.ref,
      // an agent older than CODE_LOCKED would drop the frame and wait out its timeout: it is told the code lets nobody in
      code: outcome.code === 'CODE_LOCKED' && !frame.knows?.includes('CODE_LOCKED') ? 'NOT_FOUND' : outcome.code,
      message: outcome.message,
      ...('retryAfterS' in outcome && outcome.retryAfterS !== undefined ? { retryAfterS: outcome.retryAfterS } : {}),
    });
  d.joined.add(terminalId, outcome.pass);
  socket.send({ t: 'call.state', ref: frame.ref, state: { callId: outcome.pass.callId, state: 'ringing' } });
  await onGuestConnected(d, outcome.pass, d.joined.guestSocket(terminalId, socket));
}

/** A frame of a kiosk that joined by code: a guest's, except that leaving is the kiosk's hang-up. */
export async function joinedFrame(
  d: DeskState,
  pass: GuestPass,
  terminalId: string,
  socket: FrameSocket,
  frame: Exclude<KioskFrame, { t: 'call.request' | 'call.join' | 'room.record.unlock' }>,
): Promise<void> {
  const call = d.calls.get(pass.callId);
  if (frame.t === 'call.hangup' || frame.t === 'call.cancel') return call ? removeGuest(d, call, terminalId) : d.joined.leave(terminalId, pass.callId);
  return onGuestFrame(d, pass, d.joined.guestSocket(terminalId, socket), frame);
}
