import type { AttractItem, SkipReason } from '../../shared/playlist.js';
import type { LoopCallbacks, LoopElements, LoopTiming } from './loopTypes.js';

export type { Handover, LoopCallbacks, LoopElements, LoopTiming } from './loopTypes.js';

// Plays the legal-education loop on two reused <video> elements and two <img> elements, with
// no black frame between items. While an item plays, the next one is loaded (and decoded) in the
// other element of its kind. A video that follows a video is prepared under the current one
// (composited, covered) and held paused on its first frame, presented; on the current one's last
// presented frame (requestVideoFrameCallback: its media time against its duration, not `ended`,
// once its frame duration is known for sure; until then on `ended`, late rather than early) the
// next one is put in front and played, so neither its first frame nor the current one's last
// is lost (issue 16). If it is not ready by then, the current one keeps its last frame on screen
// until it is. A video after an image or at the start is revealed on its first presented frame.
// Elements are never recreated:
// recreating <video> elements leaks memory over long runs. A failed or stalled item is skipped
// at once and reported through `onEnd` (the caller keeps it from being retried every loop).
// Imperative on purpose: React state would add a render between "first frame" and "visible".

type Media = HTMLVideoElement | HTMLImageElement;

interface Slot {
  item: AttractItem;
  el: Media;
  token: number;
  ready: boolean;
  started: boolean;
  /** Held paused under the current video, its first frame presented: shown by a class swap. */
  held: boolean;
}

const isVideoEl = (el: Media): el is HTMLVideoElement => el instanceof HTMLVideoElement;

