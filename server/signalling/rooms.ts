import type { CallRoom, CallSignal, IceConfig, ParticipantRole, RoomPeer } from '../../shared/call.js';
import { may, roomRoleOf, type RoomAction, type RoomRole } from '../../shared/rooms/roleTable.js';
import { consentAfterPresence, consentOff, consentStep, recordingViewFor, type ConsentEffect, type ConsentState, type RecordingStep, type RecordingView } from '../../shared/rooms/recordingConsent.js';
import { exchangeMedia, waitingReason } from '../../shared/rooms/roomRules.js';
import { hearingNone, hearingStep, hearingViewFor, maySpeak, type HearingEffect, type HearingState, type RoomHearingRequest } from '../../shared/rooms/hearing.js';
import type { SfuOutbound, SfuReplyFrame, SfuRequest } from '../../shared/sfu.js';
import type { PublishedReferenceCase } from '../../shared/referenceCases/referenceCase.js';
import type { RoomShare } from '../../shared/rooms/roomShare.js';
import type { MediaReport } from '../../shared/rooms/mediaState.js';
import { MediaInterruptions } from './mediaInterruptions.js';
import { HeldFrames, type RoomOutbound } from './heldFrames.js';
import { newPeerId, presence, type Participant, type ParticipantLink } from './participant.js';

export type { RoomOutbound } from './heldFrames.js';

// A room is a call's meeting place: a list of participants, each reachable through its current
// socket ("link"), and a relay for their negotiation messages. Rooms know nothing about the media
// topology: today every pair talks peer to peer; an SFU would join as one more participant (or
// replace the relay) without the kiosk's side of the protocol changing shape.
//
// Who may do what is the role table's (shared/rooms/roleTable.ts); who exchanges media with whom
// is shared/rooms/roomRules.ts: a participant waiting to be admitted, or a party kept out of a
// caucus, is told of nobody and nobody is told of them, and no negotiation passes between them.
// Whatever carries media must honour `exchange(a, b)` the same way.
//
// A participant whose socket drops stays in the room: messages for it are held (up to a limit,
// state kept before steps: heldFrames.ts) and delivered when it reconnects, because media usually
// keeps flowing meanwhile.

/**
 * The room's media on the SFU (server/sfu/), when the hub runs one: told who joins, leaves or is
 * concealed from whom, and given each participant's `sfu.*` steps. Without it, peers talk peer to peer.
 */
export interface RoomMedia {
  /** `role`: the participant's role in the table (a recording labels their tile with it). */
  joined(peerId: string, deliver: (frame: SfuOutbound) => void, role?: RoomRole): void;
  left(peerId: string): void;
  conceal(viewerPeerId: string, ownerPeerId: string, hidden: boolean): void;
  request(peerId: string, frame: SfuRequest): Promise<SfuReplyFrame>;
  /** A hearing's floor (shared/rooms/hearing.ts): pause `peerId`'s microphone and refuse its resume, or lift that. */
  silence?(peerId: string, silenced: boolean): void;
  close(): void;
}

/** What a participant asks of the room; each needs one entry of the role table. */
export type RoomRequest = { action: 'admit' | 'mute' | 'unmute' | 'remove'; peerId: string } | { action: 'caucus'; peerIds: string[] } | { action: 'end_caucus' };

const neededFor: Record<RoomRequest['action'], RoomAction> = {
  admit: 'admit',
  mute: 'mute_others',
  unmute: 'mute_others',
  remove: 'remove',
  caucus: 'caucus',
  end_caucus: 'caucus',
};

export type RoomActResult = { ok: true; changed: Participant | null } | { ok: false; code: 'FORBIDDEN' | 'NOT_FOUND'; message: string; needed: RoomAction };

export type RecordingStepResult = { ok: true } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'UNAVAILABLE'; message: string };
export type HearingStepResult = { ok: true; effects: HearingEffect[] } | { ok: false; code: 'FORBIDDEN' | 'CONFLICT' | 'NOT_FOUND' | 'UNAVAILABLE'; message: string };

export class Room {
  private readonly participants = new Map<string, Participant>();
  /** Peer ids in a caucus with the staff, or null when everyone talks together. */
  private caucus: Set<string> | null = null;
  /** Recording with consent (shared/rooms/recordingConsent.ts), by identity. */
  private consent: ConsentState = consentOff;
  /** A hearing (shared/rooms/hearing.ts), by identity: who holds the floor. */
  private hearing: HearingState = hearingNone;
  /** The reference case shared into the room last (server/guidance/roomShare.ts), shown until dismissed. */
  private shared: RoomShare | null = null;
  /** Whose media is interrupted, from the participants' reports (server/signalling/mediaInterruptions.ts). */
  private readonly interruptions = new MediaInterruptions();
  /** Told when a participant's media becomes interrupted (true), flows again or they left (false). */
  onMediaInterrupted: ((peerId: string, p: Participant | null, interrupted: boolean) => void) | null = null;
  /** Told of each step of the recording's consent as it happens (the desk logs it and runs the recorder). */
  onRecording: ((effect: ConsentEffect) => void) | null = null;

