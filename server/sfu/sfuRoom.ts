import type { types } from 'mediasoup';
import type { RoomRole } from '../../shared/rooms/roleTable.js';
import { spatialLayerForTile, type SfuOutbound, type SfuReplyFrame, type SfuRequest } from '../../shared/sfu.js';
import type { SfuOptions } from './options.js';
import type { RecordingSource } from './recording.js';

// One room's media on the SFU: a mediasoup router, and for each participant its WebRTC
// transports, what it sends (producers) and what it receives (consumers). The room (server/
// signalling/rooms.ts) decides who is in it; this follows its join/leave/conceal calls and never
// admits anyone itself. Each client step (shared/sfu.ts) is checked against the asking
// participant's own objects: nobody can connect, pause or close another's transport or consumer.
//
// Consumers start paused: the client resumes one once its track exists, so no keyframe is lost.
// A participant turning the camera off pauses its video producer; its viewers are told (`sfu.camera`).
// Who hears whom: everyone consumes everyone, except pairs the room conceals (a caucus).

export interface SfuRoomDeps {
  /** Delivers an unasked frame to a participant (held by the room while it is away). */
  deliver(peerId: string, frame: SfuOutbound): void;
}

export class SfuRefusal extends Error {
  constructor(
    readonly code: 'INVALID_FRAME' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAVAILABLE',
    message: string,
  ) {
    super(message);
  }
}

interface SfuPeer {
  readonly peerId: string;
  /** The participant's role in the room (a recording labels their tile with it). */
  readonly role: RoomRole | null;
  readonly transports: Map<string, types.WebRtcTransport>;
  readonly producers: Map<string, types.Producer>;
  readonly consumers: Map<string, types.Consumer>;
}

/** A participant needs one transport each way; a few more cover a client rebuilding one. */
const MAX_TRANSPORTS_PER_PEER = 4;
const MAX_PRODUCERS_PER_PEER = 4;

export class SfuRoom {
  private readonly peers = new Map<string, SfuPeer>();
  /** `viewer>owner`: the viewer must not receive the owner's media (a caucus). */
  private readonly concealed = new Set<string>();
  private speaker: string | null = null;
  private closed = false;
  /** Peers a hearing's floor silences (shared/rooms/hearing.ts): their audio stays paused here. */
  private readonly silenced = new Set<string>();
  private readonly producerListeners = new Set<() => void>();

  private constructor(
    readonly callId: string,
    readonly worker: types.Worker,
    private readonly router: types.Router,
    private readonly observer: types.AudioLevelObserver,
    private readonly options: SfuOptions,
    private readonly deps: SfuRoomDeps,
  ) {
    observer.on('volumes', (volumes) => this.spoke((volumes[0]?.producer.appData.peerId as string | undefined) ?? null));
    observer.on('silence', () => this.spoke(null));
  }

  static async open(callId: string, worker: types.Worker, router: types.Router, options: SfuOptions, deps: SfuRoomDeps): Promise<SfuRoom> {
    const observer = await router.createAudioLevelObserver({ maxEntries: 1, threshold: -70, interval: 500 });
    return new SfuRoom(callId, worker, router, observer, options, deps);
  }

  get participants(): number {
    return this.peers.size;
  }

  joined(peerId: string, role: RoomRole | null = null): void {
    if (this.closed || this.peers.has(peerId)) return;
    this.peers.set(peerId, { peerId, role, transports: new Map(), producers: new Map(), consumers: new Map() });
  }

  /**
   * Calls `listener` whenever a producer opens, closes, pauses or resumes (someone rejoined, left,
   * turned the camera off, was given the floor): a recording under way follows the room's media
   * with it. Returns the unsubscribe.
   */
  onProducersChanged(listener: () => void): () => void {
    this.producerListeners.add(listener);
    return () => this.producerListeners.delete(listener);
  }

  private producersChanged(): void {
    for (const l of this.producerListeners) l();
  }

  /** Closes everything the participant had; others' consumers of it end with `sfu.consumer.closed`. */
  left(peerId: string): void {
    const peer = this.peers.get(peerId);
    if (!peer) return;
    this.peers.delete(peerId);
    this.silenced.delete(peerId);
    for (const t of peer.transports.values()) t.close();
    if (this.speaker === peerId) this.spoke(null);
  }

  /** Hides (or shows again) `owner`'s media from `viewer`: its consumers pause and it cannot consume more. */
  conceal(viewer: string, owner: string, hidden: boolean): void {
    const key = `${viewer}>${owner}`;
    // The room restates every pair on each change: only a change of state does anything.
    if (this.concealed.has(key) === hidden) return;
    if (hidden) this.concealed.add(key);
    else this.concealed.delete(key);
    const v = this.peers.get(viewer);
    const o = this.peers.get(owner);
    if (!v || !o) return;
    for (const c of v.consumers.values()) {
      if (!o.producers.has(c.producerId)) continue;
      if (hidden) void c.pause().catch(() => undefined);
      else void c.resume().catch(() => undefined);
    }
    if (!hidden) for (const p of o.producers.values()) this.announceTo(v, o.peerId, p);
  }