export class LoopEngine {
  private front: Slot | null = null;
  private pending: Slot | null = null;
  private startedAt = 0;
  private tokens = 0;
  private stopped = true;
  private advanceWanted = false;
  /** Whether the item due next was still loading when its turn came. */
  private waited = false;
  /** The video on screen has presented its last frame: the next one may take over. */
  private frontAtEnd = false;
  /**
   * The front video's frame duration (s), only once known for sure: a media-time step over the
   * count of frames presented in it, none dropped (see `watchVideo`); null until then, and the
   * clip then ends on `ended`. A mere smallest step is not enough: a starved renderer calls back on every second or
   * third frame only, and twice the duration would call the clip ended a frame or two early.
   */
  private frameSeconds: number | null = null;
  /** The front video's last frame seen: display time, media time, when, and its counters then. */
  private lastFrame: { at: number; media: number; seenAt: number; presented: number; dropped: number } | null = null;
  private watchdog: ReturnType<typeof setInterval> | null = null;
  private imageTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly els: LoopElements,
    private readonly cb: LoopCallbacks,
    private readonly timing: LoopTiming = { stallMs: 5_000, leadMs: 60 },
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.watchdog = setInterval(() => this.checkStall(), 250);
    this.prepareNext(null);
  }

  /** Leaves the loop (a touch): the item on screen is reported as interrupted. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    // An item still playing was cut short by the resident; one already at its end has completed.
    // A video is at its end once its last frame is on screen, not when its successor is started
    // (that is up to half a second earlier on a busy machine).
    const front = this.front;
    if (front) {
      const atEnd = isVideoEl(front.el) ? this.frontAtEnd : this.advanceWanted;
      this.cb.onEnd(front.item, this.startedAt, Date.now(), atEnd ? null : 'interrupted');
    }
    this.front = this.pending = null;
    for (const t of [this.imageTimer, this.pendingTimer]) if (t) clearTimeout(t);
    if (this.watchdog) clearInterval(this.watchdog);
    for (const v of this.els.videos) v.pause();
  }

  /** The schedule or the playlist changed: the item queued next may no longer be the right one. */
  refresh(): void {
    if (this.stopped) return;
    this.applyVolume();
    const want = this.cb.next(this.front?.item ?? null);
    if (this.pending && want && this.pending.item.id === want.id && this.pending.item.sha256 === want.sha256) return;
    if (this.pending?.started) return; // already on its way to the screen
    this.discardPending();
    if (want) this.prepare(want);
    else if (!this.front) this.cb.onEmpty();
  }

  get current(): AttractItem | null {
    return this.front?.item ?? null;
  }

  // --- loading the next item ------------------------------------------------------------------

  private prepareNext(after: AttractItem | null): void {
    const item = this.cb.next(after);
    if (item) this.prepare(item);
    else if (!this.front) this.cb.onEmpty();
  }

  private prepare(item: AttractItem): void {
    const video = item.mimeType.startsWith('video/');
    const pool: readonly Media[] = video ? this.els.videos : this.els.images;
    const el = pool.find((e) => e !== this.front?.el) ?? pool[0]!;
    const slot: Slot = { item, el, token: ++this.tokens, ready: false, started: false, held: false };
    this.pending = slot;
    el.dataset.itemId = item.id;
    this.pendingTimer = setTimeout(() => this.failPending(slot, 'stalled'), this.timing.stallMs);
    if (isVideoEl(el)) {
      el.onerror = () => this.failPending(slot, 'error');
      // Behind a video (opaque, it covers this one) the next one is composited so its first frame
      // is decoded and presented while paused; behind an image (letterboxed) it stays hidden.
      const hold = this.front === null || isVideoEl(this.front.el);
      let loaded = false;
      let presented = !hold;
      el.oncanplaythrough = () => {
        loaded = true;
        if (presented) this.pendingReady(slot);
      };
      if (hold) {
        el.classList.add('is-rolling');
        el.requestVideoFrameCallback(() => {
          if (slot !== this.pending) return;
          presented = slot.held = true;
          if (loaded) this.pendingReady(slot);
        });
      }
      el.muted = true; // until it is on screen
      el.preload = 'auto';
      el.src = item.mediaUrl;
      el.load();
    } else {
      el.onerror = null;
      el.src = item.mediaUrl;
      el.decode().then(
        () => this.pendingReady(slot),
        () => this.failPending(slot, 'error'),
      );
    }
  }

  private pendingReady(slot: Slot): void {
    if (slot !== this.pending || slot.ready) return;
    slot.ready = true;
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    if (!this.front || this.advanceWanted) this.startPending();
  }

  private failPending(slot: Slot, reason: 'error' | 'stalled'): void {
    if (slot !== this.pending || this.stopped) return;
    this.discardPending();
    this.cb.onEnd(slot.item, Date.now(), Date.now(), reason);
    this.cb.onBroken(slot.item);
    this.prepareNext(slot.item);
    if (!this.pending && this.advanceWanted) this.nothingNext();
  }

  private discardPending(): void {
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    const p = this.pending;
    this.pending = null;
    if (!p) return;
    p.token = -1;
    p.el.classList.remove('is-rolling');
    if (isVideoEl(p.el)) {
      p.el.onerror = p.el.oncanplaythrough = null;
      p.el.pause();
    }
  }

  // --- switching ------------------------------------------------------------------------------

  /** The front item is (about to be) done: go to the next one as soon as it can show a frame. */
  private advance(): void {
    if (this.advanceWanted || this.stopped) return;
    this.advanceWanted = true;
    this.waited = !this.pending?.ready;
    if (this.pending?.ready) this.startPending();
    else if (!this.pending) this.prepareNext(this.front?.item ?? null);
    if (!this.pending) this.nothingNext();
  }

  /** The item on screen is done and nothing can follow it: the loop is empty. */
  private nothingNext(): void {
    const front = this.front;
    if (front) {
      this.finishFront('completed');
      front.el.classList.remove('is-front');
      this.front = null;
    }
    this.advanceWanted = false;
    this.cb.onEmpty();
  }

  private startPending(): void {
    const slot = this.pending;
    if (!slot || slot.started || this.stopped) return;
    slot.started = true;
    if (!isVideoEl(slot.el)) return this.reveal(slot, null);
    const el = slot.el;
    this.pendingTimer = setTimeout(() => this.failPending(slot, 'stalled'), this.timing.stallMs);
    this.setVolume(el, slot.item);
    const play = () =>
      el.play().catch((error: unknown) => {
        if ((error as { name?: string }).name !== 'NotAllowedError' || el.muted) return this.failPending(slot, 'error');
        el.muted = true; // no user gesture yet: play silently rather than not at all
        el.play().catch(() => this.failPending(slot, 'error'));
      });
    if (slot.held && (!this.front || this.frontAtEnd || !isVideoEl(this.front.el))) {
      // Its first frame is already on the compositor: in front from the next frame on, then played.
      const from = this.lastFrame;
      this.reveal(slot, null);
      this.measureHandover(el, from);
      void play();
      return;
    }
    // Composited (under the current one, which covers it) rather than hidden: a hidden video's
    // frames are not presented, so it could not hand over on the right frame.
    el.classList.add('is-rolling');
    // The next video rolls hidden under the current one and takes over with the first of its
    // frames that comes after the current one's last frame: no frame is held twice, none is black.
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (slot !== this.pending || this.stopped) return;
      const front = this.front;
      const frontDone = !front || !isVideoEl(front.el) || (this.frontAtEnd && (!this.lastFrame || meta.expectedDisplayTime > this.lastFrame.at + 1));
      if (frontDone) this.reveal(slot, meta.expectedDisplayTime, meta.mediaTime);
      else el.requestVideoFrameCallback(onFrame);
    };
    el.requestVideoFrameCallback(onFrame);
    void play();
  }

  /**
   * The gap of a held handover, for the benchmark: from the outgoing video's last frame to the
   * display of the incoming one's first, which went in front with the class swap (frame 0, held)
   * and is the first frame its playback presents, or is `k` frames before the first it presents.
   */
  private measureHandover(el: HTMLVideoElement, from: { at: number; media: number } | null): void {
    if (!this.cb.onGap || !from || from.media < 0) return;
    const waited = this.waited;
    el.requestVideoFrameCallback((_now, meta) => {
      const shownAt = meta.expectedDisplayTime - meta.mediaTime * 1000;
      this.cb.onGap?.({ gapMs: Math.max(0, shownAt - from.at), waited, fromMedia: from.media, toMedia: 0 });
    });
  }

  private reveal(slot: Slot, firstFrameAt: number | null, firstMedia = 0): void {
    if (slot !== this.pending || this.stopped) return;
    if (this.pendingTimer) clearTimeout(this.pendingTimer);
    const old = this.front;
    if (old && firstFrameAt !== null && this.lastFrame && this.lastFrame.media >= 0 && isVideoEl(old.el))
      this.cb.onGap?.({ gapMs: firstFrameAt - this.lastFrame.at, waited: this.waited, fromMedia: this.lastFrame.media, toMedia: firstMedia });
    slot.el.classList.add('is-front');
    slot.el.classList.remove('is-rolling');
    if (old && old.el !== slot.el) old.el.classList.remove('is-front');
    if (old) this.finishFront('completed', old);
    this.pending = null;
    this.front = slot;
    this.advanceWanted = false;
    this.frontAtEnd = false;
    this.startedAt = Date.now();
    this.lastFrame = null;
    this.cb.onShow(slot.item);
    if (isVideoEl(slot.el)) this.watchVideo(slot, slot.el);
    else this.imageTimer = setTimeout(() => this.imageDone(slot), slot.item.durationMs ?? 10_000);
    this.prepareNext(slot.item);
  }

  /** Reports the front item (completed, or skipped with a reason) and stops its element. */
  private finishFront(reason: SkipReason | 'completed' | null, slot: Slot | null = this.front): void {
    if (!slot) return;
    if (reason !== null) this.cb.onEnd(slot.item, this.startedAt, Date.now(), reason === 'completed' ? null : reason);
    if (this.imageTimer) clearTimeout(this.imageTimer);
    if (isVideoEl(slot.el) && slot.el !== this.pending?.el) slot.el.pause();
    slot.token = -1;
    if (slot === this.front && reason !== 'completed') {
      slot.el.classList.remove('is-front');
      this.front = null;
    }
  }

  private imageDone(slot: Slot): void {
    if (slot !== this.front) return;
    this.advance();
  }

  private watchVideo(slot: Slot, el: HTMLVideoElement): void {
    const token = slot.token;
    const end = () => Math.min(Number.isFinite(el.duration) ? el.duration : Infinity, (slot.item.durationMs ?? Infinity) / 1000);
    const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
      if (slot.token !== token || this.stopped) return;
      const prev = this.lastFrame;
      const dropped = el.getVideoPlaybackQuality().droppedVideoFrames;
      // With no frame dropped between two callbacks, the frames presented between them are the
      // clip's very next ones: the step over their count is one frame's duration, exactly.
      const presentedSince = prev && prev.media >= 0 && dropped === prev.dropped ? meta.presentedFrames - prev.presented : 0;
      if (prev && presentedSince > 0 && meta.mediaTime > prev.media) this.frameSeconds = Math.min(this.frameSeconds ?? Infinity, (meta.mediaTime - prev.media) / presentedSince);
      if (!prev || meta.mediaTime !== prev.media) this.lastFrame = { at: meta.expectedDisplayTime, media: meta.mediaTime, seenAt: performance.now(), presented: meta.presentedFrames, dropped };
      const remaining = end() - meta.mediaTime;
      // The last frame: less than a frame left (media times are rounded), or a capped length reached.
      if (remaining <= 0 || (this.frameSeconds !== null && remaining < this.frameSeconds * 1.5)) this.frontAtEnd = true;
      // The next item takes over once this last frame is presented: a held video from the next
      // frame on, an image likewise, anything else as soon as it shows a frame.
      if (this.frontAtEnd) this.advance();
      if (meta.mediaTime >= end() && slot.item.durationMs !== null) el.pause(); // capped length
      el.requestVideoFrameCallback(onFrame);
    };
    el.requestVideoFrameCallback(onFrame);
    el.onended = () => {
      if (slot.token !== token) return;
      this.frontAtEnd = true;
      this.advance();
    };
    el.onerror = () => slot.token === token && this.failFront(slot, 'error');
    this.lastFrame = { at: performance.now(), media: -1, seenAt: performance.now(), presented: 0, dropped: 0 };
    this.frameSeconds = null;
  }

  private failFront(slot: Slot, reason: 'error' | 'stalled'): void {
    if (slot !== this.front || this.stopped) return;
    this.cb.onBroken(slot.item);
    this.finishFront(reason);
    this.advanceWanted = true;
    if (this.pending?.ready) this.startPending();
    else if (!this.pending) this.prepareNext(slot.item); // (reports empty itself if nothing is left)
  }

  /** A video that makes no progress for `stallMs` (and is not simply waiting at its end) is skipped. */
  private checkStall(): void {
    const slot = this.front;
    if (!slot || !isVideoEl(slot.el) || this.advanceWanted || !this.lastFrame) return;
    if (performance.now() - this.lastFrame.seenAt > this.timing.stallMs) this.failFront(slot, 'stalled');
  }

  private applyVolume(): void {
    const front = this.front;
    if (front && isVideoEl(front.el)) this.setVolume(front.el, front.item);
  }

  private setVolume(el: HTMLVideoElement, item: AttractItem): void {
    const level = item.muted ? 0 : Math.min(1, Math.max(0, this.cb.volume()));
    el.volume = level;
    el.muted = level === 0;
    el.dataset.volume = String(level);
  }
}