  constructor(
    readonly callId: string,
    readonly media: RoomMedia | null = null,
  ) {}

  /**
   * Adds a participant with a fresh peer id. If the same identity is already here (a full
   * rejoin), the old participant leaves first, so the others drop their link to it and build a
   * new one to the newcomer.
   */
  join(p: {
    identity: string;
    role: ParticipantRole;
    displayName?: string | undefined;
    unverified?: boolean | undefined;
    partyIndex?: number | undefined;
    ice: IceConfig;
    link: ParticipantLink | null;
    admitted?: boolean;
  }): Participant {
    const previous = this.byIdentity(p.identity);
    if (previous) {
      this.participants.delete(previous.peerId);
      this.media?.left(previous.peerId);
    }
    const participant: Participant = {
      peerId: newPeerId(),
      role: p.role,
      identity: p.identity,
      displayName: p.displayName,
      ...(p.unverified ? { unverified: true } : {}),
      ...(p.partyIndex !== undefined ? { partyIndex: p.partyIndex } : {}),
      ice: p.ice,
      link: p.link,
      // A rejoin keeps its place: admitted stays admitted, muted stays muted, in the caucus stays in it.
      admitted: previous?.admitted ?? p.admitted ?? true,
      muted: previous?.muted ?? false,
      cameraOff: previous?.cameraOff ?? false,
      held: new HeldFrames(),
    };
    if (previous && this.caucus?.delete(previous.peerId)) this.caucus.add(participant.peerId);
    this.participants.set(participant.peerId, participant);
    this.media?.joined(participant.peerId, (frame) => this.deliver(participant, frame), roomRoleOf(participant.role));
    this.announce();
    return participant;
  }

  leave(identity: string): void {
    const p = this.byIdentity(identity);
    if (!p) return;
    this.participants.delete(p.peerId);
    this.caucus?.delete(p.peerId);
    this.media?.left(p.peerId);
    this.announce();
  }

  /**
   * Does what `identity` asks if its role may (the role table); a refusal changes nothing and says
   * which permission was missing, so the caller can tell the asker and audit it.
   */
  act(identity: string, request: RoomRequest): RoomActResult {
    const actor = this.byIdentity(identity);
    const needed = neededFor[request.action];
    if (!actor) return { ok: false, code: 'NOT_FOUND', message: 'You are not in this room', needed };
    if (!actor.admitted || !may(roomRoleOf(actor.role), needed)) {
      return { ok: false, code: 'FORBIDDEN', message: `Your role (${actor.role}) may not ${request.action.replace('_', ' ')} in this room`, needed };
    }
    if (request.action === 'end_caucus') {
      this.caucus = null;
      this.announce();
      return { ok: true, changed: null };
    }
    const ids = request.action === 'caucus' ? request.peerIds : [request.peerId];
    const targets = ids.map((id) => this.participants.get(id));
    if (targets.some((t) => !t || t === actor)) return { ok: false, code: 'NOT_FOUND', message: 'No such participant in this room', needed };
    const target = targets[0]!;
    switch (request.action) {
      case 'admit':
        target.admitted = true;
        break;
      case 'mute':
      case 'unmute':
        target.muted = request.action === 'mute';
        break;
      case 'remove':
        this.participants.delete(target.peerId);
        this.caucus?.delete(target.peerId);
        this.media?.left(target.peerId);
        this.deliver(target, { t: 'room', room: { ...this.viewOf(target), peers: [], waiting: 'admission' } });
        break;
      case 'caucus':
        this.caucus = new Set(ids);
        break;
    }
    this.announce();
    return { ok: true, changed: target };
  }

  /** Whether `identity` is in the room, admitted, and its role may do `action` (the role table). */
  allows(identity: string, action: RoomAction): { ok: true; actor: Participant } | { ok: false; code: 'FORBIDDEN' | 'NOT_FOUND'; message: string } {
    const actor = this.byIdentity(identity);
    if (!actor) return { ok: false, code: 'NOT_FOUND', message: 'You are not in this room' };
    if (!actor.admitted || !may(roomRoleOf(actor.role), action)) return { ok: false, code: 'FORBIDDEN', message: `Your role (${actor.role}) may not ${action.replace('_', ' ')} in this room` };
    return { ok: true, actor };
  }

