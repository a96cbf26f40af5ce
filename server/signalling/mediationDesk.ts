import type { KioskFrame, GuestFrame, MediatorFrame } from '../../shared/signalling.js';
import type { RoomFacts } from '../../shared/rooms/guidance.js';
import type { SfuRequest } from '../../shared/sfu.js';
import { answer, end, enqueue } from './callLife.js';
import { DEFAULT_MEAN_CALL_S } from './callQueue.js';
import { onGuestConnected, onGuestDisconnected, onGuestFrame, joinByCode, joinedFrame } from './deskGuests.js';
import { DeskState, trustedSubmission, type DeskOptions, type Identity } from './deskState.js';
import type { GuestPass } from './guestPass.js';
import { recordAnswer, recordSave, recordUnlockAsk, sendPending, sendRecord } from './roomRecord.js';
import { hearingStep, recordingStep, roomAct, roomFrame, roomShare, sfuFrame } from './roomSteps.js';
import { roomCamera, roomMedia } from './roomMediaState.js';
import type { Presence } from './presence.js';
import type { FrameSocket } from './signallingSocket.js';

// The on-duty mediation desk: kiosks queue calls, on-duty mediators take them first come first
// served, and each answered call becomes a room. It owns the live state (queue, rooms, who is
// connected: deskState.ts) and writes every step to the call records; this file routes each event
// to its step (callLife.ts, roomSteps.ts, roomRecord.ts, deskGuests.ts). Sockets come and go: a participant whose
// socket drops keeps its place (in the queue or the room) for a grace period, so a network blip
// does not end a mediation that is still flowing peer to peer.
//
// Every event (a connection, a frame, a timer) is handled in turn, one after the other in the
// order they arrived, each with the records it reads and writes awaited before the next begins:
// the desk's state moves exactly as if the database were synchronous, and a record is written
// before anyone is told of the step it records. If the database cannot be written, a new call is
// refused (error UNAVAILABLE) and calls under way go on, their records completed when it can be.

export type { DeskOptions } from './deskState.js';
export type { GuestPass } from './guestPass.js';

export class MediationDesk {
  private readonly d: DeskState;
  readonly presence: Presence;

  private constructor(o: DeskOptions, meanCallS: number) {
    this.d = new DeskState(o, meanCallS);
    this.presence = this.d.presence;
  }

  /** Opens the desk: closes the call records a stopped hub left open, and reads the recent mean call length. */
  static async open(o: DeskOptions): Promise<MediationDesk> {
    await o.records.closeDangling(o.now().toISOString());
    return new MediationDesk(o, (await o.records.meanDurationS()) ?? DEFAULT_MEAN_CALL_S);
  }

  // ---------- connections ----------

  kioskConnected(terminalId: string, socket: FrameSocket): Promise<void> {
    return this.d.inTurn('desk.kiosk', () => this.onKioskConnected(terminalId, socket));
  }

  kioskDisconnected(terminalId: string, socket: FrameSocket): Promise<void> {
    return this.d.inTurn('desk.kiosk', () => this.onKioskDisconnected(terminalId, socket));
  }

  mediatorConnected(username: string, displayName: string, socket: FrameSocket): Promise<void> {
    return this.d.inTurn('desk.mediator', () => this.onMediatorConnected(username, displayName, socket));
  }

  mediatorDisconnected(username: string, socket: FrameSocket): Promise<void> {
    return this.d.inTurn('desk.mediator', () => this.onMediatorDisconnected(username, socket));
  }

  /** The intake a queued or answered call refers to has reached the hub: show it to the mediator. */
  intakeArrived(submissionId: string): Promise<void> {
    return this.d.inTurn('desk.intake', () => this.onIntakeArrived(submissionId));
  }

  kioskFrame(terminalId: string, socket: FrameSocket, frame: KioskFrame): Promise<void> {
    return this.d.inTurn('desk.frame', () => this.onKioskFrame(terminalId, socket, frame));
  }

  mediatorFrame(username: string, socket: FrameSocket, frame: MediatorFrame): Promise<void> {
    return this.d.inTurn('desk.frame', () => this.onMediatorFrame(username, socket, frame));
  }

  /** A join-page guest's socket opened (its pass was checked by server/rooms). */
  guestConnected(pass: GuestPass, socket: FrameSocket): Promise<void> {
    return this.d.inTurn('desk.guest', () => onGuestConnected(this.d, pass, socket));
  }

