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
  /**
   * Consumers the hub made for us whose track is still being set up (the consume reply came,
   * `add` not yet), by consumer id: whose they are, and their camera state as the reply said and
   * as `sfu.camera` changed it since, so a camera turned off or on in that window is not lost. An
   * entry leaves when its consumer is added, fails, is closed by the hub, or its participant
   * leaves: `add` takes only a consumer still listed here, so one closed meanwhile is not shown.
   */
  private readonly settingUp = new Map<string, { peerId: string; cameraOff: boolean }>();

  /** How many consumers are being set up (a test's view: none may stay behind). */
  get settingUpCount(): number {
    return this.settingUp.size;
  }

  all(): SfuRemote[] {
    return [...this.byPeer.values()];
  }

  get(peerId: string): SfuRemote | undefined {
    return this.byPeer.get(peerId);
  }

  /** The hub made consumer `consumerId` of `peerId`'s for us (its producer paused already: `cameraOff`); its track comes with `add`. */
  expect(consumerId: string, peerId: string, cameraOff: boolean): void {
    this.settingUp.set(consumerId, { peerId, cameraOff });
  }

  /** A consumer expected that will not be added (its setup failed or was abandoned). */
  forget(consumerId: string): void {
    this.settingUp.delete(consumerId);
  }

  /**
   * A new consumer of `who`'s, `expect`ed before: its track joins their stream, camera off or on as
   * last told. False, and the consumer closed here, when it is no longer wanted (the hub closed it
   * or its participant left while it was set up).
   */
  add(who: { peerId: string; role: ParticipantRole; name: string | null }, consumer: types.Consumer): boolean {
    const expected = this.settingUp.get(consumer.id);
    this.settingUp.delete(consumer.id);
    if (!expected) {
      consumer.close();
      return false;
    }
    const cameraOff = expected.cameraOff;
    let remote = this.byPeer.get(who.peerId);
    if (!remote) {
      remote = { ...who, stream: new MediaStream(), consumers: new Map(), cameraOff: new Set() };
      this.byPeer.set(who.peerId, remote);
    }
    remote.consumers.set(consumer.id, consumer);
    if (consumer.kind === 'video' && cameraOff) remote.cameraOff.add(consumer.id);
    remote.stream.addTrack(consumer.track);
    return true;
  }

  /** A consumer the hub closed (its producer or transport went): its track leaves their stream, or it is not added. */
  closed(consumerId: string): void {
    this.settingUp.delete(consumerId);
    for (const r of this.byPeer.values()) {
      const c = r.consumers.get(consumerId);
      if (!c) continue;
      c.close();
      r.consumers.delete(consumerId);
      r.cameraOff.delete(consumerId);
      r.stream.removeTrack(c.track);
    }
  }

  /** Their camera went off (or on) behind one of our consumers; false when no tile changes (not added yet, or not ours any more). */
  camera(consumerId: string, off: boolean): boolean {
    const expected = this.settingUp.get(consumerId);
    if (expected) {
      expected.cameraOff = off;
      return false;
    }
    const r = this.all().find((x) => x.consumers.has(consumerId));
    if (!r) return false;
    if (off) r.cameraOff.add(consumerId);
    else r.cameraOff.delete(consumerId);
    return true;
  }

  /**
   * Keeps those `keep` says yes to (with their names as given), closing the others' consumers and
   * forgetting those being set up. Returns the ids of the consumers closed here, which the hub
   * still holds (a participant hidden by a caucus: the hub only pauses ours of theirs).
   */
  retain(keep: (peerId: string) => { name: string | null } | null): string[] {
    const closed: string[] = [];
    for (const [consumerId, { peerId }] of this.settingUp) if (!keep(peerId)) this.settingUp.delete(consumerId);
    for (const [peerId, r] of this.byPeer) {
      const kept = keep(peerId);
      if (kept) r.name = kept.name ?? r.name;
      else {
        r.consumers.forEach((c) => {
          c.close();
          closed.push(c.id);
        });
        this.byPeer.delete(peerId);
      }
    }
    return closed;
  }

  clear(): void {
    this.settingUp.clear();
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
