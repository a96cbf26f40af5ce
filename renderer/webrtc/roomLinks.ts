import { micOffByRule, type CallRoom, type CallSignal, type ParticipantRole } from '../../shared/call.js';
import { tilePicture, type TilePicture } from '../../shared/rooms/mediaStall.js';
import { LinkRecovery, recoveryTimingFor, type RecoveryPhase, type RecoveryTiming } from './linkRecovery.js';
import { isPolite, PeerLink, type OutgoingSignal } from './peerLink.js';
import { activeSpeaker } from './activeSpeaker.js';
import { OwnCamera } from './ownCamera.js';
import { addStats, noCallStats, type CallStats } from './callStats.js';

export type { CallStats } from './callStats.js';

// Our side of a room: one PeerLink per other participant, rebuilt when the room says a peer
// left or (re)joined, and a recovery policy watching the media. Transport-agnostic: the kiosk
// feeds it from the agent (contract events), the mediator console from the hub's socket.

export interface LocalTracks {
  stream: MediaStream;
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
  /** The camera is off by its owner's choice (not merely absent) when the links are made. */
  cameraOff?: boolean;
}

export interface RoomPort {
  sendSignal(peerId: string, signal: OutgoingSignal): void;
  /** Asks the hub for a full rejoin (a new peer id for us). */
  rejoin(): void;
  /** Recovery gave up: the call cannot carry media any more. */
  giveUp(): void;
  /** Tells the hub our own camera is off or on (shared/rooms/cameraState.ts); absent: never turned off here. */
  reportCamera?(off: boolean): void;
}

/** One other participant as a call screen shows them (a gallery tile, a line in the desk's list). */
export interface RemoteParticipant {
  peerId: string;
  role: ParticipantRole;
  name: string | null;
  /** Null until their media arrives. */
  stream: MediaStream | null;
  speaking: boolean;
  /**
   * Their video, "the picture stopped" (a flowing video stopped while the link stayed up: the SFU
   * path's stall rule, never set peer to peer), "camera off" (they turned it off: the room says so)
   * or their name card (no video); shared/rooms/mediaStall.ts.
   */
  picture: TilePicture;
  /** Their microphone is off by rule: muted by the staff, or silenced by a hearing's floor. */
  muted: boolean;
}

export interface RoomMedia {
  /** Everyone else in the room we exchange media with, in the room's order. */
  remotes: RemoteParticipant[];
  /** We exchange no media now: not yet admitted, or the mediator is in a caucus with others. */
  waiting: 'admission' | 'caucus' | null;
  /** 'connecting' until the first connection; afterwards anything but 'healthy' means "reconnecting…". */
  phase: RecoveryPhase;
  everConnected: boolean;
}

/** How often the mesh path reads audio levels: a speaker highlight needs no more than a few a second. */
const SPEAKER_POLL_MS = 300;

interface Remote {
  peerId: string;
  role: ParticipantRole;
  name: string | null;
  link: PeerLink;
  stream: MediaStream | null;
}