  guestDisconnected(pass: GuestPass, socket: FrameSocket): Promise<void> {
    return this.d.inTurn('desk.guest', () => onGuestDisconnected(this.d, pass, socket));
  }

  guestFrame(pass: GuestPass, socket: FrameSocket, frame: GuestFrame): Promise<void> {
    return this.d.inTurn('desk.frame', () => onGuestFrame(this.d, pass, socket, frame));
  }

  /** Whether a call is answered and open: invitations are made for such calls only. */
  isOpen(callId: string): boolean {
    return this.d.calls.get(callId)?.room != null;
  }

  /** The intake a call is about, or null: only one the hub trusts for it (see trustedSubmission). */
  submissionOf(callId: string): string | null {
    const call = this.d.calls.get(callId);
    return call ? trustedSubmission(call) : null;
  }

  /** The mediator answering `callId`, or null. */
  mediatorOf(callId: string): string | null {
    return this.d.calls.get(callId)?.mediator?.username ?? null;
  }

  /** The answered calls' rooms as the guidance desk lists them (shared/rooms/guidance.ts). */
  openRooms(): RoomFacts[] {
    return [...this.d.calls.values()].flatMap((call) =>
      call.room && call.mediator && call.answeredAt
        ? [
            {
              callId: call.callId,
              site: [call.terminal.name, call.terminal.location].filter(Boolean).join(' · '),
              caseNumber: call.intake?.caseNumber ?? call.intake?.provisionalNumber ?? null,
              disputeType: call.intake?.disputeType ?? null,
              mediator: call.mediator.displayName || call.mediator.username,
              startedAt: call.answeredAt.toISOString(),
              roles: call.room.all().map((p) => p.role),
            },
          ]
        : [],
    );
  }

  /** Calls `listener` when the open rooms may have changed; returns the way to stop. */
  watchRooms(listener: () => void): () => void {
    this.d.roomWatchers.add(listener);
    return () => this.d.roomWatchers.delete(listener);
  }

  close(): void {
    for (const call of this.d.calls.values()) for (const t of call.timers.values()) clearTimeout(t);
    for (const s of this.d.kiosks.values()) s.close(1001, 'hub is stopping');
    for (const m of this.d.mediators.values()) m.socket.close(1001, 'hub is stopping');
  }

  // ---------- connections, in turn ----------

  private async onKioskConnected(terminalId: string, socket: FrameSocket): Promise<void> {
    await this.greetKiosk(terminalId, socket);
    // After the hello: records its party still has to sign from calls it is no longer in.
    await sendPending(this.d, terminalId, this.d.joined.pass(terminalId)?.callId ?? this.d.byTerminal.get(terminalId)?.callId ?? null);
  }

  private async greetKiosk(terminalId: string, socket: FrameSocket): Promise<void> {
    this.d.kiosks.get(terminalId)?.close(4001, 'replaced by a newer connection');
    this.d.kiosks.set(terminalId, socket);
    const pass = this.d.joined.pass(terminalId);
    const guestOf = pass ? this.d.calls.get(pass.callId) : undefined;
    if (pass && guestOf?.room) {
      socket.send({ t: 'hello', terminalId, call: { state: { callId: pass.callId, state: 'ringing' }, room: this.d.roomView(guestOf, terminalId) } });
      return onGuestConnected(this.d, pass, this.d.joined.guestSocket(terminalId, socket));
    }
    if (pass) this.d.joined.leave(terminalId, pass.callId);
    const call = this.d.byTerminal.get(terminalId);
    if (call) this.d.clearTimer(call, terminalId);
    socket.send({ t: 'hello', terminalId, call: call ? { state: this.d.kioskState(call), room: this.d.roomView(call, terminalId) } : null });
    if (!call?.room) return;
    call.room.attach(terminalId, this.d.linkOf(socket));
    await sendRecord(this.d, call, { identity: terminalId, role: 'resident' }, socket);
  }

  private onKioskDisconnected(terminalId: string, socket: FrameSocket): void {
    if (this.d.kiosks.get(terminalId) !== socket) return;
    this.d.kiosks.delete(terminalId);
    const pass = this.d.joined.pass(terminalId);
    if (pass) return onGuestDisconnected(this.d, pass, this.d.joined.guestSocket(terminalId, socket));
    const call = this.d.byTerminal.get(terminalId);
    if (!call) return;
    call.room?.detach(terminalId, this.d.linkOf(socket));
    this.d.startTimer(call, terminalId, this.d.graceMs, () => end(this.d, call, 'resident_lost'));
  }

