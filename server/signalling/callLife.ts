import { randomUUID } from 'node:crypto';
import type { CallEndReason } from '../../shared/call.js';
import type { ConsentEffect } from '../../shared/rooms/recordingConsent.js';
import { DEFAULT_MEAN_CALL_S } from './callQueue.js';
import type { Call } from './deskViews.js';
import type { DeskState, Identity } from './deskState.js';
import { sendPending } from './roomRecord.js';
import { Room } from './rooms.js';
import type { FrameSocket } from './signallingSocket.js';
import { iceConfigFor } from './turnCredentials.js';
import { watchMediaInterruptions } from './roomMediaState.js';

// A call's life at the desk: queued, answered into a room, people joining and leaving it, ended.
// Each step writes its record before anyone is told of it (server/signalling/mediationDesk.ts).

/** A new call in the queue; null if its record cannot be written (no call goes unrecorded). */
export async function enqueue(d: DeskState, terminalId: string, about: { submissionId: string | null; caseTicket: boolean }, language: 'zh-CN' | 'en'): Promise<Call | null> {
  const { submissionId, caseTicket } = about;
  const now = d.o.now();
  const callId = randomUUID();
  try {
    await d.o.records.queued({ callId, terminalId, submissionId, language, queuedAt: now.toISOString(), caseTicket });
  } catch (error) {
    d.o.onError?.('desk.record', error);
    return null;
  }
  const call: Call = {
    callId,
    terminalId,
    terminal: await d.terminalOf(terminalId),
    submissionId,
    caseTicket,
    language,
    queuedAt: now,
    intake: submissionId ? await d.intakeOf(submissionId, caseTicket ? null : terminalId) : null,
    answeredAt: null,
    mediator: null,
    room: null,
    guests: new Map(),
    timers: new Map(),
    lastPushed: '',
  };
  d.calls.set(call.callId, call);
  d.byTerminal.set(terminalId, call);
  d.queue.enqueue(call);
  d.startTimer(call, 'queue', d.maxQueueWaitMs, () => end(d, call, 'queue_timeout'));
  call.lastPushed = JSON.stringify(d.kioskState(call)); // the requester gets it as the answer
  d.queueChanged();
  return call;
}

export async function answer(d: DeskState, call: Call, username: string, displayName: string, socket: FrameSocket): Promise<void> {
  const now = d.o.now();
  d.queue.remove(call.callId);
  d.clearTimer(call, 'queue');
  call.answeredAt = now;
  call.mediator = { username, displayName, role: (await d.o.deskRole?.(username)) ?? 'mediator' };
  call.room = new Room(call.callId, d.o.media?.(call.callId) ?? null);
  call.room.onRecording = (effect) => recordingEffect(d, call, effect);
  watchMediaInterruptions(d, call);
  if (call.submissionId && !call.intake) call.intake = await d.intakeOf(call.submissionId, call.caseTicket ? null : call.terminalId);
  await d.write(() => d.o.records.answered(call.callId, username, now.toISOString()));
  d.byMediator.set(username, call);
  d.awaitingOutcome.delete(username);
  d.presence.inCall(username, true);
  socket.send({ t: 'presence', status: d.presence.status(username) });
  d.toKiosk(call.terminalId, { t: 'call.state', state: d.kioskState(call) });
  socket.send({ t: 'call', call: d.mediatorCall(call, null) });
  join(d, call, { kind: 'kiosk', terminalId: call.terminalId }, d.kiosks.get(call.terminalId) ?? null);
  join(d, call, { kind: 'mediator', username, displayName }, socket);
  const log = d.o.roomLog;
  if (log) {
    const scene = d.sceneOf(call);
    await d.write(async () => {
      await log.opened(scene);
      await log.joined(scene, { identity: call.terminalId, role: 'resident' });
      await log.joined(scene, { identity: username, role: call.mediator?.role ?? 'mediator' });
    });
  }
  d.queueChanged();
}