  /** Pauses (or resumes) `peerId`'s microphone for a hearing's floor; while silenced it cannot resume it itself. */
  silence(peerId: string, silenced: boolean): void {
    if (this.silenced.has(peerId) === silenced) return;
    if (silenced) this.silenced.add(peerId);
    else this.silenced.delete(peerId);
    for (const p of this.peers.get(peerId)?.producers.values() ?? []) {
      if (p.kind !== 'audio') continue;
      if (silenced) void p.pause().catch(() => undefined);
      else void p.resume().catch(() => undefined);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.peers.clear();
    this.router.close();
  }

  /** Carries out one client step for `peerId`; throws SfuRefusal for a step it may not take. */
  async request(peerId: string, frame: SfuRequest): Promise<SfuReplyFrame> {
    const peer = this.peers.get(peerId);
    if (this.closed || !peer) throw new SfuRefusal('NOT_FOUND', 'You are not in this room');
    const reply: SfuReplyFrame = { t: 'sfu.reply', ref: frame.ref };
    switch (frame.t) {
      case 'sfu.capabilities':
        reply.rtpCapabilities = this.router.rtpCapabilities;
        return reply;
      case 'sfu.transport.create': {
        if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) throw new SfuRefusal('CONFLICT', 'Too many transports: close one first');
        const t = await this.router.createWebRtcTransport({
          listenIps: [{ ip: this.options.listenIp, ...(this.options.announcedIp ? { announcedIp: this.options.announcedIp } : {}) }],
          enableUdp: true,
          enableTcp: true,
          preferUdp: true,
          appData: { direction: frame.direction },
        });
        peer.transports.set(t.id, t);
        t.observer.on('close', () => peer.transports.delete(t.id));
        reply.transport = { id: t.id, iceParameters: { ...t.iceParameters }, iceCandidates: t.iceCandidates.map((c) => ({ ...c })), dtlsParameters: { ...t.dtlsParameters } };
        // What the others already send, once this participant can receive it (after the reply).
        if (frame.direction === 'recv') queueMicrotask(() => this.announceAllTo(peer));
        return reply;
      }
      case 'sfu.transport.connect':
        await this.transportOf(peer, frame.transportId).connect({ dtlsParameters: frame.dtlsParameters });
        return reply;
      case 'sfu.transport.restartIce':
        reply.iceParameters = { ...(await this.transportOf(peer, frame.transportId).restartIce()) };
        return reply;
      case 'sfu.produce': {
        const t = this.transportOf(peer, frame.transportId, 'send');
        if (peer.producers.size >= MAX_PRODUCERS_PER_PEER) throw new SfuRefusal('CONFLICT', 'Too many producers: close one first');
        const producer = await t.produce({ kind: frame.kind, rtpParameters: frame.rtpParameters as unknown as types.RtpParameters, appData: { peerId } });
        peer.producers.set(producer.id, producer);
        producer.observer.on('close', () => {
          peer.producers.delete(producer.id);
          this.producersChanged();
        });
        // A camera turned off or on changes what a recording can show (its grid would wait for a
        // paused camera's frames for ever), and a room whose every producer is paused sends a
        // recording nothing at all: recordingSegments.ts follows both.
        for (const change of ['pause', 'resume'] as const) producer.observer.on(change, () => this.producersChanged());
        if (producer.kind === 'audio') await this.observer.addProducer({ producerId: producer.id }).catch(() => undefined);
        if (producer.kind === 'audio' && this.silenced.has(peerId)) await producer.pause();
        reply.producerId = producer.id;
        queueMicrotask(() => {
          for (const other of this.peers.values()) if (other !== peer) this.announceTo(other, peerId, producer);
          this.producersChanged();
        });
        return reply;
      }
      case 'sfu.consume': {
        const t = this.transportOf(peer, frame.transportId, 'recv');
        const owner = this.ownerOf(frame.producerId);
        if (!owner || owner === peer) throw new SfuRefusal('NOT_FOUND', 'No such producer in this room');
        if (this.concealed.has(`${peerId}>${owner.peerId}`)) throw new SfuRefusal('FORBIDDEN', 'This participant is not shown to you now');
        const rtpCapabilities = frame.rtpCapabilities as unknown as types.RtpCapabilities;
        if (!this.router.canConsume({ producerId: frame.producerId, rtpCapabilities })) throw new SfuRefusal('INVALID_FRAME', 'Your device cannot receive this media');
        const consumer = await t.consume({ producerId: frame.producerId, rtpCapabilities, paused: true, appData: { peerId: owner.peerId } });
        peer.consumers.set(consumer.id, consumer);
        consumer.observer.on('close', () => peer.consumers.delete(consumer.id));
        consumer.on('producerclose', () => this.deps.deliver(peerId, { t: 'sfu.consumer.closed', callId: this.callId, consumerId: consumer.id }));
        // Only the owner pauses a video producer (the hub pauses microphones alone): a camera turned
        // off, which the viewer's tile says as such, never as a stall.
        if (consumer.kind === 'video') {
          const camera = (off: boolean) => () => this.deps.deliver(peerId, { t: 'sfu.camera', callId: this.callId, consumerId: consumer.id, off });
          consumer.on('producerpause', camera(true));
          consumer.on('producerresume', camera(false));
        }
        reply.consumer = {
          id: consumer.id,
          producerId: consumer.producerId,
          peerId: owner.peerId,
          kind: consumer.kind,
          rtpParameters: consumer.rtpParameters as unknown as NonNullable<SfuReplyFrame['consumer']>['rtpParameters'],
          producerPaused: consumer.producerPaused,
        };
        return reply;
      }
      case 'sfu.pause':
      case 'sfu.resume': {
        const target = frame.what === 'producer' ? peer.producers.get(frame.id) : peer.consumers.get(frame.id);
        if (!target) throw new SfuRefusal('NOT_FOUND', `No such ${frame.what} of yours`);
        if (frame.t === 'sfu.pause') await target.pause();
        else if (frame.what === 'producer' && target.kind === 'audio' && this.silenced.has(peerId)) throw new SfuRefusal('FORBIDDEN', 'The judge has not given you the floor');
        else if (frame.what === 'consumer' && this.concealed.has(`${peerId}>${String((target.appData as { peerId?: string }).peerId)}`))
          throw new SfuRefusal('FORBIDDEN', 'This participant is not shown to you now');
        else await target.resume();
        return reply;
      }
      case 'sfu.close': {
        const map = frame.what === 'producer' ? peer.producers : frame.what === 'consumer' ? peer.consumers : peer.transports;
        const target = map.get(frame.id);
        if (!target) throw new SfuRefusal('NOT_FOUND', `No such ${frame.what} of yours`);
        target.close();
        return reply;
      }
      case 'sfu.tile': {
        const consumer = peer.consumers.get(frame.consumerId);
        if (!consumer) throw new SfuRefusal('NOT_FOUND', 'No such consumer of yours');
        if (consumer.type === 'simulcast') await consumer.setPreferredLayers({ spatialLayer: spatialLayerForTile(frame.width, frame.height), temporalLayer: 2 });
        return reply;
      }
    }
  }

