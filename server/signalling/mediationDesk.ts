import { randomUUID } from 'node:crypto';
import type { CallEndReason, CallState, ParticipantRole } from '../../shared/call.js';
import type { ConsentEffect } from '../../shared/rooms/recordingConsent.js';
import type { RoomHearingFrame } from '../../shared/rooms/hearing.js';
import type { RoomRecordSaveFrame } from '../../shared/rooms/hearingRecord.js';
import type { HearingRecords } from '../hearing/hearingRecords.js';
import type { RecordSigning, SigningProgress } from '../hearing/recordSigning.js';
import { isParty, may, roomRoleOf } from '../../shared/rooms/roleTable.js';
import type { RoomRecordSignFrame } from '../../shared/rooms/hearingRecord.js';
import type { GuestFrame, IntakeSummary, KioskFrame, MediatorCall, MediatorFrame, RoomActFrame, RoomRecordingFrame, RoomShareFrame, TerminalSummary } from '../../shared/signalling.js';
import type { RoomFacts } from '../../shared/rooms/guidance.js';
import { shareIntoRoom, type PublishedLookup } from '../guidance/roomShare.js';
import type { SfuRequest } from '../../shared/sfu.js';
import type { RoomLog, RoomMember, RoomScene } from '../rooms/roomLog.js';
import type { RoomRecordings } from '../rooms/roomRecordings.js';
import { sfuErrorFrame } from '../sfu/sfuErrors.js';
import type { CallTickets } from '../caseStatus/callTickets.js';
import type { CallSessions } from '../rooms/callSessions.js';
import type { CallRecords } from './callRecords.js';
import { CallQueue, DEFAULT_MEAN_CALL_S } from './callQueue.js';
import { kioskState, mediatorCall, queueEntry, type Call } from './deskViews.js';
import type { Directory } from './directory.js';
import { Presence } from './presence.js';
import { Room, type ParticipantLink, type RoomMedia, type RoomRequest } from './rooms.js';
import type { FrameSocket } from './signallingSocket.js';
import { JoinedTerminals } from './joinedTerminals.js';
import type { GuestPass } from './guestPass.js';
import type { TerminalJoin } from '../rooms/terminalJoin.js';
import { iceConfigFor, type IceOptions } from './turnCredentials.js';

// The on-duty mediation desk: kiosks queue calls, on-duty mediators take them first come first
// served, and each answered call becomes a room. It owns the live state (queue, rooms, who is
// connected) and writes every step to the call records. Sockets come and go: a participant whose
// socket drops keeps its place (in the queue or the room) for a grace period, so a network blip
// does not end a mediation that is still flowing peer to peer.
//
// Every event (a connection, a frame, a timer) is handled in turn, one after the other in the
// order they arrived, each with the records it reads and writes awaited before the next begins:
// the desk's state moves exactly as if the database were synchronous, and a record is written
// before anyone is told of the step it records. If the database cannot be written, a new call is
// refused (error UNAVAILABLE) and calls under way go on, their records completed when it can be.

export interface DeskOptions {
  records: CallRecords;
  directory: Directory;
  ice?: IceOptions | undefined;
  now: () => Date;
  /** How long a dropped kiosk or console keeps its call. */
  graceMs?: number;
  /** How long a call may wait unanswered. */
  maxQueueWaitMs?: number;
  onError?: (event: string, error: unknown) => void;
  /** Where rooms leave their case events and refusals (server/rooms/roomLog.ts). */
  roomLog?: RoomLog | undefined;
  /** A room's media on the hub's SFU; absent or null: peer to peer. */
  media?: ((callId: string) => RoomMedia) | null | undefined;
  /** Records rooms with consent (server/sfu/recordings.ts); absent: asking to record is refused. */
  recordings?: RoomRecordings | null | undefined;
  /** A hearing's record, kept in the room (server/hearing/hearingRecords.ts); absent: saving it is refused. */
  hearingRecords?: HearingRecords | undefined;
  /** The parties sign the record when the hearing closes (server/hearing/recordSigning.ts). */
  recordSigning?: RecordSigning | undefined;
  /** The room role of a desk account (shared/rooms/deskRoles.ts); absent: every desk user is a mediator. */
  deskRole?: ((username: string) => Promise<ParticipantRole>) | undefined;
  /** The published reference cases a room may be shown (server/guidance/); absent: sharing is refused. */
  referenceCases?: PublishedLookup | null | undefined;
  /** A kiosk joining another call by its invitation's code (server/rooms/terminalJoin.ts); absent: refused. */
  terminalJoin?: TerminalJoin | undefined;
  /** Checks the case tickets of check-my-case (server/caseStatus/callTickets.ts); absent: a call naming one is refused. */
  tickets?: Pick<CallTickets, 'verify'> | undefined;
  /** Records an answered call about a case as a session held (server/rooms/callSessions.ts). */
  callSessions?: Pick<CallSessions, 'held'> | undefined;
}

export type { GuestPass } from './guestPass.js';

const requestOf = (f: RoomActFrame): RoomRequest =>
  f.action === 'caucus' ? { action: 'caucus', peerIds: f.peerIds } : f.action === 'end_caucus' ? { action: 'end_caucus' } : { action: f.action, peerId: f.peerId };

type Identity = { kind: 'kiosk'; terminalId: string } | { kind: 'mediator'; username: string; displayName: string };

