import { Device, type types } from 'mediasoup-client';
import { micOffByRule, type CallRoom, type CallSignal, type ParticipantRole, type RoomPeer } from '../../shared/call.js';
import { simulcastEncodings, type SfuPushFrame, type SfuReplyFrame, type SfuRequest } from '../../shared/sfu.js';
import { tilePicture, type MediaState, type TilePicture } from '../../shared/rooms/mediaStall.js';
import type { MediaReport } from '../../shared/rooms/mediaState.js';
import { LinkRecovery, recoveryTimingFor, type RecoveryTiming } from './linkRecovery.js';
import { StallWatch } from './stallWatch.js';
import { cameraOffOf, SfuRemotes } from './sfuRemotes.js';
import { SfuCamera } from './sfuCamera.js';
import { OwnCamera } from './ownCamera.js';
import { addStats, noCallStats } from './callStats.js';
import type { CallStats, LocalTracks, RemoteParticipant, RoomMedia, RoomPort } from './roomLinks.js';
import type { CallMediaLink } from './callMediaLink.js';

// Our side of a room on the hub's SFU (room.media === 'sfu'): one mediasoup-client Device, a
// send transport carrying our microphone and camera (video as three simulcast layers) and a
// receive transport carrying everyone else, one consumer per remote track (kept by participant in
// SfuRemotes, sfuRemotes.ts; our camera off or on is SfuCamera, sfuCamera.ts). The same face as
// RoomLinks (setRoom, setLocalTrack, media, stats, close), so the kiosk's call screen, the
// mediator desk and the join page pick one or the other by what the hub says of the room.
// Recovery is the shared LinkRecovery: an ICE restart of both transports, then a full rejoin.
// A StallWatch reads what each remote's consumers receive, so a frozen tile is told even while
// the transport still says "connected", and the page's report goes to the hub for the desk.

export interface SfuPort extends RoomPort {
  /** One SFU step for this call; resolves with the hub's answer, rejects when refused or unanswered. */
  request(step: SfuRequest): Promise<SfuReplyFrame>;
  /** How the others' media reaches us (shared/rooms/mediaState.ts), on change; the hub tells the staff. */
  reportMedia?(report: MediaReport): void;
}

export interface RemoteTile {
  peerId: string;
  role: ParticipantRole;
  name: string | null;
  stream: MediaStream;
  speaking: boolean;
  /** Their video, "the picture stopped", "camera off" or their name card (shared/rooms/mediaStall.ts `tilePicture`). */
  picture: TilePicture;
  /** Their microphone is off by rule (muted by the staff, silenced by the floor). */
  muted: boolean;
}

/** A step's frame without its ref: the transport (agent or desk socket) numbers it. */
type Step = SfuRequest extends infer F ? (F extends { ref: number } ? Omit<F, 'ref' | 'callId'> : never) : never;

export class SfuLink implements CallMediaLink {
  private readonly device = new Device();
  private room: CallRoom | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private readonly producers = new Map<'audio' | 'video', types.Producer>();
  /** Kinds whose producer is being made: a second `produce` would orphan the first. */
  private readonly producing = new Set<'audio' | 'video'>();
  private readonly camera: SfuCamera;
  private readonly ownCamera: OwnCamera;
  private readonly remotes = new SfuRemotes();
  /** Producers announced before the receive transport existed. */
  private readonly pending: Array<Extract<SfuPushFrame, { t: 'sfu.producer' }>> = [];
  private readonly recovery: LinkRecovery;
  private readonly stalls: StallWatch;
  private speaker: string | null = null;
  private everConnected = false;
  private generation = 0;
  private closed = false;

  constructor(
    private readonly port: SfuPort,
    private local: LocalTracks,
    private readonly options: { role: ParticipantRole; onChange(media: RoomMedia): void; onError?(where: string, e: unknown): void; timing?: RecoveryTiming },
  ) {
    this.recovery = new LinkRecovery(
      { restartIce: () => void this.restartIce(), rejoin: () => port.rejoin(), giveUp: () => port.giveUp(), onPhase: () => this.changed() },
      recoveryTimingFor(options.role, options.timing),
    );
    this.ownCamera = new OwnCamera(port.reportCamera?.bind(port), local.cameraOff);
    this.camera = new SfuCamera((on, id) => port.request(this.step({ t: on ? 'sfu.resume' : 'sfu.pause', what: 'producer', id })));
    this.stalls = new StallWatch({
      sample: () => this.remotes.inbound(),
      changed: () => this.changed(),
      ...(port.reportMedia ? { report: (r: MediaReport) => port.reportMedia!(r) } : {}),
    });
  }

