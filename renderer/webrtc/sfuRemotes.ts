import type { types } from 'mediasoup-client';
import type { ParticipantRole } from '../../shared/call.js';
import type { InboundCounts } from '../../shared/rooms/mediaStall.js';

// What SfuLink receives from everyone else, by participant: their consumers (one per track), the
// stream their tile plays, and which of their video consumers they paused (camera off, told by
// `sfu.camera`). The tile's picture is decided in SfuLink by the shared rule; the counts that rule
// samples, and the frames a test reads, are summed here.

export interface SfuRemote {
  readonly peerId: string;
  readonly role: ParticipantRole;
  name: string | null;
  readonly stream: MediaStream;
  readonly consumers: Map<string, types.Consumer>;
  /** Their video consumers whose producer they paused: their camera is off. */
  readonly cameraOff: Set<string>;
}

/** Every video consumer of theirs is paused by them: their camera is off (none: no camera at all). */
export function cameraOffOf(r: SfuRemote): boolean {
  const video = [...r.consumers.values()].filter((c) => c.kind === 'video');
  return video.length > 0 && video.every((c) => r.cameraOff.has(c.id));
}

export class SfuRemotes {
  private readonly byPeer = new Map<string, SfuRemote>();

  all(): SfuRemote[] {
    return [...this.byPeer.values()];
  }

  get(peerId: string): SfuRemote | undefined {
    return this.byPeer.get(peerId);
  }

  /** A new consumer of `who`'s: its track joins their stream; `cameraOff` when its producer is paused already. */
  add(who: { peerId: string; role: ParticipantRole; name: string | null }, consumer: types.Consumer, cameraOff: boolean): void {
    let remote = this.byPeer.get(who.peerId);
    if (!remote) {
      remote = { ...who, stream: new MediaStream(), consumers: new Map(), cameraOff: new Set() };
      this.byPeer.set(who.peerId, remote);
    }
    remote.consumers.set(consumer.id, consumer);
    if (consumer.kind === 'video' && cameraOff) remote.cameraOff.add(consumer.id);
    remote.stream.addTrack(consumer.track);
  }

  /** A consumer the hub closed (its producer or transport went): its track leaves their stream. */
  closed(consumerId: string): void {
    for (const r of this.byPeer.values()) {
      const c = r.consumers.get(consumerId);
      if (!c) continue;
      c.close();
      r.consumers.delete(consumerId);
      r.cameraOff.delete(consumerId);
      r.stream.removeTrack(c.track);
    }
  }

  /** Their camera went off (or on) behind one of our consumers; false when that consumer is not ours (any more). */
  camera(consumerId: string, off: boolean): boolean {
    const r = this.all().find((x) => x.consumers.has(consumerId));
    if (!r) return false;
    if (off) r.cameraOff.add(consumerId);
    else r.cameraOff.delete(consumerId);
    return true;
  }

  /** Keeps those `keep` says yes to (with their names as given), closing the others' consumers. */
  retain(keep: (peerId: string) => { name: string | null } | null): void {
    for (const [peerId, r] of this.byPeer) {
      const kept = keep(peerId);
      if (kept) r.name = kept.name ?? r.name;
      else {
        r.consumers.forEach((c) => c.close());
        this.byPeer.delete(peerId);
      }
    }
  }

  clear(): void {
    this.retain(() => null);
  }

  /** What each participant's consumers have received (the stall rule's samples); those without consumers left out. */
  async inbound(): Promise<Map<string, InboundCounts>> {
    const out = new Map<string, InboundCounts>();
    for (const r of this.all()) {
      const counts: InboundCounts = { framesDecoded: 0, audioPackets: 0 };
      for (const c of [...r.consumers.values()]) {
        if (c.closed) continue;
        (await c.getStats()).forEach((s: Record<string, unknown>) => {
          if (s.type !== 'inbound-rtp') return;
          if (s.kind === 'video') counts.framesDecoded += Number(s.framesDecoded ?? 0);
          else counts.audioPackets += Number(s.packetsReceived ?? 0);
        });
      }
      if (r.consumers.size > 0) out.set(r.peerId, counts);
    }
    return out;
  }

  /** Video frames decoded per participant (a gallery must show every one). */
  async decoded(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const r of this.all()) {
      for (const c of r.consumers.values()) {
        if (c.kind !== 'video') continue;
        (await c.getStats()).forEach((s: Record<string, unknown>) => {
          if (s.type === 'inbound-rtp') out[r.peerId] = (out[r.peerId] ?? 0) + Number(s.framesDecoded ?? 0);
        });
      }
    }
    return out;
  }
}
