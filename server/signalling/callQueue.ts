// The waiting line of kiosk calls: first come, first served, one line for every on-duty mediator.
// Pure bookkeeping (no sockets, no clock of its own) so its order and estimates are unit-tested.

export interface Queued {
  readonly callId: string;
}

export class CallQueue<T extends Queued> {
  private readonly waiting: T[] = [];

  /** Appends a call; returns its 1-based position. */
  enqueue(item: T): number {
    if (this.position(item.callId) !== null) throw new Error('call is already queued');
    this.waiting.push(item);
    return this.waiting.length;
  }

  remove(callId: string): T | null {
    const i = this.waiting.findIndex((w) => w.callId === callId);
    return i < 0 ? null : this.waiting.splice(i, 1)[0]!;
  }

  /** 1 = next to be answered; null when not waiting. */
  position(callId: string): number | null {
    const i = this.waiting.findIndex((w) => w.callId === callId);
    return i < 0 ? null : i + 1;
  }

  get(callId: string): T | null {
    return this.waiting.find((w) => w.callId === callId) ?? null;
  }

  entries(): readonly T[] {
    return this.waiting;
  }

  get size(): number {
    return this.waiting.length;
  }
}

export interface WaitEstimateInput {
  position: number;
  /** Mediators on duty and free to answer now. */
  idleMediators: number;
  /** Mediators on duty, idle or in a call. */
  onDutyMediators: number;
  /** Mean length of recent answered calls. */
  meanCallS: number;
}

/** Time an idle, on-duty mediator typically takes to notice a call and accept it. */
export const PICKUP_S = 30;
/** Used until the hub has answered calls of its own to average. */
export const DEFAULT_MEAN_CALL_S = 300;

/**
 * Estimated seconds until the call at `position` is answered, or null when nobody is on duty
 * (any number would be a guess, and the kiosk says so instead). Callers beyond the idle
 * mediators wait for busy ones to finish: on average half a call for the first, then a whole
 * call per mediator for each further place.
 */
export function estimateWaitS(input: WaitEstimateInput): number | null {
  const { position, idleMediators, onDutyMediators, meanCallS } = input;
  if (onDutyMediators <= 0) return null;
  if (position <= idleMediators) return PICKUP_S;
  const ahead = position - idleMediators; // places that must wait for a call to end
  const waitForBusy = meanCallS * (0.5 + (ahead - 1) / onDutyMediators);
  return Math.round(PICKUP_S + waitForBusy);
}
