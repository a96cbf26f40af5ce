import { MEDIA_SAMPLE_MS, watchPeer, type InboundCounts, type PeerWatch } from '../../shared/rooms/mediaStall.js';
import { MEDIA_REPORT_MIN_MS, type MediaReport } from '../../shared/rooms/mediaState.js';

// Reads a link's inbound counts every MEDIA_SAMPLE_MS and keeps the stall rule's watch per remote
// participant (shared/rooms/mediaStall.ts); tells the screen when a participant's state changes,
// and the hub (shared/rooms/mediaState.ts) only on change and at most once a MEDIA_REPORT_MIN_MS.

export interface StallWatchOptions {
  /** Inbound counts per remote participant now (participants without consumers are left out). */
  sample(): Promise<Map<string, InboundCounts>>;
  /** A participant's state changed: the screen shows it. */
  changed(): void;
  /** Sends the page's report to the hub. */
  report?(report: MediaReport): void;
  now?: () => number;
}

export class StallWatch {
  private readonly watches = new Map<string, PeerWatch>();
  private readonly timer: ReturnType<typeof setInterval>;
  private sampling = false;
  private lastSent: { at: number; text: string } | null = null;
  private sendTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly o: StallWatchOptions) {
    this.timer = setInterval(() => void this.tick(), MEDIA_SAMPLE_MS);
  }

  /** The rule's watch on a participant (what a tile shows reads it); none before their first sample. */
  watch(peerId: string): PeerWatch | undefined {
    return this.watches.get(peerId);
  }

  /** Forget everyone (a rejoin: new consumers, new counts). */
  reset(): void {
    this.watches.clear();
  }

  dispose(): void {
    clearInterval(this.timer);
    if (this.sendTimer) clearTimeout(this.sendTimer);
  }

  private async tick(): Promise<void> {
    if (this.sampling) return; // a slow getStats on a busy machine: skip, never pile up
    this.sampling = true;
    try {
      const counts = await this.o.sample();
      const at = (this.o.now ?? Date.now)();
      let changed = false;
      for (const peerId of this.watches.keys()) if (!counts.has(peerId)) this.watches.delete(peerId);
      for (const [peerId, c] of counts) {
        const before = this.watches.get(peerId)?.state;
        const next = watchPeer(this.watches.get(peerId), c, at);
        this.watches.set(peerId, next);
        if (before !== undefined && before !== next.state) changed = true;
      }
      if (changed) this.o.changed();
      this.send();
    } catch {
      // A transport closed under the sample: the next tick reads the new one.
    } finally {
      this.sampling = false;
    }
  }

  /** Sends the report if it differs from the last one sent, no sooner than MEDIA_REPORT_MIN_MS after it. */
  private send(): void {
    if (!this.o.report || this.sendTimer) return;
    const report: MediaReport = [...this.watches].map(([peerId, w]) => ({ peerId, media: w.state }));
    const text = JSON.stringify(report);
    if (text === this.lastSent?.text) return;
    const now = (this.o.now ?? Date.now)();
    const wait = this.lastSent ? this.lastSent.at + MEDIA_REPORT_MIN_MS - now : 0;
    if (wait > 0) {
      this.sendTimer = setTimeout(() => {
        this.sendTimer = null;
        this.send();
      }, wait);
      return;
    }
    this.lastSent = { at: now, text };
    this.o.report(report);
  }
}
