import { randomBytes } from 'node:crypto';
import type { CallRoom, CallSignal, IceConfig, ParticipantRole, RoomPeer } from '../../shared/call.js';
import type { SfuOutbound, SfuReplyFrame, SfuRequest } from '../../shared/sfu.js';

// A room is a call's meeting place: a list of participants, each reachable through its current
// socket ("link"), and a relay for their negotiation messages. Rooms know nothing about the media
// topology: today every pair talks peer to peer; an SFU would join as one more participant (or
// replace the relay) without the kiosk's side of the protocol changing shape.
//
// A participant whose socket drops stays in the room: messages for it are held (up to a limit)
// and delivered when it reconnects, because media usually keeps flowing peer to peer meanwhile.

/** What the room needs of a socket: send one frame. */
export interface ParticipantLink {
  send(frame: RoomOutbound): void;
}

export type RoomOutbound = { t: 'room'; room: CallRoom } | { t: 'signal'; signal: CallSignal } | SfuOutbound;

/**
 * The room's media on the SFU (server/sfu/), when the hub runs one: told who joins, leaves or is
 * concealed from whom, and given each participant's `sfu.*` steps. Without it, peers talk peer to peer.
 */
export interface RoomMedia {
  joined(peerId: string, deliver: (frame: SfuOutbound) => void): void;
  left(peerId: string): void;
  conceal(viewerPeerId: string, ownerPeerId: string, hidden: boolean): void;
  request(peerId: string, frame: SfuRequest): Promise<SfuReplyFrame>;
  close(): void;
}

export interface Participant {
  readonly peerId: string;
  readonly role: ParticipantRole;
  /** terminalId or staff username: one participant per identity per room. */
  readonly identity: string;
  readonly displayName: string | undefined;
  readonly ice: IceConfig;
  link: ParticipantLink | null;
  /** Frames held while `link` is null. */
  held: RoomOutbound[];
}

/** Beyond this many held frames the participant needs a full rejoin anyway; older ones are dropped. */
export const MAX_HELD_FRAMES = 200;

const newPeerId = (): string => randomBytes(12).toString('base64url');

export class Room {
  private readonly participants = new Map<string, Participant>();

  constructor(
    readonly callId: string,
    readonly media: RoomMedia | null = null,
  ) {}

  /**
   * Adds a participant with a fresh peer id. If the same identity is already here (a full
   * rejoin), the old participant leaves first, so the others drop their link to it and build a
   * new one to the newcomer.
   */
  join(p: { identity: string; role: ParticipantRole; displayName?: string | undefined; ice: IceConfig; link: ParticipantLink | null }): Participant {
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
      ice: p.ice,
      link: p.link,
      held: [],
    };
    this.participants.set(participant.peerId, participant);
    this.media?.joined(participant.peerId, (frame) => this.deliver(participant, frame));
    this.announce();
    return participant;
  }

  leave(identity: string): void {
    const p = this.byIdentity(identity);
    if (!p) return;
    this.participants.delete(p.peerId);
    this.media?.left(p.peerId);
    this.announce();
  }

  /** The room is over: its media (if on the SFU) closes. */
  close(): void {
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
    p.link = link;
    link.send({ t: 'room', room: this.viewOf(p) });
    for (const frame of p.held.splice(0)) if (frame.t !== 'room') link.send(frame);
    return true;
  }

  detach(identity: string, link: ParticipantLink): void {
    const p = this.byIdentity(identity);
    if (p && p.link === link) p.link = null;
  }

  /** Passes a negotiation message from `identity` to peer `signal.peerId`; false if either is unknown. */
  relay(identity: string, signal: Omit<CallSignal, 'callId'>): boolean {
    const from = this.byIdentity(identity);
    const to = this.participants.get(signal.peerId);
    if (!from || !to || from === to) return false;
    const out: CallSignal = { callId: this.callId, peerId: from.peerId };
    if (signal.description !== undefined) out.description = signal.description;
    if (signal.candidate !== undefined) out.candidate = signal.candidate;
    this.deliver(to, { t: 'signal', signal: out });
    return true;
  }

  viewOf(p: Participant): CallRoom {
    const peers: RoomPeer[] = [];
    for (const other of this.participants.values()) {
      if (other === p) continue;
      const peer: RoomPeer = { peerId: other.peerId, role: other.role };
      if (other.displayName) peer.displayName = other.displayName;
      peers.push(peer);
    }
    return { callId: this.callId, selfId: p.peerId, peers, ice: p.ice, ...(this.media ? { media: 'sfu' as const } : {}) };
  }

  get size(): number {
    return this.participants.size;
  }

  private announce(): void {
    for (const p of this.participants.values()) {
      // Only the latest membership matters to someone who is away: replace, do not pile up.
      p.held = p.held.filter((f) => f.t !== 'room');
      this.deliver(p, { t: 'room', room: this.viewOf(p) });
    }
  }

  private deliver(p: Participant, frame: RoomOutbound): void {
    if (p.link) {
      p.link.send(frame);
      return;
    }
    p.held.push(frame);
    if (p.held.length > MAX_HELD_FRAMES) p.held.splice(0, p.held.length - MAX_HELD_FRAMES);
  }
}