export class MediationDesk {
  private readonly kiosks = new Map<string, FrameSocket>();
  private readonly mediators = new Map<string, { socket: FrameSocket; displayName: string }>();
  private readonly links = new WeakMap<FrameSocket, ParticipantLink>();
  private readonly calls = new Map<string, Call>();
  private readonly byTerminal = new Map<string, Call>();
  private readonly byMediator = new Map<string, Call>();
  /** Ended calls whose mediator has not yet recorded an outcome (shown again after a reload). */
  private readonly awaitingOutcome = new Map<string, MediatorCall>();
  private readonly queue = new CallQueue<Call>();
  /** Kiosks in another call's room by its code: guests there, on their own socket. */
  private readonly joined = new JoinedTerminals();
  readonly presence = new Presence();
  private readonly graceMs: number;
  private readonly maxQueueWaitMs: number;
  /** Told whenever the open rooms may have changed (the guidance desk's live list). */
  private readonly roomWatchers = new Set<() => void>();
  /** The event being handled; the next one starts when it settles. */
  private turn: Promise<void> = Promise.resolve();

  private constructor(
    private readonly o: DeskOptions,
    private meanCallS: number,
  ) {
    this.graceMs = o.graceMs ?? 30_000;
    this.maxQueueWaitMs = o.maxQueueWaitMs ?? 10 * 60_000;
  }

  /** Opens the desk: closes the call records a stopped hub left open, and reads the recent mean call length. */
  static async open(o: DeskOptions): Promise<MediationDesk> {
    await o.records.closeDangling(o.now().toISOString());
    return new MediationDesk(o, (await o.records.meanDurationS()) ?? DEFAULT_MEAN_CALL_S);
  }

  // ---------- connections ----------

  kioskConnected(terminalId: string, socket: FrameSocket): Promise<void> {
    return this.inTurn('desk.kiosk', () => this.onKioskConnected(terminalId, socket));
  }

  kioskDisconnected(terminalId: string, socket: FrameSocket): Promise<void> {
    return this.inTurn('desk.kiosk', () => this.onKioskDisconnected(terminalId, socket));
  }

  mediatorConnected(username: string, displayName: string, socket: FrameSocket): Promise<void> {
    return this.inTurn('desk.mediator', () => this.onMediatorConnected(username, displayName, socket));
  }

  mediatorDisconnected(username: string, socket: FrameSocket): Promise<void> {
    return this.inTurn('desk.mediator', () => this.onMediatorDisconnected(username, socket));
  }

  /** The intake a queued or answered call refers to has reached the hub: show it to the mediator. */
  intakeArrived(submissionId: string): Promise<void> {
    return this.inTurn('desk.intake', () => this.onIntakeArrived(submissionId));
  }

  kioskFrame(terminalId: string, socket: FrameSocket, frame: KioskFrame): Promise<void> {
    return this.inTurn('desk.frame', () => this.onKioskFrame(terminalId, socket, frame));
  }

  mediatorFrame(username: string, socket: FrameSocket, frame: MediatorFrame): Promise<void> {
    return this.inTurn('desk.frame', () => this.onMediatorFrame(username, socket, frame));
  }

  /** A join-page guest's socket opened (its pass was checked by server/rooms). */
  guestConnected(pass: GuestPass, socket: FrameSocket): Promise<void> {
    return this.inTurn('desk.guest', () => this.onGuestConnected(pass, socket));
  }

  guestDisconnected(pass: GuestPass, socket: FrameSocket): Promise<void> {
    return this.inTurn('desk.guest', () => this.onGuestDisconnected(pass, socket));
  }

  guestFrame(pass: GuestPass, socket: FrameSocket, frame: GuestFrame): Promise<void> {
    return this.inTurn('desk.frame', () => this.onGuestFrame(pass, socket, frame));
  }

  /** Whether a call is answered and open: invitations are made for such calls only. */
  isOpen(callId: string): boolean {
    return this.calls.get(callId)?.room != null;
  }

  /** The intake a call is about, or null: only one the hub trusts for it (see trustedSubmission). */
  submissionOf(callId: string): string | null {
    const call = this.calls.get(callId);
    return call ? trustedSubmission(call) : null;
  }

  /** The mediator answering `callId`, or null. */
  mediatorOf(callId: string): string | null {
    return this.calls.get(callId)?.mediator?.username ?? null;
  }