export function join(d: DeskState, call: Call, me: Identity, socket: FrameSocket | null): void {
  const identity = me.kind === 'kiosk' ? me.terminalId : me.username;
  call.room!.join({
    identity,
    role: me.kind === 'kiosk' ? 'resident' : (call.mediator?.role ?? 'mediator'),
    displayName: me.kind === 'mediator' ? me.displayName : undefined,
    ice: iceConfigFor(d.o.ice, identity, d.o.now()),
    link: socket ? d.linkOf(socket) : null,
  });
}

export async function end(d: DeskState, call: Call, reason: CallEndReason): Promise<void> {
  if (!d.calls.delete(call.callId)) return;
  for (const t of call.timers.values()) clearTimeout(t);
  call.timers.clear();
  d.queue.remove(call.callId);
  if (d.byTerminal.get(call.terminalId) === call) d.byTerminal.delete(call.terminalId);
  const endedAt = d.o.now();
  // The session first: a hub stopping between the two closes the call again at its restart and
  // appends again, finding the first (server/rooms/callSessions.ts).
  const sessions = d.o.callSessions;
  if (call.answeredAt && sessions) {
    const held = {
      callId: call.callId,
      terminalId: call.terminalId,
      submissionId: call.submissionId,
      caseTicket: call.caseTicket ? (1 as const) : (0 as const),
      answeredAt: call.answeredAt.toISOString(),
    };
    await d.write(() => sessions.held(held, endedAt));
  }
  await d.write(() => d.o.records.ended(call.callId, endedAt.toISOString(), reason));
  d.toKiosk(call.terminalId, { t: 'call.state', state: { callId: call.callId, state: 'ended', reason } });
  if (call.mediator) {
    const { username } = call.mediator;
    if (d.byMediator.get(username) === call) d.byMediator.delete(username);
    d.presence.inCall(username, false);
    const ended = d.mediatorCall(call, reason);
    d.awaitingOutcome.set(username, ended);
    d.toMediator(username, { t: 'call', call: ended });
    d.toMediator(username, { t: 'presence', status: d.presence.status(username) });
    await d.write(async () => {
      d.meanCallS = (await d.o.records.meanDurationS()) ?? DEFAULT_MEAN_CALL_S;
    });
  }
  for (const [identity, guest] of call.guests) {
    d.joined.leave(identity, call.callId);
    guest.socket?.send({ t: 'call.ended', callId: call.callId });
    guest.socket?.close(1000, 'the call is over');
    await d.write(async () => d.o.roomLog?.left(d.sceneOf(call), { identity, role: guest.role }));
  }
  const kiosksInCall = [call.terminalId, ...[...call.guests.keys()].filter((identity) => d.kiosks.has(identity))];
  call.guests.clear();
  call.room?.close();
  call.room = null;
  d.queueChanged();
  // A record its kiosks' parties have not yet signed stays theirs to sign after the call (server/signalling/roomRecord.ts).
  for (const terminalId of kiosksInCall) await sendPending(d, terminalId, null);
}

export async function removeGuest(d: DeskState, call: Call, identity: string): Promise<void> {
  const guest = call.guests.get(identity);
  if (!guest) return;
  call.guests.delete(identity);
  d.joined.leave(identity, call.callId);
  d.clearTimer(call, identity);
  call.room?.leave(identity);
  guest.socket?.send({ t: 'call.ended', callId: call.callId });
  guest.socket?.close(1000, 'left the call');
  await d.write(async () => d.o.roomLog?.left(d.sceneOf(call), { identity, role: guest.role }));
  d.roomsChanged();
}

/** What the consent rule decided, passed on in order; a recorder that stops on its own ends the room's recording. */
export function recordingEffect(d: DeskState, call: Call, effect: ConsentEffect): void {
  const by = 'by' in effect ? call.room?.byIdentity(effect.by) : null;
  const ended = () => void d.inTurn('desk.recording', () => call.room?.recordingEnded());
  d.o.recordings?.effect(d.sceneOf(call), effect, by ? { identity: by.identity, role: by.role } : null, ended);
}