  setRoom(room: CallRoom): void {
    if (this.closed) return;
    const rejoined = this.room !== null && this.room.selfId !== room.selfId;
    const first = this.room === null;
    this.room = room;
    this.ownCamera.setRoom(room);
    const present = new Map(room.peers.map((p) => [p.peerId, p]));
    const dropped = this.remotes.retain((peerId) => {
      const peer = present.get(peerId);
      return !rejoined && peer ? { name: peer.displayName ?? null } : null;
    });
    // Closed at the hub too (after a rejoin the old ones went with our old place): else the end of
    // a caucus resumes them beside the new ones, and the kiosk's downlink carries that party twice.
    if (!rejoined) dropped.forEach((id) => this.closeAtHub(id));
    if (first || rejoined) void this.start();
    // The hub sends the room again when our socket re-attaches: a camera request lost meanwhile goes now.
    else this.camera.sync(this.producers.get('video')).catch((e: unknown) => this.options.onError?.('sfu.camera', e));
    this.changed();
  }

  /** Peer-to-peer signals do not happen on the SFU. */
  receive(_signal: CallSignal): void {}

  /** What the hub pushes: a producer to consume, a consumer that ended, the active speaker. */
  push(frame: SfuPushFrame): void {
    if (this.closed || frame.callId !== this.room?.callId) return;
    if (frame.t === 'sfu.producer') {
      if (this.recvTransport) void this.consume(frame, this.generation);
      else this.pending.push(frame);
    } else if (frame.t === 'sfu.consumer.closed') {
      this.remotes.closed(frame.consumerId);
      this.changed();
    } else if (frame.t === 'sfu.camera') {
      if (this.remotes.camera(frame.consumerId, frame.off)) this.changed();
    } else {
      this.speaker = frame.peerId;
      this.changed();
    }
  }

  setCameraOff(off: boolean): void {
    if (!this.closed) this.ownCamera.set(off);
  }