  private onMediatorConnected(username: string, displayName: string, socket: FrameSocket): void {
    this.d.mediators.get(username)?.socket.close(4001, 'replaced by a newer connection');
    this.d.mediators.set(username, { socket, displayName });
    this.d.presence.connected(username, true);
    const call = this.d.byMediator.get(username);
    if (call) this.d.clearTimer(call, username);
    const user = { username, displayName };
    socket.send({ t: 'hello', user, presence: this.d.presence.status(username), call: call ? this.d.mediatorCall(call, null) : (this.d.awaitingOutcome.get(username) ?? null) });
    call?.room?.attach(username, this.d.linkOf(socket));
    if (call?.room) void sendRecord(this.d, call, { identity: username, role: call.mediator?.role ?? 'mediator' }, socket);
    this.d.queueChanged();
  }

  private onMediatorDisconnected(username: string, socket: FrameSocket): void {
    if (this.d.mediators.get(username)?.socket !== socket) return;
    this.d.mediators.delete(username);
    this.d.presence.connected(username, false);
    const call = this.d.byMediator.get(username);
    if (call) {
      call.room?.detach(username, this.d.linkOf(socket));
      this.d.startTimer(call, username, this.d.graceMs, () => end(this.d, call, 'mediator_lost'));
    }
    this.d.queueChanged();
  }

  private async onIntakeArrived(submissionId: string): Promise<void> {
    for (const call of [...this.d.calls.values()]) {
      if (call.submissionId !== submissionId || call.intake) continue;
      call.intake = await this.d.intakeOf(call.submissionId, call.caseTicket ? null : call.terminalId);
      if (!call.intake || !this.d.calls.has(call.callId)) continue;
      if (call.mediator) this.d.toMediator(call.mediator.username, { t: 'call', call: this.d.mediatorCall(call, null) });
      else this.d.queueChanged();
    }
  }

  // ---------- frames, in turn ----------

