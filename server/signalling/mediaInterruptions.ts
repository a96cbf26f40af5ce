import { interruptedPeers, type MediaReport } from '../../shared/rooms/mediaState.js';

// One room's media reports (shared/rooms/mediaState.ts): each participant's last report of how the
// others' media reaches it, by peer id, and whose media is interrupted from them. Live state of
// one call, kept with its room in this hub's memory like the room itself; never stored.

export class MediaInterruptions {
  private readonly reports = new Map<string, MediaReport>();
  private interrupted = new Set<string>();

  report(peerId: string, report: MediaReport): void {
    this.reports.set(peerId, report);
  }

  has(peerId: string): boolean {
    return this.interrupted.has(peerId);
  }

  /**
   * Recomputes over the participants present (a departed one's report goes); the peer ids whose state
   * changed. What the pages say about `silenced` peers is set aside: the hub itself paused their
   * microphone (a hearing's floor), so one without video sends nothing by rule, not by a fault — it is
   * not marked, and neither is a page that sees only such peers.
   */
  settle(present: readonly string[], silenced: (peerId: string) => boolean = () => false): string[] {
    const here = new Set(present);
    for (const peerId of this.reports.keys()) if (!here.has(peerId)) this.reports.delete(peerId);
    const heard = new Map([...this.reports].map(([reporter, report]) => [reporter, report.filter((r) => !silenced(r.peerId))] as const));
    const now = interruptedPeers(heard, present);
    const changed = [...now].filter((id) => !this.interrupted.has(id)).concat([...this.interrupted].filter((id) => !now.has(id)));
    this.interrupted = now;
    return changed;
  }
}