export class RoomLinks {
  private selfId: string | null = null;
  private readonly remotes = new Map<string, Remote>();
  private readonly early = new Map<string, OutgoingSignal[]>();
  private readonly recovery: LinkRecovery;
  private everConnected = false;
  private closed = false;
  private waiting: RoomMedia['waiting'] = null;
  private speaker: string | null = null;
  /** Peers whose microphone is off by rule, from the room. */
  private muted = new Set<string>();
  /** Peers who turned their camera off, from the room: their track still there shows a frozen frame. */
  private camerasOff = new Set<string>();
  private readonly camera: OwnCamera;
  private speakerTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly port: RoomPort,
    private local: LocalTracks,
    private readonly options: { role: ParticipantRole; onChange(media: RoomMedia): void; onError?(where: string, e: unknown): void; timing?: RecoveryTiming },
  ) {
    this.camera = new OwnCamera(port.reportCamera?.bind(port), local.cameraOff);
    const timing = recoveryTimingFor(options.role, options.timing);
    this.recovery = new LinkRecovery(
      {
        restartIce: () => this.remotes.forEach((r) => r.link.restartIce()),
        rejoin: () => port.rejoin(),
        giveUp: () => port.giveUp(),
        onPhase: () => this.changed(),
      },
      timing,
    );
  }

  setRoom(room: CallRoom): void {
    if (this.closed) return;
    const rejoined = this.selfId !== null && this.selfId !== room.selfId;
    this.selfId = room.selfId;
    this.waiting = room.waiting ?? null;
    this.muted = new Set(room.peers.filter(micOffByRule).map((p) => p.peerId));
    this.camerasOff = new Set(room.peers.filter((p) => p.cameraOff === true).map((p) => p.peerId));
    this.camera.setRoom(room);
    this.speakerTimer ??= setInterval(() => this.listen(), SPEAKER_POLL_MS);
    const present = new Set(room.peers.map((p) => p.peerId));
    for (const [peerId, r] of this.remotes) {
      if (rejoined || !present.has(peerId)) {
        r.link.close();
        this.remotes.delete(peerId);
      }
    }
    let added = false;
    for (const peer of room.peers) {
      if (this.remotes.has(peer.peerId)) continue;
      added = true;
      const remote: Remote = { peerId: peer.peerId, role: peer.role, name: peer.displayName ?? null, stream: null, link: null as unknown as PeerLink };
      remote.link = new PeerLink({
        polite: isPolite({ peerId: room.selfId, role: this.options.role }, peer),
        config: { iceServers: room.ice.iceServers, iceTransportPolicy: room.ice.iceTransportPolicy, bundlePolicy: 'max-bundle' },
        local: this.local,
        send: (signal) => this.port.sendSignal(peer.peerId, signal),
        onRemoteStream: (stream) => {
          remote.stream = stream;
          this.changed();
        },
        onStateChange: (state, ice) => {
          if (this.remotes.get(peer.peerId) !== remote) return;
          const first = state === 'connected' && !this.everConnected;
          if (first) this.everConnected = true;
          this.recovery.onState(state === 'connected' || state === 'failed' ? state : ice);
          if (first) this.changed(); // ICE may have reported "connected" (and the phase) before DTLS finished
        },
        onError: (where, e) => this.options.onError?.(where, e),
      });
      this.remotes.set(peer.peerId, remote);
      for (const s of this.early.get(peer.peerId) ?? []) void remote.link.receive(s);
      this.early.delete(peer.peerId);
    }
    if (added) this.recovery.linkStarted();
    this.changed();
  }

  receive(signal: CallSignal): void {
    if (this.closed) return;
    const { callId: _c, peerId, ...payload } = signal;
    const remote = this.remotes.get(peerId);
    if (remote) return void remote.link.receive(payload);
    // A signal can overtake the room update that introduces its sender; keep a few.
    const list = this.early.get(peerId) ?? [];
    if (list.length < 100) list.push(payload);
    this.early.set(peerId, list);
  }

  /** A new camera or microphone (or none): every link sends it without renegotiating. */
  async setLocalTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    this.local = { ...this.local, [kind]: track };
    await Promise.all([...this.remotes.values()].map((r) => r.link.replaceTrack(kind, track).catch((e) => this.options.onError?.('replaceTrack', e))));
  }

  /** Our camera turned off or on by its owner: the room is told, so the others' tiles say so. */
  setCameraOff(off: boolean): void {
    if (!this.closed) this.camera.set(off);
  }

  media(): RoomMedia {
    const remotes = [...this.remotes.values()].map((r) => ({
      peerId: r.peerId,
      role: r.role,
      name: r.name,
      stream: r.stream,
      speaking: r.peerId === this.speaker,
      picture: tilePicture((r.stream?.getVideoTracks().length ?? 0) > 0, undefined, this.camerasOff.has(r.peerId)),
      muted: this.muted.has(r.peerId),
    }));
    return {
      remotes,
      waiting: this.waiting,
      phase: this.recovery.current,
      everConnected: this.everConnected,
    };
  }

  /** Each remote's loudest incoming audio level (the browser's own RTP audio-level), then the speaker rule. */
  private listen(): void {
    const levels = new Map<string, number>();
    for (const r of this.remotes.values()) {
      let level = 0;
      for (const receiver of r.link.pc.getReceivers()) {
        if (receiver.track.kind !== 'audio') continue;
        for (const source of receiver.getSynchronizationSources()) level = Math.max(level, source.audioLevel ?? 0);
      }
      levels.set(r.peerId, level);
    }
    const speaker = activeSpeaker(levels, this.speaker);
    if (speaker === this.speaker) return;
    this.speaker = speaker;
    this.changed();
  }

  async stats(): Promise<CallStats> {
    const out = noCallStats();
    for (const r of this.remotes.values()) {
      out.connectionState = r.link.pc.connectionState;
      addStats(out, await r.link.pc.getStats(), true);
    }
    return out;
  }

  close(): void {
    this.closed = true;
    this.recovery.dispose();
    if (this.speakerTimer) clearInterval(this.speakerTimer);
    for (const r of this.remotes.values()) r.link.close();
    this.remotes.clear();
  }

  private changed(): void {
    if (!this.closed) this.options.onChange(this.media());
  }
}