  /** What a recording of the room takes in now: the router and every participant's producers. */
  recordingSource(): RecordingSource {
    const peers = [...this.peers.values()];
    const roles = new Map<string, RoomRole>();
    for (const p of peers) for (const id of p.producers.keys()) if (p.role) roles.set(id, p.role);
    return { router: this.router, producers: peers.flatMap((p) => [...p.producers.values()]), roles };
  }

  /** The spatial layer a consumer is set to receive (for tests and the desk's diagnostics). */
  preferredLayer(peerId: string, consumerId: string): number | null {
    return this.peers.get(peerId)?.consumers.get(consumerId)?.preferredLayers?.spatialLayer ?? null;
  }

  /**
   * The worker's ports behind a participant's transports, from every ICE candidate it was given
   * (UDP and the TCP fallback): what a test drops to cut that participant's media alone.
   */
  mediaPorts(peerId: string): { udp: number[]; tcp: number[] } {
    const out = { udp: new Set<number>(), tcp: new Set<number>() };
    for (const t of this.peers.get(peerId)?.transports.values() ?? []) for (const c of t.iceCandidates) out[c.protocol].add(c.port);
    return { udp: [...out.udp], tcp: [...out.tcp] };
  }

  private transportOf(peer: SfuPeer, id: string, direction?: 'send' | 'recv'): types.WebRtcTransport {
    const t = peer.transports.get(id);
    if (!t) throw new SfuRefusal('NOT_FOUND', 'No such transport of yours');
    if (direction && (t.appData as { direction?: string }).direction !== direction) throw new SfuRefusal('INVALID_FRAME', `This step needs your ${direction} transport`);
    return t;
  }

  private ownerOf(producerId: string): SfuPeer | null {
    for (const p of this.peers.values()) if (p.producers.has(producerId)) return p;
    return null;
  }

  private canReceive(peer: SfuPeer): boolean {
    for (const t of peer.transports.values()) if ((t.appData as { direction?: string }).direction === 'recv') return true;
    return false;
  }

  private announceAllTo(viewer: SfuPeer): void {
    for (const owner of this.peers.values()) {
      if (owner === viewer) continue;
      for (const p of owner.producers.values()) this.announceTo(viewer, owner.peerId, p);
    }
  }

  private announceTo(viewer: SfuPeer, ownerId: string, producer: types.Producer): void {
    if (this.closed || producer.closed || !this.canReceive(viewer) || this.concealed.has(`${viewer.peerId}>${ownerId}`)) return;
    this.deps.deliver(viewer.peerId, { t: 'sfu.producer', callId: this.callId, peerId: ownerId, producerId: producer.id, kind: producer.kind });
  }

  private spoke(peerId: string | null): void {
    if (peerId === this.speaker) return;
    this.speaker = peerId;
    for (const p of this.peers.keys()) this.deps.deliver(p, { t: 'sfu.speaker', callId: this.callId, peerId });
  }
}