  private async onKioskFrame(terminalId: string, socket: FrameSocket, frame: KioskFrame): Promise<void> {
    const me: Identity = { kind: 'kiosk', terminalId };
    const pass = this.d.joined.pass(terminalId);
    if (frame.t === 'call.join') return joinByCode(this.d, terminalId, socket, frame);
    // A pending record (its call is over): whatever call the kiosk is in now.
    if (frame.t === 'room.record.unlock') return recordUnlockAsk(this.d, terminalId, frame, socket);
    if (frame.t === 'call.request' && pass) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'This terminal is in another call' });
    if (frame.t !== 'call.request' && pass?.callId === frame.callId) return joinedFrame(this.d, pass, terminalId, socket, frame);
    if (frame.t === 'call.request') {
      // A case ticket names the intake the resident proved theirs at check-my-case; a kiosk cannot name a case.
      const ticketed = frame.caseTicket !== undefined ? (this.d.o.tickets?.verify(frame.caseTicket, terminalId) ?? null) : null;
      if (frame.caseTicket !== undefined && !ticketed && !this.d.byTerminal.has(terminalId)) {
        return socket.send({ t: 'error', ref: frame.ref, code: 'FORBIDDEN', message: 'This case cannot be called about from this terminal now' });
      }
      const about = ticketed ? { submissionId: ticketed, caseTicket: true } : { submissionId: frame.submissionId ?? null, caseTicket: false };
      const call = this.d.byTerminal.get(terminalId) ?? (await enqueue(this.d, terminalId, about, frame.language));
      if (!call) return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'The court hub cannot take calls right now' });
      socket.send({ t: 'call.state', ref: frame.ref, state: this.d.kioskState(call) });
      return;
    }
    const call = this.d.calls.get(frame.callId);
    const signing = frame.t === 'room.record.sign' || frame.t === 'room.record.refuse';
    // A record from a call this kiosk is no longer in: the round in the database decides who may answer.
    if (signing && (!call || call.terminalId !== terminalId)) return recordAnswer(this.d, null, { identity: terminalId, role: 'resident' }, frame, socket);
    if (!call || call.terminalId !== terminalId) return socket.send({ t: 'error', code: 'NOT_FOUND', message: 'No such call', ...('ref' in frame ? { ref: frame.ref } : {}) });
    if (frame.t === 'room.media') return roomMedia(call, terminalId, frame);
    if (frame.t === 'room.camera') return roomCamera(call, terminalId, frame);
    if (frame.t === 'room.recording') return recordingStep(this.d, call, { identity: terminalId, role: 'resident' }, frame, socket);
    if (frame.t === 'room.hearing') return hearingStep(this.d, call, { identity: terminalId, role: 'resident' }, frame, socket);
    if (frame.t === 'room.record.sign' || frame.t === 'room.record.refuse') return recordAnswer(this.d, call, { identity: terminalId, role: 'resident' }, frame, socket);
    if (frame.t === 'room.share') return roomShare(this.d, call, { identity: terminalId, role: 'resident' }, frame, socket);
    if (frame.t === 'call.cancel' || frame.t === 'call.hangup') await end(this.d, call, call.answeredAt ? 'resident_hangup' : 'cancelled');
    else if (frame.t.startsWith('sfu.')) sfuFrame(this.d, call, terminalId, frame as SfuRequest, socket);
    else roomFrame(this.d, call, me, frame as Extract<KioskFrame, { t: 'call.rejoin' | 'signal' }>, socket);
  }

  private async onMediatorFrame(username: string, socket: FrameSocket, frame: MediatorFrame): Promise<void> {
    const displayName = this.d.mediators.get(username)?.displayName ?? username;
    const error = (code: string, message: string, ref?: number) => socket.send({ t: 'error', code, message, ...(ref !== undefined ? { ref } : {}) });
    switch (frame.t) {
      case 'presence.set':
        this.d.presence.choose(username, frame.status);
        socket.send({ t: 'presence', status: this.d.presence.status(username) });
        return this.d.queueChanged();
      case 'call.accept': {
        const call = this.d.calls.get(frame.callId);
        if (this.d.byMediator.has(username)) return error('CONFLICT', 'You are already in a call', frame.ref);
        if (this.d.presence.status(username) !== 'available') return error('NOT_ON_DUTY', 'Go on duty to answer calls', frame.ref);
        if (!call || call.answeredAt) return error('ALREADY_TAKEN', 'This call was answered or has ended', frame.ref);
        return answer(this.d, call, username, displayName, socket);
      }
      case 'call.end': {
        const call = this.d.calls.get(frame.callId);
        if (call?.mediator?.username === username) await end(this.d, call, 'mediator_hangup');
        const at = this.d.o.now().toISOString();
        let recorded: boolean;
        try {
          recorded = await this.d.o.records.recordOutcome(frame.callId, username, frame.outcome, frame.notes, at);
        } catch (failure) {
          this.d.o.onError?.('desk.record', failure);
          return error('UNAVAILABLE', 'The outcome could not be stored; try again', frame.ref);
        }
        if (!recorded) {
          return error('NOT_FOUND', 'No call of yours with this id', frame.ref);
        }
        if (this.d.awaitingOutcome.get(username)?.callId === frame.callId) this.d.awaitingOutcome.delete(username);
        return socket.send({ t: 'call.recorded', ref: frame.ref, callId: frame.callId });
      }
      default: {
        const call = this.d.calls.get(frame.callId);
        if (!call || call.mediator?.username !== username) return error('NOT_FOUND', 'No such call', 'ref' in frame ? frame.ref : undefined);
        const me = { identity: username, role: call.mediator?.role ?? 'mediator' };
        if (frame.t === 'room.media') return roomMedia(call, username, frame);
        if (frame.t === 'room.camera') return roomCamera(call, username, frame);
        if (frame.t === 'room.recording') return recordingStep(this.d, call, me, frame, socket);
        if (frame.t === 'room.hearing') return hearingStep(this.d, call, me, frame, socket);
        if (frame.t === 'room.record.save') return recordSave(this.d, call, me, frame, socket);
        if (frame.t === 'room.share') return roomShare(this.d, call, me, frame, socket);
        if (frame.t === 'room.act') {
          if (!call.room) return error('CONFLICT', 'The call has not been answered yet', frame.ref);
          return roomAct(this.d, call, me, frame, socket);
        }
        if (frame.t.startsWith('sfu.')) return sfuFrame(this.d, call, username, frame as SfuRequest, socket);
        roomFrame(this.d, call, { kind: 'mediator', username, displayName }, frame as Extract<MediatorFrame, { t: 'call.rejoin' | 'signal' }>, socket);
      }
    }
  }
}
