import type { CallEndReason, CallState, ParticipantRole } from '../../shared/call.js';
import type { HearingRecords } from '../hearing/hearingRecords.js';
import type { RecordSigning } from '../hearing/recordSigning.js';
import type { RecordUnlock } from '../hearing/recordUnlock.js';
import type { IntakeSummary, MediatorCall, TerminalSummary } from '../../shared/signalling.js';
import type { PublishedLookup } from '../guidance/roomShare.js';
import type { RoomLog, RoomScene } from '../rooms/roomLog.js';
import type { RoomRecordings } from '../rooms/roomRecordings.js';
import type { CallTickets } from '../caseStatus/callTickets.js';
import type { CallSessions } from '../rooms/callSessions.js';
import type { CallRecords } from './callRecords.js';
import { CallQueue } from './callQueue.js';
import { kioskState, mediatorCall, queueEntry, type Call } from './deskViews.js';
import type { Directory } from './directory.js';
import { Presence } from './presence.js';
import type { ParticipantLink } from './participant.js';
import type { RoomMedia } from './rooms.js';
import type { FrameSocket } from './signallingSocket.js';
import { JoinedTerminals } from './joinedTerminals.js';
import type { TerminalJoin } from '../rooms/terminalJoin.js';
import type { IceOptions } from './turnCredentials.js';

// The desk's live state (queue, calls, who is connected) and how it reaches people: the sockets
// it sends on, the timers of its grace periods, the turn every event is handled in, and the
// views each side is pushed. The steps that change it live beside it (callLife, roomSteps,
// roomRecord, deskGuests); server/signalling/mediationDesk.ts routes events to them.

export interface DeskOptions {
  records: CallRecords;
  directory: Directory;
  ice?: IceOptions | undefined;
  now: () => Date;
  /** How long a dropped kiosk or console keeps its call. */
  graceMs?: number;
  /** How long a call may wait unanswered. */
  maxQueueWaitMs?: number;
  /** How long a participant's media may stay interrupted before it is written on the case (server/signalling/roomMediaState.ts). */
  mediaInterruptionLoggedMs?: number | undefined;
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
  /** A pending record is read only after its party's name + ID ending (server/hearing/recordUnlock.ts); absent: it cannot be read at a kiosk. */
  recordUnlock?: RecordUnlock | undefined;
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

export type Identity = { kind: 'kiosk'; terminalId: string } | { kind: 'mediator'; username: string; displayName: string };

export class DeskState {
  readonly kiosks = new Map<string, FrameSocket>();
  readonly mediators = new Map<string, { socket: FrameSocket; displayName: string }>();
  private readonly links = new WeakMap<FrameSocket, ParticipantLink>();
  readonly calls = new Map<string, Call>();
  readonly byTerminal = new Map<string, Call>();
  readonly byMediator = new Map<string, Call>();
  /** Ended calls whose mediator has not yet recorded an outcome (shown again after a reload). */
  readonly awaitingOutcome = new Map<string, MediatorCall>();
  readonly queue = new CallQueue<Call>();
  /** Kiosks in another call's room by its code: guests there, on their own socket. */
  readonly joined = new JoinedTerminals();
  readonly presence = new Presence();
  readonly graceMs: number;
  readonly maxQueueWaitMs: number;
  /** Told whenever the open rooms may have changed (the guidance desk's live list). */
  readonly roomWatchers = new Set<() => void>();
  /** The event being handled; the next one starts when it settles. */
  private turn: Promise<void> = Promise.resolve();

  constructor(
    readonly o: DeskOptions,
    public meanCallS: number,
  ) {
    this.graceMs = o.graceMs ?? 30_000;
    this.maxQueueWaitMs = o.maxQueueWaitMs ?? 10 * 60_000;
  }

  /** Whether a call is answered and open: invitations are made for such calls only. */
  isOpen(callId: string): boolean {
    return this.calls.get(callId)?.room != null;
  }

  // ---------- views ----------

  kioskState(call: Call): CallState {
    return kioskState(call, this.queue.position(call.callId) ?? 1, { idleMediators: this.presence.idleCount(), onDutyMediators: this.presence.onDutyCount(), meanCallS: this.meanCallS });
  }

  roomView(call: Call, identity: string) {
    const p = call.room?.byIdentity(identity);
    return p && call.room ? call.room.viewOf(p) : null;
  }

  mediatorCall(call: Call, endedReason: CallEndReason | null): MediatorCall {
    return mediatorCall(call, call.terminal, endedReason);
  }

  /** Pushes the queue to every console and new positions and estimates to every waiting kiosk. */
  queueChanged(): void {
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

  roomsChanged(): void {
    for (const listener of this.roomWatchers) listener();
  }

  sceneOf(call: Call, caseId?: string | null): RoomScene {
    return { callId: call.callId, submissionId: trustedSubmission(call), caseId: caseId ?? null };
  }

  // ---------- plumbing ----------

  /** Runs `work` after every event before it has been handled; a failure is reported, never thrown. */
  inTurn(event: string, work: () => void | Promise<void>): Promise<void> {
    const turn = this.turn.then(work).catch((error: unknown) => this.o.onError?.(event, error));
    this.turn = turn;
    return turn;
  }

  /** A record write the call does not wait on if it fails: reported, and the call goes on. */
  async write(work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.o.onError?.('desk.record', error);
    }
  }

  async terminalOf(terminalId: string): Promise<TerminalSummary> {
    try {
      return await this.o.directory.terminal(terminalId);
    } catch (error) {
      this.o.onError?.('desk.record', error);
      return { terminalId, name: terminalId, location: '' };
    }
  }

  /** The intake's summary; null while it has not arrived (or cannot be read now: it is shown when it can). `terminalId` null: ticketed, from any terminal. */
  async intakeOf(submissionId: string, terminalId: string | null): Promise<IntakeSummary | null> {
    try {
      return await this.o.directory.intake(submissionId, terminalId);
    } catch (error) {
      this.o.onError?.('desk.record', error);
      return null;
    }
  }

  linkOf(socket: FrameSocket): ParticipantLink {
    let link = this.links.get(socket);
    if (!link) {
      link = { send: (frame) => socket.send(frame) };
      this.links.set(socket, link);
    }
    return link;
  }

  toKiosk(terminalId: string, frame: object): void {
    this.kiosks.get(terminalId)?.send(frame);
  }

  toMediator(username: string, frame: object): void {
    this.mediators.get(username)?.socket.send(frame);
  }

  socketOf(call: Call, identity: string): FrameSocket | undefined {
    if (identity === call.terminalId) return this.kiosks.get(identity);
    if (identity === call.mediator?.username) return this.mediators.get(identity)?.socket;
    return call.guests.get(identity)?.socket ?? undefined;
  }

  startTimer(call: Call, key: string, ms: number, fire: () => Promise<void>): void {
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

  clearTimer(call: Call, key: string): void {
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
export function trustedSubmission(call: Call): string | null {
  return call.caseTicket || call.intake !== null ? call.submissionId : null;
}