  /** The answered calls' rooms as the guidance desk lists them (shared/rooms/guidance.ts). */
  openRooms(): RoomFacts[] {
    return [...this.calls.values()].flatMap((call) =>
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
    this.roomWatchers.add(listener);
    return () => this.roomWatchers.delete(listener);
  }

  close(): void {
    for (const call of this.calls.values()) for (const t of call.timers.values()) clearTimeout(t);
    for (const s of this.kiosks.values()) s.close(1001, 'hub is stopping');
    for (const m of this.mediators.values()) m.socket.close(1001, 'hub is stopping');
  }

  // ---------- connections, in turn ----------

  private async onKioskConnected(terminalId: string, socket: FrameSocket): Promise<void> {
    this.kiosks.get(terminalId)?.close(4001, 'replaced by a newer connection');
    this.kiosks.set(terminalId, socket);
    const pass = this.joined.pass(terminalId);
    const guestOf = pass ? this.calls.get(pass.callId) : undefined;
    if (pass && guestOf?.room) {
      socket.send({ t: 'hello', terminalId, call: { state: { callId: pass.callId, state: 'ringing' }, room: this.roomView(guestOf, terminalId) } });
      return this.onGuestConnected(pass, this.joined.guestSocket(terminalId, socket));
    }
    if (pass) this.joined.leave(terminalId, pass.callId);
    const call = this.byTerminal.get(terminalId);
    if (call) this.clearTimer(call, terminalId);
    socket.send({ t: 'hello', terminalId, call: call ? { state: this.kioskState(call), room: this.roomView(call, terminalId) } : null });
    call?.room?.attach(terminalId, this.linkOf(socket));
  }

  private onKioskDisconnected(terminalId: string, socket: FrameSocket): void {
    if (this.kiosks.get(terminalId) !== socket) return;
    this.kiosks.delete(terminalId);
    const pass = this.joined.pass(terminalId);
    if (pass) return this.onGuestDisconnected(pass, this.joined.guestSocket(terminalId, socket));
    const call = this.byTerminal.get(terminalId);
    if (!call) return;
    call.room?.detach(terminalId, this.linkOf(socket));
    this.startTimer(call, terminalId, this.graceMs, () => this.end(call, 'resident_lost'));
  }

  private onMediatorConnected(username: string, displayName: string, socket: FrameSocket): void {
    this.mediators.get(username)?.socket.close(4001, 'replaced by a newer connection');
    this.mediators.set(username, { socket, displayName });
    this.presence.connected(username, true);
    const call = this.byMediator.get(username);
    if (call) this.clearTimer(call, username);
    const user = { username, displayName };
    socket.send({ t: 'hello', user, presence: this.presence.status(username), call: call ? this.mediatorCall(call, null) : (this.awaitingOutcome.get(username) ?? null) });
    call?.room?.attach(username, this.linkOf(socket));
    if (call?.room) void this.sendRecord(call, call.mediator?.role ?? 'mediator', socket);
    this.queueChanged();
  }

  private onMediatorDisconnected(username: string, socket: FrameSocket): void {
    if (this.mediators.get(username)?.socket !== socket) return;
    this.mediators.delete(username);
    this.presence.connected(username, false);
    const call = this.byMediator.get(username);
    if (call) {
      call.room?.detach(username, this.linkOf(socket));
      this.startTimer(call, username, this.graceMs, () => this.end(call, 'mediator_lost'));
    }
    this.queueChanged();
  }

  private async onIntakeArrived(submissionId: string): Promise<void> {
    for (const call of [...this.calls.values()]) {
      if (call.submissionId !== submissionId || call.intake) continue;
      call.intake = await this.intakeOf(call.submissionId, call.caseTicket ? null : call.terminalId);
      if (!call.intake || !this.calls.has(call.callId)) continue;
      if (call.mediator) this.toMediator(call.mediator.username, { t: 'call', call: this.mediatorCall(call, null) });
      else this.queueChanged();
    }
  }

  // ---------- guests, in turn ----------

  private async onGuestConnected(pass: GuestPass, socket: FrameSocket): Promise<void> {
    const call = this.calls.get(pass.callId);
    if (!call?.room) {
      socket.send({ t: 'call.ended', callId: pass.callId });
      return socket.close(1000, 'the call is over');
    }
    const known = call.guests.get(pass.identity);
    known?.socket?.close(4001, 'replaced by a newer connection');
    call.guests.set(pass.identity, { socket, role: pass.role });
    this.clearTimer(call, pass.identity);
    socket.send({ t: 'hello', callId: call.callId, role: pass.role });
    if (known && call.room.attach(pass.identity, this.linkOf(socket))) return this.sendRecord(call, pass.role, socket);
    // A new guest waits in the waiting room until someone who may admit lets them in; court staff
    // signed in at the hub (a guiding judge from the guidance desk) enter directly.
    const admitted = pass.entersDirectly === true;
    call.room.join({ identity: pass.identity, role: pass.role, displayName: pass.displayName, ice: iceConfigFor(this.o.ice, pass.identity, this.o.now()), link: this.linkOf(socket), admitted });
    await this.write(async () => this.o.roomLog?.joined(this.sceneOf(call, pass.caseId), { identity: pass.identity, role: pass.role }));
    this.roomsChanged();
    await this.sendRecord(call, pass.role, socket);
  }

  private onGuestDisconnected(pass: GuestPass, socket: FrameSocket): void {
    const call = this.calls.get(pass.callId);
    const guest = call?.guests.get(pass.identity);
    if (!call || guest?.socket !== socket) return;
    guest.socket = null;
    call.room?.detach(pass.identity, this.linkOf(socket));
    this.startTimer(call, pass.identity, this.graceMs, async () => this.removeGuest(call, pass.identity));
  }

  private async onGuestFrame(pass: GuestPass, socket: FrameSocket, frame: GuestFrame): Promise<void> {
    const call = this.calls.get(frame.callId);
    if (!call?.room || call.guests.get(pass.identity)?.socket !== socket || frame.callId !== pass.callId) {
      return socket.send({ t: 'error', code: 'NOT_FOUND', message: 'No such call' });
    }
    const me = { identity: pass.identity, role: pass.role };
    if (frame.t === 'room.act') return this.roomAct(call, me, frame, socket);
    if (frame.t === 'room.recording') return this.recordingStep(call, me, frame, socket);
    if (frame.t === 'room.hearing') return this.hearingStep(call, me, frame, socket);
    if (frame.t === 'room.record.save') return this.recordSave(call, me, frame, socket);
    if (frame.t === 'room.record.sign' || frame.t === 'room.record.refuse') return this.recordAnswer(call, me, frame, socket);
    if (frame.t === 'room.share') return this.roomShare(call, me, frame, socket);
    if (frame.t === 'call.rejoin') {
      call.room.join({ identity: pass.identity, role: pass.role, displayName: pass.displayName, ice: iceConfigFor(this.o.ice, pass.identity, this.o.now()), link: this.linkOf(socket) });
      return;
    }
    if (frame.t.startsWith('sfu.')) return this.sfuFrame(call, pass.identity, frame as SfuRequest, socket);
    const { t: _t, callId: _c, ...signal } = frame as Extract<GuestFrame, { t: 'signal' }>;
    if (!call.room.relay(pass.identity, signal)) socket.send({ t: 'error', code: 'NOT_FOUND', message: 'No such peer in this call' });
  }

  private async removeGuest(call: Call, identity: string): Promise<void> {
    const guest = call.guests.get(identity);
    if (!guest) return;
    call.guests.delete(identity);
    this.joined.leave(identity, call.callId);
    this.clearTimer(call, identity);
    call.room?.leave(identity);
    guest.socket?.send({ t: 'call.ended', callId: call.callId });
    guest.socket?.close(1000, 'left the call');
    await this.write(async () => this.o.roomLog?.left(this.sceneOf(call), { identity, role: guest.role }));
    this.roomsChanged();
  }

  /** A reference case shared into the room (server/guidance/roomShare.ts); a role's refusal is audited like a room.act. */
  private async roomShare(call: Call, me: RoomMember, frame: RoomShareFrame, socket: FrameSocket): Promise<void> {
    if (!call.room) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'The call has not been answered yet' });
    const result = await shareIntoRoom(call.room, me.identity, frame.referenceCaseId, this.o.referenceCases ?? null);
    if (!result.ok) {
      if (result.code === 'FORBIDDEN') await this.write(async () => this.o.roomLog?.refused(this.sceneOf(call), me, 'share_reference'));
      return socket.send({ t: 'error', ref: frame.ref, code: result.code, message: result.message });
    }
    await this.write(async () => this.o.roomLog?.shared(this.sceneOf(call), me, `${result.referenceCase.referenceCaseId}@${result.referenceCase.version}`));
    socket.send({ t: 'room.done', ref: frame.ref });
  }

  /** A request to the room, decided by the role table; a refusal is audited before the asker hears of it. */
  private async roomAct(call: Call, me: RoomMember, frame: RoomActFrame, socket: FrameSocket): Promise<void> {
    const result = call.room!.act(me.identity, requestOf(frame));
    if (!result.ok) {
      if (result.code === 'FORBIDDEN') await this.write(async () => this.o.roomLog?.refused(this.sceneOf(call), me, result.needed));
      return socket.send({ t: 'error', ref: frame.ref, code: result.code, message: result.message });
    }
    const target = result.changed;
    if (frame.action === 'admit' && target) await this.write(async () => this.o.roomLog?.admitted(this.sceneOf(call), target, me.identity));
    if (frame.action === 'remove' && target) {
      if (call.guests.has(target.identity)) await this.removeGuest(call, target.identity);
      else await this.write(async () => this.o.roomLog?.left(this.sceneOf(call), target));
    }
    socket.send({ t: 'room.done', ref: frame.ref });
  }

  /** A recording step (shared/rooms/recordingConsent.ts); a role's refused ask is audited like a room.act. */
  private async recordingStep(call: Call, me: RoomMember, frame: RoomRecordingFrame, socket: FrameSocket): Promise<void> {
    if (!call.room) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'The call has not been answered yet' });
    const unavailable = this.o.recordings ? this.o.recordings.unavailable(call.callId) : 'This hub does not record rooms';
    const result = call.room.recordingStep(me.identity, frame.step, unavailable);
    if (!result.ok) {
      if (result.code === 'FORBIDDEN') await this.write(async () => this.o.roomLog?.refused(this.sceneOf(call), me, 'start_recording'));
      return socket.send({ t: 'error', ref: frame.ref, code: result.code, message: result.message });
    }
    socket.send({ t: 'room.done', ref: frame.ref });
  }

  /**
   * A hearing step (shared/rooms/hearing.ts): refused ones are audited like a room.act; opening asks
   * everyone for consent to the mandatory recording, so a hearing cannot open where none can be made.
   */
  private async hearingStep(call: Call, me: RoomMember, frame: RoomHearingFrame, socket: FrameSocket): Promise<void> {
    if (!call.room) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'The call has not been answered yet' });
    const unavailable = this.o.recordings ? this.o.recordings.unavailable(call.callId) : 'This hub does not record rooms';
    const result = call.room.hearingStep(me.identity, frame, unavailable);
    if (!result.ok) {
      if (result.code === 'FORBIDDEN') await this.write(async () => this.o.roomLog?.refused(this.sceneOf(call), me, 'hold_hearing'));
      return socket.send({ t: 'error', ref: frame.ref, code: result.code, message: result.message });
    }
    for (const effect of result.effects) await this.write(async () => this.o.roomLog?.hearing(this.sceneOf(call), effect));
    // Recording is mandatory in a hearing: everyone is asked as it opens (a refusal is recorded and
    // the judge decides), and it stops when the hearing closes.
    if (frame.step === 'open' && call.room.recordingView(me.identity) === undefined) call.room.recordingStep(me.identity, 'ask', unavailable);
    if (frame.step === 'close' && call.room.recordingView(me.identity) !== undefined) call.room.recordingStep(me.identity, 'stop');
    socket.send({ t: 'room.done', ref: frame.ref });
    if (frame.step === 'close') await this.recordToSign(call);
  }

  /** The hearing closed: each party present is sent the record to read and sign on their own screen. */
  private async recordToSign(call: Call): Promise<void> {
    const present = call.room!.all().filter((p) => p.admitted);
    try {
      const shown = await this.o.recordSigning?.closed(this.sceneOf(call), present);
      if (!shown) return;
      for (const p of present) if (isParty(roomRoleOf(p.role))) this.socketOf(call, p.identity)?.send(shown.record);
      this.toKeepers(call, shown.progress);
    } catch (failure) {
      this.o.onError?.('desk.record', failure);
    }
  }

  /** Who has signed so far, to the record's keepers in the room (the judge, the clerk). */
  private toKeepers(call: Call, progress: SigningProgress): void {
    const frame = { t: 'room.record.signing', callId: call.callId, ...progress } as const;
    for (const p of call.room?.all() ?? []) if (may(roomRoleOf(p.role), 'keep_record')) this.socketOf(call, p.identity)?.send(frame);
  }

  private socketOf(call: Call, identity: string): FrameSocket | undefined {
    if (identity === call.terminalId) return this.kiosks.get(identity);
    if (identity === call.mediator?.username) return this.mediators.get(identity)?.socket;
    return call.guests.get(identity)?.socket ?? undefined;
  }

  /** A party signs the record by hand (or refuses); the last answer stores the signed record with the case. */
  private async recordAnswer(call: Call, me: RoomMember, frame: RoomRecordSignFrame, socket: FrameSocket): Promise<void> {
    if (!this.o.recordSigning) return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'This hub keeps no hearing records' });
    try {
      const outcome = await this.o.recordSigning.answer(this.sceneOf(call), me.identity, frame);
      if (!outcome.ok) return socket.send({ t: 'error', ref: frame.ref, code: outcome.code, message: outcome.message });
      socket.send({ t: 'room.done', ref: frame.ref });
      this.toKeepers(call, outcome.progress);
    } catch (failure) {
      this.o.onError?.('desk.record', failure);
      socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'The signed record could not be stored; sign again' });
    }
  }

  /** A keeper's save of the hearing's record: the next version, or refused (audited) with the latest sent back. */
  private async recordSave(call: Call, me: RoomMember, frame: RoomRecordSaveFrame, socket: FrameSocket): Promise<void> {
    const keeper = call.room?.byIdentity(me.identity);
    if (!this.o.hearingRecords || !keeper) return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'This hub keeps no hearing records' });
    let outcome: Awaited<ReturnType<HearingRecords['save']>>;
    try {
      outcome = await this.o.hearingRecords.save(this.sceneOf(call), { identity: me.identity, role: me.role, admitted: keeper.admitted }, frame);
    } catch (failure) {
      this.o.onError?.('desk.record', failure);
      return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'The record could not be saved; it is kept on your screen, try again' });
    }
    if (outcome.ok) return socket.send(outcome.frame);
    if (outcome.code === 'FORBIDDEN') await this.write(async () => this.o.roomLog?.refused(this.sceneOf(call), me, 'keep_record'));
    socket.send({ t: 'error', ref: frame.ref, code: outcome.code, message: outcome.message });
    if (outcome.latest) socket.send(outcome.latest);
  }

  /** A keeper of the record who (re)joins gets its latest version. */
  private async sendRecord(call: Call, role: ParticipantRole, socket: FrameSocket): Promise<void> {
    try {
      const latest = await this.o.hearingRecords?.latestFor(this.sceneOf(call), role);
      if (latest) socket.send(latest);
      // A keeper back while the parties sign sees who has answered so far.
      const progress = latest ? this.o.recordSigning?.progress(call.callId) : null;
      if (progress) socket.send({ t: 'room.record.signing', callId: call.callId, ...progress });
    } catch (failure) {
      this.o.onError?.('desk.record', failure);
    }
  }

  /** What the consent rule decided, passed on in order; a recorder that stops on its own ends the room's recording. */
  private recordingEffect(call: Call, effect: ConsentEffect): void {
    const by = 'by' in effect ? call.room?.byIdentity(effect.by) : null;
    const ended = () => void this.inTurn('desk.recording', () => call.room?.recordingEnded());
    this.o.recordings?.effect(this.sceneOf(call), effect, by ? { identity: by.identity, role: by.role } : null, ended);
  }

  private sceneOf(call: Call, caseId?: string | null): RoomScene {
    return { callId: call.callId, submissionId: trustedSubmission(call), caseId: caseId ?? null };
  }

  // ---------- frames, in turn ----------

  private async onKioskFrame(terminalId: string, socket: FrameSocket, frame: KioskFrame): Promise<void> {
    const me: Identity = { kind: 'kiosk', terminalId };
    const pass = this.joined.pass(terminalId);
    if (frame.t === 'call.join') return this.joinByCode(terminalId, socket, frame);
    if (frame.t === 'call.request' && pass) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'This terminal is in another call' });
    if (frame.t !== 'call.request' && pass?.callId === frame.callId) return this.joinedFrame(pass, terminalId, socket, frame);
    if (frame.t === 'call.request') {
      // A case ticket names the intake the resident proved theirs at check-my-case; a kiosk cannot name a case.
      const ticketed = frame.caseTicket !== undefined ? (this.o.tickets?.verify(frame.caseTicket, terminalId) ?? null) : null;
      if (frame.caseTicket !== undefined && !ticketed && !this.byTerminal.has(terminalId)) {
        return socket.send({ t: 'error', ref: frame.ref, code: 'FORBIDDEN', message: 'This case cannot be called about from this terminal now' });
      }
      const about = ticketed ? { submissionId: ticketed, caseTicket: true } : { submissionId: frame.submissionId ?? null, caseTicket: false };
      const call = this.byTerminal.get(terminalId) ?? (await this.enqueue(terminalId, about, frame.language));
      if (!call) return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'The court hub cannot take calls right now' });
      socket.send({ t: 'call.state', ref: frame.ref, state: this.kioskState(call) });
      return;
    }
    const call = this.calls.get(frame.callId);
    if (!call || call.terminalId !== terminalId) return socket.send({ t: 'error', code: 'NOT_FOUND', message: 'No such call', ...('ref' in frame ? { ref: frame.ref } : {}) });
    if (frame.t === 'room.recording') return this.recordingStep(call, { identity: terminalId, role: 'resident' }, frame, socket);
    if (frame.t === 'room.hearing') return this.hearingStep(call, { identity: terminalId, role: 'resident' }, frame, socket);
    if (frame.t === 'room.record.sign' || frame.t === 'room.record.refuse') return this.recordAnswer(call, { identity: terminalId, role: 'resident' }, frame, socket);
    if (frame.t === 'room.share') return this.roomShare(call, { identity: terminalId, role: 'resident' }, frame, socket);
    if (frame.t === 'call.cancel' || frame.t === 'call.hangup') await this.end(call, call.answeredAt ? 'resident_hangup' : 'cancelled');
    else if (frame.t.startsWith('sfu.')) this.sfuFrame(call, terminalId, frame as SfuRequest, socket);
    else this.roomFrame(call, me, frame as Extract<KioskFrame, { t: 'call.rejoin' | 'signal' }>, socket);
  }

  /** A kiosk enters another call's code: into that room's waiting room as the invitation's role. */
  private async joinByCode(terminalId: string, socket: FrameSocket, frame: Extract<KioskFrame, { t: 'call.join' }>): Promise<void> {
    if (this.byTerminal.has(terminalId) || this.joined.pass(terminalId)) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'This terminal is already in a call' });
    if (!this.o.terminalJoin) return socket.send({ t: 'error', ref: frame.ref, code: 'UNAVAILABLE', message: 'This hub does not let terminals join by code' });
    const outcome = await this.o.terminalJoin({ terminalId, code: frame.code, isOpen: (callId) => this.isOpen(callId) });
    if (!outcome.ok) return socket.send({ t: 'error', ref: frame.ref, code: outcome.code, message: outcome.message });
    this.joined.add(terminalId, outcome.pass);
    socket.send({ t: 'call.state', ref: frame.ref, state: { callId: outcome.pass.callId, state: 'ringing' } });
    await this.onGuestConnected(outcome.pass, this.joined.guestSocket(terminalId, socket));
  }

  /** A frame of a kiosk that joined by code: a guest's, except that leaving is the kiosk's hang-up. */
  private async joinedFrame(pass: GuestPass, terminalId: string, socket: FrameSocket, frame: Exclude<KioskFrame, { t: 'call.request' | 'call.join' }>): Promise<void> {
    const call = this.calls.get(pass.callId);
    if (frame.t === 'call.hangup' || frame.t === 'call.cancel') return call ? this.removeGuest(call, terminalId) : this.joined.leave(terminalId, pass.callId);
    return this.onGuestFrame(pass, this.joined.guestSocket(terminalId, socket), frame);
  }

  private async onMediatorFrame(username: string, socket: FrameSocket, frame: MediatorFrame): Promise<void> {
    const displayName = this.mediators.get(username)?.displayName ?? username;
    const error = (code: string, message: string, ref?: number) => socket.send({ t: 'error', code, message, ...(ref !== undefined ? { ref } : {}) });
    switch (frame.t) {
      case 'presence.set':
        this.presence.choose(username, frame.status);
        socket.send({ t: 'presence', status: this.presence.status(username) });
        return this.queueChanged();
      case 'call.accept': {
        const call = this.calls.get(frame.callId);
        if (this.byMediator.has(username)) return error('CONFLICT', 'You are already in a call', frame.ref);
        if (this.presence.status(username) !== 'available') return error('NOT_ON_DUTY', 'Go on duty to answer calls', frame.ref);
        if (!call || call.answeredAt) return error('ALREADY_TAKEN', 'This call was answered or has ended', frame.ref);
        return this.answer(call, username, displayName, socket);
      }
      case 'call.end': {
        const call = this.calls.get(frame.callId);
        if (call?.mediator?.username === username) await this.end(call, 'mediator_hangup');
        const at = this.o.now().toISOString();
        let recorded: boolean;
        try {
          recorded = await this.o.records.recordOutcome(frame.callId, username, frame.outcome, frame.notes, at);
        } catch (failure) {
          this.o.onError?.('desk.record', failure);
          return error('UNAVAILABLE', 'The outcome could not be stored; try again', frame.ref);
        }
        if (!recorded) {
          return error('NOT_FOUND', 'No call of yours with this id', frame.ref);
        }
        if (this.awaitingOutcome.get(username)?.callId === frame.callId) this.awaitingOutcome.delete(username);
        return socket.send({ t: 'call.recorded', ref: frame.ref, callId: frame.callId });
      }
      default: {
        const call = this.calls.get(frame.callId);
        if (!call || call.mediator?.username !== username) return error('NOT_FOUND', 'No such call', 'ref' in frame ? frame.ref : undefined);
        const me = { identity: username, role: call.mediator?.role ?? 'mediator' };
        if (frame.t === 'room.recording') return this.recordingStep(call, me, frame, socket);
        if (frame.t === 'room.hearing') return this.hearingStep(call, me, frame, socket);
        if (frame.t === 'room.record.save') return this.recordSave(call, me, frame, socket);
        if (frame.t === 'room.share') return this.roomShare(call, me, frame, socket);
        if (frame.t === 'room.act') {
          if (!call.room) return error('CONFLICT', 'The call has not been answered yet', frame.ref);
          return this.roomAct(call, me, frame, socket);
        }
        if (frame.t.startsWith('sfu.')) return this.sfuFrame(call, username, frame as SfuRequest, socket);
        this.roomFrame(call, { kind: 'mediator', username, displayName }, frame as Extract<MediatorFrame, { t: 'call.rejoin' | 'signal' }>, socket);
      }
    }
  }

  private roomFrame(call: Call, me: Identity, frame: Extract<KioskFrame | MediatorFrame, { t: 'call.rejoin' | 'signal' }>, socket: FrameSocket): void {
    const id = me.kind === 'kiosk' ? me.terminalId : me.username;
    if (!call.room) return socket.send({ t: 'error', code: 'CONFLICT', message: 'The call has not been answered yet' });
    if (frame.t === 'call.rejoin') {
      // A full rejoin: a new peer id, so the other side drops its broken link and builds a new one.
      this.join(call, me, socket);
      return;
    }
    const { t: _t, callId: _c, ...signal } = frame;
    if (!call.room.relay(id, signal)) socket.send({ t: 'error', code: 'NOT_FOUND', message: 'No such peer in this call' });
  }

  /**
   * One SFU step of a participant, answered on the socket it came by. Not awaited in turn: one
   * room's media steps must not hold up every other call's signalling.
   */
  private sfuFrame(call: Call, identity: string, frame: SfuRequest, socket: FrameSocket): void {
    const participant = call.room?.byIdentity(identity);
    const media = call.room?.media;
    if (!participant || !media) return socket.send({ t: 'error', ref: frame.ref, code: 'CONFLICT', message: 'This call is not on the media server' });
    media.request(participant.peerId, frame).then(
      (reply) => socket.send(reply),
      (failure: unknown) => socket.send(sfuErrorFrame(frame.ref, failure)),
    );
  }

  // ---------- the call's life ----------

  /** A new call in the queue; null if its record cannot be written (no call goes unrecorded). */
  private async enqueue(terminalId: string, about: { submissionId: string | null; caseTicket: boolean }, language: 'zh-CN' | 'en'): Promise<Call | null> {
    const { submissionId, caseTicket } = about;
    const now = this.o.now();
    const callId = randomUUID();
    try {
      await this.o.records.queued({ callId, terminalId, submissionId, language, queuedAt: now.toISOString(), caseTicket });
    } catch (error) {
      this.o.onError?.('desk.record', error);
      return null;
    }
    const call: Call = {
      callId,
      terminalId,
      terminal: await this.terminalOf(terminalId),
      submissionId,
      caseTicket,
      language,
      queuedAt: now,
      intake: submissionId ? await this.intakeOf(submissionId, caseTicket ? null : terminalId) : null,
      answeredAt: null,
      mediator: null,
      room: null,
      guests: new Map(),
      timers: new Map(),
      lastPushed: '',
    };
    this.calls.set(call.callId, call);
    this.byTerminal.set(terminalId, call);
    this.queue.enqueue(call);
    this.startTimer(call, 'queue', this.maxQueueWaitMs, () => this.end(call, 'queue_timeout'));
    call.lastPushed = JSON.stringify(this.kioskState(call)); // the requester gets it as the answer
    this.queueChanged();
    return call;
  }

  private async answer(call: Call, username: string, displayName: string, socket: FrameSocket): Promise<void> {
    const now = this.o.now();
    this.queue.remove(call.callId);
    this.clearTimer(call, 'queue');
    call.answeredAt = now;
    call.mediator = { username, displayName, role: (await this.o.deskRole?.(username)) ?? 'mediator' };
    call.room = new Room(call.callId, this.o.media?.(call.callId) ?? null);
    call.room.onRecording = (effect) => this.recordingEffect(call, effect);
    if (call.submissionId && !call.intake) call.intake = await this.intakeOf(call.submissionId, call.caseTicket ? null : call.terminalId);
    await this.write(() => this.o.records.answered(call.callId, username, now.toISOString()));
    this.byMediator.set(username, call);
    this.awaitingOutcome.delete(username);
    this.presence.inCall(username, true);
    socket.send({ t: 'presence', status: this.presence.status(username) });
    this.toKiosk(call.terminalId, { t: 'call.state', state: this.kioskState(call) });
    socket.send({ t: 'call', call: this.mediatorCall(call, null) });
    this.join(call, { kind: 'kiosk', terminalId: call.terminalId }, this.kiosks.get(call.terminalId) ?? null);
    this.join(call, { kind: 'mediator', username, displayName }, socket);
    const log = this.o.roomLog;
    if (log) {
      const scene = this.sceneOf(call);
      await this.write(async () => {
        await log.opened(scene);
        await log.joined(scene, { identity: call.terminalId, role: 'resident' });
        await log.joined(scene, { identity: username, role: call.mediator?.role ?? 'mediator' });
      });
    }
    this.queueChanged();
  }

  private join(call: Call, me: Identity, socket: FrameSocket | null): void {
    const identity = me.kind === 'kiosk' ? me.terminalId : me.username;
    call.room!.join({
      identity,
      role: me.kind === 'kiosk' ? 'resident' : (call.mediator?.role ?? 'mediator'),
      displayName: me.kind === 'mediator' ? me.displayName : undefined,
      ice: iceConfigFor(this.o.ice, identity, this.o.now()),
      link: socket ? this.linkOf(socket) : null,
    });
  }

  private async end(call: Call, reason: CallEndReason): Promise<void> {
    if (!this.calls.delete(call.callId)) return;
    for (const t of call.timers.values()) clearTimeout(t);
    call.timers.clear();
    this.queue.remove(call.callId);
    if (this.byTerminal.get(call.terminalId) === call) this.byTerminal.delete(call.terminalId);
    const endedAt = this.o.now();
    // The session first: a hub stopping between the two closes the call again at its restart and
    // appends again, finding the first (server/rooms/callSessions.ts).
    const sessions = this.o.callSessions;
    if (call.answeredAt && sessions) {
      const held = {
        callId: call.callId,
        terminalId: call.terminalId,
        submissionId: call.submissionId,
        caseTicket: call.caseTicket ? (1 as const) : (0 as const),
        answeredAt: call.answeredAt.toISOString(),
      };
      await this.write(() => sessions.held(held, endedAt));
    }
    await this.write(() => this.o.records.ended(call.callId, endedAt.toISOString(), reason));
    this.toKiosk(call.terminalId, { t: 'call.state', state: { callId: call.callId, state: 'ended', reason } });
    if (call.mediator) {
      const { username } = call.mediator;
      if (this.byMediator.get(username) === call) this.byMediator.delete(username);
      this.presence.inCall(username, false);
      const ended = this.mediatorCall(call, reason);
      this.awaitingOutcome.set(username, ended);
      this.toMediator(username, { t: 'call', call: ended });
      this.toMediator(username, { t: 'presence', status: this.presence.status(username) });
      await this.write(async () => {
        this.meanCallS = (await this.o.records.meanDurationS()) ?? DEFAULT_MEAN_CALL_S;
      });
    }
    for (const [identity, guest] of call.guests) {
      this.joined.leave(identity, call.callId);
      guest.socket?.send({ t: 'call.ended', callId: call.callId });
      guest.socket?.close(1000, 'the call is over');
      await this.write(async () => this.o.roomLog?.left(this.sceneOf(call), { identity, role: guest.role }));
    }
    call.guests.clear();
    call.room?.close();
    call.room = null;
    this.queueChanged();
  }

  // ---------- views ----------

  private kioskState(call: Call): CallState {
    return kioskState(call, this.queue.position(call.callId) ?? 1, { idleMediators: this.presence.idleCount(), onDutyMediators: this.presence.onDutyCount(), meanCallS: this.meanCallS });
  }

  private roomView(call: Call, identity: string) {
    const p = call.room?.byIdentity(identity);
    return p && call.room ? call.room.viewOf(p) : null;
  }

  private mediatorCall(call: Call, endedReason: CallEndReason | null): MediatorCall {
    return mediatorCall(call, call.terminal, endedReason);
  }

  /** Pushes the queue to every console and new positions and estimates to every waiting kiosk. */
  private queueChanged(): void {
    this.roomsChanged();
    const calls = this.queue.entries().map((c) => queueEntry(c, c.terminal));
    const frame = { t: 'queue', calls, onDuty: this.presence.onDutyCount() };
    for (const m of this.mediators.values()) m.socket.send(frame);
    for (const call of this.queue.entries()) {
      const state = this.kioskState(call);
      const key = JSON.stringify(state);
      if (key === call.lastPushed) continue;
      call.lastPushed = key;
      this.toKiosk(call.terminalId, { t: 'call.state', state });
    }
  }

  private roomsChanged(): void {
    for (const listener of this.roomWatchers) listener();
  }

  // ---------- plumbing ----------

  /** Runs `work` after every event before it has been handled; a failure is reported, never thrown. */
  private inTurn(event: string, work: () => void | Promise<void>): Promise<void> {
    const turn = this.turn.then(work).catch((error: unknown) => this.o.onError?.(event, error));
    this.turn = turn;
    return turn;
  }

  /** A record write the call does not wait on if it fails: reported, and the call goes on. */
  private async write(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.o.onError?.('desk.record', error);
    }
  }

  private async terminalOf(terminalId: string): Promise<TerminalSummary> {
    try {
      return await this.o.directory.terminal(terminalId);
    } catch (error) {
      this.o.onError?.('desk.record', error);
      return { terminalId, name: terminalId, location: '' };
    }
  }

  /** The intake's summary; null while it has not arrived (or cannot be read now: it is shown when it can). `terminalId` null: ticketed, from any terminal. */
  private async intakeOf(submissionId: string, terminalId: string | null): Promise<IntakeSummary | null> {
    try {
      return await this.o.directory.intake(submissionId, terminalId);
    } catch (error) {
      this.o.onError?.('desk.record', error);
      return null;
    }
  }

  private linkOf(socket: FrameSocket): ParticipantLink {
    let link = this.links.get(socket);
    if (!link) {
      link = { send: (frame) => socket.send(frame) };
      this.links.set(socket, link);
    }
    return link;
  }

  private toKiosk(terminalId: string, frame: object): void {
    this.kiosks.get(terminalId)?.send(frame);
  }

  private toMediator(username: string, frame: object): void {
    this.mediators.get(username)?.socket.send(frame);
  }

  private startTimer(call: Call, key: string, ms: number, fire: () => Promise<void>): void {
    this.clearTimer(call, key);
    const timer = setTimeout(() => {
      void this.inTurn('desk.timer', () => {
        // An event handled before this turn (a reconnect) may have cleared or replaced the timer.
        if (call.timers.get(key) !== timer) return;
        call.timers.delete(key);
        return fire();
      });
    }, ms);
    timer.unref();
    call.timers.set(key, timer);
  }

  private clearTimer(call: Call, key: string): void {
    const t = call.timers.get(key);
    if (t) clearTimeout(t);
    call.timers.delete(key);
  }
}

/**
 * The intake a call is about as the hub trusts it: one the resident proved theirs (a case ticket),
 * or one filed from the calling terminal (its summary was found for that terminal). A kiosk naming
 * another kiosk's intake gets no room events, invitations or session on that case.
 */
function trustedSubmission(call: Call): string | null {
  return call.caseTicket || call.intake !== null ? call.submissionId : null;
}
