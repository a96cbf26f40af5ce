import type { IceCandidate, ParticipantRole, SessionDescription } from '../../shared/call.js';

// One WebRTC link to one other participant, negotiated with the "perfect negotiation" pattern
// (MDN; W3C webrtc-pc §10.7): both sides add their tracks and negotiate whenever the browser asks
// (negotiationneeded, including after restartIce()), and an offer collision is settled by
// politeness — the polite side rolls back and answers, the impolite side ignores the other's
// offer. No side has to know who "calls" whom, so a rejoin or a later extra participant needs no
// special case. Shared by the kiosk renderer and the mediator console.
//
// One refinement: a new link's polite side lets the impolite side make the first offer. Both
// offering at once is legal but costs a round trip, and on Chromium an offer rolled back while
// its ICE gathering starts has been seen to leave the link without ICE checks until a rejoin.

export interface OutgoingSignal {
  description?: SessionDescription;
  candidate?: IceCandidate | null;
}

export interface PeerLinkOptions {
  polite: boolean;
  config: RTCConfiguration;
  /** Tracks to send; a missing kind is still received (a transceiver is added for it). */
  local: { audio: MediaStreamTrack | null; video: MediaStreamTrack | null; stream: MediaStream };
  send(signal: OutgoingSignal): void;
  onRemoteStream(stream: MediaStream): void;
  onStateChange(state: RTCPeerConnectionState, ice: RTCIceConnectionState): void;
  onError?(where: string, error: unknown): void;
  createPeerConnection?: (config: RTCConfiguration) => RTCPeerConnection;
}

/** Who yields in an offer collision: the resident's kiosk; otherwise (many roles, one room) the lower peer id. */
export function isPolite(self: { peerId: string; role: ParticipantRole }, other: { peerId: string; role: ParticipantRole }): boolean {
  if (self.role !== other.role && (self.role === 'resident' || other.role === 'resident')) return self.role === 'resident';
  return self.peerId < other.peerId;
}

export class PeerLink {
  readonly pc: RTCPeerConnection;
  private makingOffer = false;
  private ignoreOffer = false;
  private settingRemoteAnswer = false;
  private closed = false;
  /** Until the first remote description, the polite side does not offer (see above). */
  private heardFromPeer = false;
  private readonly senders = new Map<'audio' | 'video', RTCRtpSender>();
  private readonly remote = new MediaStream();

  constructor(private readonly o: PeerLinkOptions) {
    this.pc = (o.createPeerConnection ?? ((c) => new RTCPeerConnection(c)))(o.config);
    const pc = this.pc;
    pc.onnegotiationneeded = async () => {
      // The browser asks again once the first exchange leaves something unnegotiated.
      if (this.o.polite && !this.heardFromPeer) return;
      try {
        this.makingOffer = true;
        await pc.setLocalDescription();
        if (pc.localDescription) this.o.send({ description: toDescription(pc.localDescription) });
      } catch (error) {
        this.o.onError?.('offer', error);
      } finally {
        this.makingOffer = false;
      }
    };
    pc.onicecandidate = ({ candidate }) => {
      if (this.closed) return;
      this.o.send({ candidate: candidate ? toCandidate(candidate.toJSON()) : null });
    };
    pc.ontrack = ({ track }) => {
      // One stream per remote participant, whatever stream ids the other side used.
      for (const old of this.remote.getTracks()) if (old.kind === track.kind && old !== track) this.remote.removeTrack(old);
      if (!this.remote.getTracks().includes(track)) this.remote.addTrack(track);
      this.o.onRemoteStream(this.remote);
    };
    const report = () => this.o.onStateChange(pc.connectionState, pc.iceConnectionState);
    pc.onconnectionstatechange = report;
    pc.oniceconnectionstatechange = report;
    for (const kind of ['audio', 'video'] as const) {
      const track = o.local[kind];
      if (track) this.senders.set(kind, pc.addTrack(track, o.local.stream));
      else this.senders.set(kind, pc.addTransceiver(kind, { direction: 'sendrecv', streams: [o.local.stream] }).sender);
    }
  }

  /** Applies a description or candidate from the other participant, in arrival order. */
  async receive(signal: OutgoingSignal): Promise<void> {
    if (this.closed) return;
    const pc = this.pc;
    try {
      if (signal.description) {
        const description = signal.description;
        const readyForOffer = !this.makingOffer && (pc.signalingState === 'stable' || this.settingRemoteAnswer);
        const collision = description.type === 'offer' && !readyForOffer;
        this.ignoreOffer = !this.o.polite && collision;
        if (this.ignoreOffer) return;
        this.settingRemoteAnswer = description.type === 'answer';
        this.heardFromPeer = true;
        await pc.setRemoteDescription(description);
        this.settingRemoteAnswer = false;
        if (description.type === 'offer') {
          await pc.setLocalDescription();
          if (pc.localDescription) this.o.send({ description: toDescription(pc.localDescription) });
        }
      } else if (signal.candidate !== undefined) {
        try {
          await pc.addIceCandidate(signal.candidate ?? undefined);
        } catch (error) {
          // Candidates of an offer we chose to ignore are expected to fail.
          if (!this.ignoreOffer) throw error;
        }
      }
    } catch (error) {
      this.o.onError?.('receive', error);
    }
  }

  /** Swaps what we send (a new camera after an unplug, or nothing when the camera is off). */
  async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    if (!this.closed) await this.senders.get(kind)?.replaceTrack(track);
  }

  restartIce(): void {
    if (!this.closed) this.pc.restartIce();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.onnegotiationneeded = this.pc.onicecandidate = this.pc.ontrack = null;
    this.pc.onconnectionstatechange = this.pc.oniceconnectionstatechange = null;
    this.pc.close();
  }
}

function toDescription(d: RTCSessionDescription): SessionDescription {
  return { type: d.type, sdp: d.sdp };
}

function toCandidate(c: RTCIceCandidateInit): IceCandidate {
  const out: IceCandidate = { candidate: c.candidate ?? '' };
  if (c.sdpMid !== undefined) out.sdpMid = c.sdpMid;
  if (c.sdpMLineIndex !== undefined) out.sdpMLineIndex = c.sdpMLineIndex;
  if (c.usernameFragment !== undefined) out.usernameFragment = c.usernameFragment;
  return out;
}
