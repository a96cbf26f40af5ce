import type { CallRoom, CallSignal } from '../../shared/call.js';
import type { SfuOutbound } from '../../shared/sfu.js';

// What a room holds for a participant whose socket dropped, delivered when it re-attaches (the
// room itself is not held: re-attaching sends it as it is then). Two kinds of frame: news of the
// current state (a camera off or on behind a consumer, a consumer closed, a producer to consume,
// the speaker), where a newer one replaces what it supersedes, and passing steps (negotiation
// signals), which pile up. A queue over its limit
// drops the oldest passing steps first: a peer link that missed them recovers by a restart or a
// rejoin, but a tile that missed "camera off" or "closed" would show the wrong thing until the
// call ended. Only when state alone fills the queue does its oldest go too (memory stays bounded).

/** What a room sends a participant (server/signalling/rooms.ts). */
export type RoomOutbound = { t: 'room'; room: CallRoom } | { t: 'signal'; signal: CallSignal } | SfuOutbound;

/** Beyond this many held frames the participant needs a full rejoin anyway; older ones are dropped. */
export const MAX_HELD_FRAMES = 200;

/** A frame that says how things are now (kept), rather than a step of a negotiation (may be dropped). */
const isState = (f: RoomOutbound): boolean => f.t !== 'signal' && f.t !== 'sfu.reply';

/** Whether `newer` makes `older` moot: the same state told again, or a camera's news for a consumer since closed. */
function supersedes(newer: RoomOutbound, older: RoomOutbound): boolean {
  if (newer.t === 'sfu.speaker') return older.t === newer.t;
  if (newer.t === 'sfu.camera' || newer.t === 'sfu.consumer.closed') return older.t === 'sfu.camera' && older.consumerId === newer.consumerId;
  return false;
}

export class HeldFrames {
  private frames: RoomOutbound[] = [];

  constructor(private readonly max = MAX_HELD_FRAMES) {}

  push(frame: RoomOutbound): void {
    if (frame.t === 'room') return;
    this.frames = this.frames.filter((f) => !supersedes(frame, f));
    this.frames.push(frame);
    let over = this.frames.length - this.max;
    if (over <= 0) return;
    const kept: RoomOutbound[] = [];
    for (const f of this.frames) {
      if (over > 0 && !isState(f)) over -= 1;
      else kept.push(f);
    }
    this.frames = kept.slice(Math.max(0, kept.length - this.max));
  }

  /** Everything held, oldest first, and the queue emptied. */
  take(): RoomOutbound[] {
    return this.frames.splice(0);
  }

  get size(): number {
    return this.frames.length;
  }
}
