import type { AttractItem, SkipReason } from '../../shared/playlist.js';

// What the loop engine (loopEngine.ts) needs from its host page and tells it.

export interface LoopCallbacks {
  /** What plays after `after` (null: the first item), or null if nothing is playable. */
  next(after: AttractItem | null): AttractItem | null;
  /** The volume level now (0…1), from the volume schedule. */
  volume(): number;
  onShow(item: AttractItem): void;
  onEnd(item: AttractItem, startedAt: number, endedAt: number, reason: SkipReason | null): void;
  /** An item failed: keep it out of `next` until the playlist changes. */
  onBroken(item: AttractItem): void;
  /** Nothing left to play. */
  onEmpty(): void;
  /** A video-to-video transition, measured (benchmark): see `Handover`. */
  onGap?(handover: Handover): void;
}

export interface Handover {
  /** Display-time gap (ms) between the last frame of one video and the first shown of the next. */
  gapMs: number;
  /** The next one was not loaded in time (the gap then includes loading). */
  waited: boolean;
  /** Media time of the outgoing video's last frame shown, and of the incoming one's first (s). */
  fromMedia: number;
  toMedia: number;
}

export interface LoopElements {
  videos: readonly [HTMLVideoElement, HTMLVideoElement];
  images: readonly [HTMLImageElement, HTMLImageElement];
}

export interface LoopTiming {
  /** No progress for this long is a stall (default 5 s). */
  stallMs: number;
  /** First guess of play() start-up (ms): the next video starts that long before the current ends. */
  leadMs: number;
}
