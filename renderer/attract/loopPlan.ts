import type { AttractItem, AttractPlaylist } from '../../shared/playlist.js';
import { nextBoundary, nextInLoop, scheduledNow, volumeAt } from '../../shared/schedule.js';

// What the loop plays, given the cached playlist, the schedule clock and the items that failed:
// the scheduled items in order, wrapping, skipping broken ones. A broken item is tried again only
// when the playlist changes (the agent re-verifies or re-downloads it), so a failure is seen,
// and reported, once rather than on every pass of the loop.

export class LoopPlan {
  private playlist: AttractPlaylist | null = null;
  private readonly broken = new Set<string>();

  constructor(private readonly clock: () => number) {}

  setPlaylist(playlist: AttractPlaylist): void {
    const before = this.playlist;
    this.playlist = playlist;
    const changed = !before || before.version !== playlist.version || before.items.map((i) => i.sha256).join() !== playlist.items.map((i) => i.sha256).join();
    if (changed) this.broken.clear();
  }

  get settings() {
    return this.playlist?.settings ?? null;
  }

  private offset(): number {
    return this.playlist?.settings.utcOffsetMinutes ?? 480;
  }

  /** Items the schedule allows now, in playing order (broken ones included). */
  scheduled(): AttractItem[] {
    return this.playlist ? scheduledNow(this.playlist.items, this.clock(), this.offset()) : [];
  }

  next(after: AttractItem | null): AttractItem | null {
    return nextInLoop(this.scheduled(), after, (i) => this.broken.has(i.sha256));
  }

  markBroken(item: AttractItem): void {
    this.broken.add(item.sha256);
  }

  volume(): number {
    return this.playlist ? volumeAt(this.playlist.settings.volume, this.clock(), this.offset()) : 0;
  }

  /** Milliseconds (on the schedule clock) until the next moment the schedule may change. */
  msToBoundary(): number {
    const now = this.clock();
    const items = this.playlist?.items ?? [];
    return (
      nextBoundary(
        items.map((i) => i.schedule),
        this.playlist?.settings.volume ?? null,
        now,
        this.offset(),
      ) - now
    );
  }
}