  /** Shows a reference case on every participant's screen (the caller checked `allows(…, 'share_reference')`). */
  share(by: Participant, referenceCase: PublishedReferenceCase): void {
    this.shared = { shareId: newPeerId(), referenceCase, ...(by.displayName ? { by: by.displayName } : {}) };
    this.announce();
  }

  /** A participant's recording step (ask, answer, stop), decided by the consent rule and the role table. */
  recordingStep(identity: string, step: RecordingStep, unavailable: string | null = null): RecordingStepResult {
    const actor = this.byIdentity(identity);
    if (!actor) return { ok: false, code: 'NOT_FOUND', message: 'You are not in this room' };
    const mayRecord = actor.admitted && may(roomRoleOf(actor.role), 'start_recording');
    // Nobody is asked to consent to a recording the hub cannot make.
    if (step === 'ask' && mayRecord && unavailable) return { ok: false, code: 'UNAVAILABLE', message: unavailable };
    const result = consentStep(this.consent, step, { identity, mayRecord }, this.present());
    if (!result.ok) return result;
    this.consent = result.state;
    for (const effect of result.effects) this.onRecording?.(effect);
    this.announce();
    return { ok: true };
  }

  /**
   * A hearing step by `identity` (the judge's, by the role table's 'hold_hearing'). A hearing is
   * recorded, so it does not open where no recording can be made (UNAVAILABLE); the caller asks for
   * consent once the opening is logged. The floor silences the others' microphones on the SFU.
   */
  hearingStep(identity: string, request: RoomHearingRequest, recorderUnavailable: string | null): HearingStepResult {
    const actor = this.byIdentity(identity);
    if (!actor) return { ok: false, code: 'NOT_FOUND', message: 'You are not in this room' };
    const mayHold = actor.admitted && may(roomRoleOf(actor.role), 'hold_hearing');
    if (request.step === 'open' && mayHold && recorderUnavailable) return { ok: false, code: 'UNAVAILABLE', message: `A hearing is recorded: ${recorderUnavailable}` };
    const to = request.peerId ? this.participants.get(request.peerId)?.identity : undefined;
    if (request.step === 'give_floor' && mayHold && !to) return { ok: false, code: 'NOT_FOUND', message: 'No such participant in this room' };
    const step = request.step === 'give_floor' ? { step: 'give_floor' as const, to: to! } : { step: request.step };
    const result = hearingStep(this.hearing, step, { identity, mayHold }, this.present());
    if (!result.ok) return result;
    this.hearing = result.state;
    this.announce();
    return { ok: true, effects: result.effects };
  }

  /** What `identity` sees of the recording now (undefined: off). */
  recordingView(identity: string): RecordingView | undefined {
    return recordingViewFor(this.consent, identity);
  }

  /** Whether the hearing's floor lets `identity` speak now (always, outside a hearing). */
  maySpeak(identity: string): boolean {
    return maySpeak(this.hearing, identity);
  }

  /** The recorder could not go on (or could not start): the room is no longer recorded. */
  recordingEnded(): void {
    if (this.consent.phase === 'off') return;
    this.consent = consentOff;
    this.announce();
  }

  private present(): string[] {
    return this.all()
      .filter((p) => p.admitted)
      .map((p) => p.identity);
  }

  /** A participant turned their own camera off or on: the others' tiles (and their own room) say so. */
  camera(identity: string, off: boolean): void {
    const p = this.byIdentity(identity);
    if (!p || p.cameraOff === off) return;
    p.cameraOff = off;
    this.announce();
  }

  /** A participant's media report; the others are told only when whose media is interrupted changes. */
  mediaReport(identity: string, report: MediaReport): void {
    const p = this.byIdentity(identity);
    if (!p) return;
    this.interruptions.report(p.peerId, report);
    if (this.settleMedia()) this.announce();
  }

  private settleMedia(): boolean {
    const changed = this.interruptions.settle([...this.participants.keys()], (peerId) => {
      const p = this.participants.get(peerId);
      return p !== undefined && !maySpeak(this.hearing, p.identity);
    });
    for (const id of changed) this.onMediaInterrupted?.(id, this.participants.get(id) ?? null, this.interruptions.has(id));
    return changed.length > 0;
  }

  /** Whether two participants exchange media now (the waiting room and caucus rule). */
  exchange(a: Participant, b: Participant): boolean {
    return exchangeMedia(presence(a), presence(b), this.caucus);
  }

  /** Participants of the room, in the order they joined. */
  all(): Participant[] {
    return [...this.participants.values()];
  }

  byPeerId(peerId: string): Participant | null {
    return this.participants.get(peerId) ?? null;
  }