  async setLocalTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    this.local = { ...this.local, [kind]: track };
    const producer = this.producers.get(kind);
    try {
      if (producer) {
        await producer.replaceTrack({ track });
        if (kind === 'video') await this.camera.set(producer, track !== null);
      } else if (track && this.sendTransport) await this.produce(kind, track);
    } catch (e) {
      this.options.onError?.('replaceTrack', e);
    }
  }

  /** Tells the hub how big a remote participant's video is shown, so it sends the layer that fits. */
  reportTile(peerId: string, width: number, height: number): void {
    const consumer = [...(this.remotes.get(peerId)?.consumers.values() ?? [])].find((c) => c.kind === 'video');
    if (!consumer || !this.room) return;
    this.port.request(this.step({ t: 'sfu.tile', consumerId: consumer.id, width: Math.round(width), height: Math.round(height) })).catch((e: unknown) => this.options.onError?.('tile', e));
  }

  /** Every other participant with media, the speaker marked (the gallery's tiles). */
  tiles(): RemoteTile[] {
    return this.remotes
      .all()
      .filter((r) => r.stream.getTracks().length > 0)
      .map((r) => ({
        peerId: r.peerId,
        role: r.role,
        name: r.name,
        stream: r.stream,
        speaking: r.peerId === this.speaker,
        picture: tilePicture(r.stream.getVideoTracks().length > 0, this.stalls.watch(r.peerId), cameraOffOf(r) || this.peer(r.peerId)?.cameraOff === true),
        muted: this.mutedByRule(r.peerId),
      }));
  }

  media(): RoomMedia {
    return {
      remotes: this.participants(),
      waiting: this.room?.waiting ?? null,
      phase: this.recovery.current,
      everConnected: this.everConnected,
    };
  }

  /** Everyone the room says we exchange media with, in its order: with their stream once consumed. */
  private participants(): RemoteParticipant[] {
    const consumed = new Map(this.tiles().map((t) => [t.peerId, t]));
    return (this.room?.peers ?? []).map(
      (p) =>
        consumed.get(p.peerId) ?? {
          peerId: p.peerId,
          role: p.role,
          name: p.displayName ?? null,
          stream: null,
          speaking: p.peerId === this.speaker,
          picture: tilePicture(false, undefined, p.cameraOff === true),
          muted: micOffByRule(p),
        },
    );
  }

  private peer(peerId: string): RoomPeer | undefined {
    return this.room?.peers.find((p) => p.peerId === peerId);
  }

  private mutedByRule(peerId: string): boolean {
    const peer = this.peer(peerId);
    return peer !== undefined && micOffByRule(peer);
  }

  async stats(): Promise<CallStats> {
    const out = noCallStats(this.recvTransport?.connectionState);
    for (const t of [this.sendTransport, this.recvTransport]) if (t && !t.closed) addStats(out, await t.getStats(), t === this.recvTransport);
    return out;
  }

  /** The stall rule's state per remote participant watched so far. */
  mediaByPeer(): Record<string, MediaState> {
    return Object.fromEntries(
      this.remotes.all().flatMap(({ peerId }) => {
        const w = this.stalls.watch(peerId);
        return w ? [[peerId, w.state]] : [];
      }),
    );
  }

  /** Frames decoded per remote participant (a gallery must show every one). */
  decodedByPeer(): Promise<Record<string, number>> {
    return this.remotes.decoded();
  }

  close(): void {
    this.closed = true;
    this.recovery.dispose();
    this.stalls.dispose();
    this.teardown();
  }

  // ---------- setting up ----------

  private step(frame: Step): SfuRequest {
    return { ...frame, ref: 0, callId: this.room!.callId };
  }

  /** (Re)builds both transports for the current room; a newer start (a rejoin) abandons an older one. */
  private async start(): Promise<void> {
    this.teardown();
    this.stalls.reset();
    const generation = ++this.generation;
    const current = () => !this.closed && generation === this.generation;
    try {
      if (!this.device.loaded) {
        const caps = await this.port.request(this.step({ t: 'sfu.capabilities' }));
        if (!current()) return;
        await this.device.load({ routerRtpCapabilities: caps.rtpCapabilities as unknown as types.RtpCapabilities });
      }
      const recv = await this.transport('recv');
      if (!current()) return void recv.close();
      this.recvTransport = recv;
      for (const frame of this.pending.splice(0)) void this.consume(frame, generation);
      const send = await this.transport('send');
      if (!current()) return void send.close();
      this.sendTransport = send;
      this.recovery.linkStarted();
      if (this.local.audio) await this.produce('audio', this.local.audio);
      if (this.local.video) await this.produce('video', this.local.video);
    } catch (e) {
      this.options.onError?.('sfu.start', e);
      if (current()) this.recovery.onState('failed');
    }
  }

  private async transport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const reply = await this.port.request(this.step({ t: 'sfu.transport.create', direction }));
    const info = reply.transport!;
    const options: types.TransportOptions = {
      id: info.id,
      iceParameters: info.iceParameters as unknown as types.IceParameters,
      iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: info.dtlsParameters as unknown as types.DtlsParameters,
      // TURN stays the way through strict networks, as for peer-to-peer calls.
      iceServers: this.room!.ice.iceServers,
      iceTransportPolicy: this.room!.ice.iceTransportPolicy,
    };
    const t = direction === 'send' ? this.device.createSendTransport(options) : this.device.createRecvTransport(options);
    t.on('connect', ({ dtlsParameters }, done, fail) => {
      this.port.request(this.step({ t: 'sfu.transport.connect', transportId: t.id, dtlsParameters: dtlsParameters })).then(() => done(), fail);
    });
    if (direction === 'send') {
      t.on('produce', ({ kind, rtpParameters }, done, fail) => {
        const params = rtpParameters as unknown as Extract<SfuRequest, { t: 'sfu.produce' }>['rtpParameters'];
        this.port.request(this.step({ t: 'sfu.produce', transportId: t.id, kind, rtpParameters: params })).then((r) => done({ id: r.producerId! }), fail);
      });
    }
    t.on('connectionstatechange', (state) => {
      if (this.sendTransport !== t && this.recvTransport !== t) return;
      const first = state === 'connected' && !this.everConnected;
      if (first) this.everConnected = true;
      if (state === 'connected' || state === 'failed' || state === 'disconnected') this.recovery.onState(state);
      if (first) this.changed();
    });
    return t;
  }

  private async produce(kind: 'audio' | 'video', track: MediaStreamTrack): Promise<void> {
    const t = this.sendTransport;
    if (!t || this.producers.has(kind) || this.producing.has(kind)) return;
    this.producing.add(kind);
    let producer: types.Producer;
    try {
      // stopTracks: false — the camera and microphone belong to LocalMedia, which outlives this
      // transport: mediasoup-client's default would stop them when the transport closes (a call's
      // end, a full rejoin), and the desk's next call would send ended tracks, i.e. no media.
      producer = await t.produce(
        kind === 'video' ? { track, stopTracks: false, encodings: simulcastEncodings.map((e) => ({ ...e })), codecOptions: { videoGoogleStartBitrate: 1000 } } : { track, stopTracks: false },
      );
    } finally {
      this.producing.delete(kind);
    }
    if (this.sendTransport !== t) return producer.close();
    this.producers.set(kind, producer);
    // The track may have changed while the producer was made (camera off and on again quickly):
    // the producer follows what is wanted now, paused at once if the camera went off.
    const wanted = this.local[kind];
    if (wanted === track) return;
    try {
      await producer.replaceTrack({ track: wanted });
      if (kind === 'video') await this.camera.set(producer, wanted !== null);
    } catch (e) {
      this.options.onError?.('replaceTrack', e);
    }
  }

  /** A consumer we no longer show, closed at the hub (one the hub closed first answers NOT_FOUND: nothing to do). */
  private closeAtHub(consumerId: string): void {
    this.port.request(this.step({ t: 'sfu.close', what: 'consumer', id: consumerId })).catch(() => undefined);
  }

  private async consume(frame: Extract<SfuPushFrame, { t: 'sfu.producer' }>, generation: number): Promise<void> {
    const t = this.recvTransport;
    if (!t || !this.room) return;
    try {
      const reply = await this.port.request(
        this.step({
          t: 'sfu.consume',
          transportId: t.id,
          producerId: frame.producerId,
          rtpCapabilities: this.device.rtpCapabilities as unknown as Extract<SfuRequest, { t: 'sfu.consume' }>['rtpCapabilities'],
        }),
      );
      const info = reply.consumer!;
      if (generation !== this.generation || this.recvTransport !== t) return;
      // Known from here on: an `sfu.camera` for it while its track is set up is kept for `add`.
      this.remotes.expect(info.id, info.peerId, info.producerPaused);
      let consumer: types.Consumer;
      try {
        consumer = await t.consume({ id: info.id, producerId: info.producerId, kind: info.kind, rtpParameters: info.rtpParameters as unknown as types.RtpParameters });
      } catch (e) {
        this.remotes.forget(info.id);
        throw e;
      }
      const peer = this.room.peers.find((p) => p.peerId === info.peerId);
      // Closed by the hub, or its participant gone, while it was set up: nothing to show or resume.
      if (!this.remotes.add({ peerId: info.peerId, role: peer?.role ?? 'mediator', name: peer?.displayName ?? null }, consumer)) return this.closeAtHub(consumer.id);
      // Consumers start paused on the hub, so that the first video frame is a keyframe we can show.
      await this.port.request(this.step({ t: 'sfu.resume', what: 'consumer', id: consumer.id }));
      this.changed();
    } catch (e) {
      this.options.onError?.('sfu.consume', e);
    }
  }

  private async restartIce(): Promise<void> {
    for (const t of [this.sendTransport, this.recvTransport]) {
      if (!t || t.closed) continue;
      try {
        const reply = await this.port.request(this.step({ t: 'sfu.transport.restartIce', transportId: t.id }));
        await t.restartIce({ iceParameters: reply.iceParameters as unknown as types.IceParameters });
      } catch (e) {
        this.options.onError?.('sfu.restartIce', e);
      }
    }
  }

  private teardown(): void {
    this.producers.clear();
    this.camera.reset();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
    this.remotes.clear();
  }

  private changed(): void {
    if (!this.closed) this.options.onChange(this.media());
  }
}