  /** The room is over: its media (if on the SFU) closes. */
  close(): void {
    if (this.consent.phase === 'on') this.onRecording?.({ kind: 'stopped', cause: 'room_closed' });
    this.consent = consentOff;
    this.media?.close();
  }

  byIdentity(identity: string): Participant | null {
    for (const p of this.participants.values()) if (p.identity === identity) return p;
    return null;
  }

  /** Reattaches a participant's new socket and delivers what was held for it. */
  attach(identity: string, link: ParticipantLink): boolean {
    const p = this.byIdentity(identity);
    if (!p) return false;
    const wasAway = p.link === null;
    p.link = link;
    link.send({ t: 'room', room: this.viewOf(p) });
    for (const frame of p.held.take()) link.send(frame);
    // The others saw this participant as reconnecting: tell them they are back.
    if (wasAway) this.announce();
    return true;
  }

  /** The participant's socket dropped: they keep their place, and the others see them reconnecting. */
  detach(identity: string, link: ParticipantLink): void {
    const p = this.byIdentity(identity);
    if (!p || p.link !== link) return;
    p.link = null;
    this.announce();
  }

  /** Passes a negotiation message from `identity` to peer `signal.peerId`; false if either is unknown. */
  relay(identity: string, signal: Omit<CallSignal, 'callId'>): boolean {
    const from = this.byIdentity(identity);
    const to = this.participants.get(signal.peerId);
    if (!from || !to || from === to || !this.exchange(from, to)) return false;
    const out: CallSignal = { callId: this.callId, peerId: from.peerId };
    if (signal.description !== undefined) out.description = signal.description;
    if (signal.candidate !== undefined) out.candidate = signal.candidate;
    this.deliver(to, { t: 'signal', signal: out });
    return true;
  }

  viewOf(p: Participant): CallRoom {
    const peerOf = (other: Participant): RoomPeer => {
      const peer: RoomPeer = { peerId: other.peerId, role: other.role };
      if (other.displayName) peer.displayName = other.displayName;
      if (other.muted) peer.muted = true;
      if (!maySpeak(this.hearing, other.identity)) peer.silenced = true;
      if (!other.link) peer.reconnecting = true;
      if (this.interruptions.has(other.peerId)) peer.mediaInterrupted = true;
      if (other.unverified) peer.unverified = true;
      if (other.cameraOff) peer.cameraOff = true;
      return peer;
    };
    const peers = this.all()
      .filter((other) => this.exchange(p, other))
      .map(peerOf);
    const view: CallRoom = { callId: this.callId, selfId: p.peerId, peers, ice: p.ice };
    // Fields a 1:1 call never needed stay absent there, so the kiosk sees the shape it always did.
    if (p.role !== 'resident' && p.role !== 'mediator') view.selfRole = p.role;
    if (p.muted) view.selfMuted = true;
    if (p.cameraOff) view.selfCameraOff = true;
    const waiting = waitingReason(presence(p), this.caucus);
    if (waiting) view.waiting = waiting;
    const role = roomRoleOf(p.role);
    if (p.admitted && may(role, 'admit')) {
      const lobby = this.all().filter((o) => !o.admitted);
      if (lobby.length > 0) view.lobby = lobby.map(peerOf);
    }
    if (this.caucus && may(role, 'caucus')) view.caucus = [...this.caucus];
    if (this.media) view.media = 'sfu';
    const recording = recordingViewFor(this.consent, p.identity);
    if (recording) view.recording = recording;
    const hearing = hearingViewFor(this.hearing, p.identity, (identity) => this.byIdentity(identity)?.peerId ?? null);
    if (hearing) view.hearing = hearing;
    if (this.shared && !waiting) view.shared = this.shared;
    return view;
  }

  get size(): number {
    return this.participants.size;
  }

  private announce(): void {
    this.settleMedia();
    const settled = consentAfterPresence(this.consent, this.present());
    this.consent = settled.state;
    for (const effect of settled.effects) this.onRecording?.(effect);
    // On the SFU the same rule decides who receives whom: waiting and caucused parties are concealed.
    if (this.media) for (const a of this.participants.values()) for (const b of this.participants.values()) if (a !== b) this.media.conceal(a.peerId, b.peerId, !this.exchange(a, b));
    // A hearing's floor is kept by the media server too: a silenced microphone is paused there.
    if (this.media?.silence) for (const p of this.participants.values()) this.media.silence(p.peerId, !maySpeak(this.hearing, p.identity));
    for (const p of this.participants.values()) this.deliver(p, { t: 'room', room: this.viewOf(p) });
  }

  private deliver(p: Participant, frame: RoomOutbound): void {
    if (p.link) {
      p.link.send(frame);
      return;
    }
    p.held.push(frame);
  }
}
