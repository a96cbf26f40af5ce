import type { types } from 'mediasoup-client';

// Our camera off or on in a room on the SFU: our video producer paused or resumed, here and on
// the hub, rather than left open with no track. The others' consumers are told "producer paused"
// (`sfu.camera`) and show a calm "camera off", where silence from an open producer would look to
// them like a stall; on again resumes the same producer, with no new negotiation.
// The producer's local state is what we want; the hub's may lag behind when a request fails (a
// signalling blip): the request is owed and sent again by `sync`, so the others come to see what
// our self-view shows without the resident toggling again.

export class SfuCamera {
  private owed = false;
  /** The producer a request loop runs for: one at a time, and a new producer (a rejoin) starts its own. */
  private sending: types.Producer | null = null;

  /** `request` tells the hub one producer's pause or resume; it rejects when unanswered. */
  constructor(private readonly request: (on: boolean, producerId: string) => Promise<unknown>) {}

  /** Turns the camera behind `producer` on or off, here at once and then at the hub. */
  async set(producer: types.Producer, on: boolean): Promise<void> {
    if (on === producer.paused) {
      if (on) producer.resume();
      else producer.pause();
      this.owed = true;
    }
    await this.sync(producer);
  }

  /** Sends the hub `producer`'s state if a request for it is owed; rejects when that fails (still owed). */
  async sync(producer: types.Producer | undefined): Promise<void> {
    if (!producer || !this.owed || this.sending === producer) return;
    this.sending = producer;
    const current = () => this.sending === producer;
    try {
      // Until the hub has the state wanted now: it may change while a request is under way.
      while (this.owed && !producer.closed && current()) {
        this.owed = false;
        try {
          await this.request(!producer.paused, producer.id);
        } catch (e) {
          if (current()) this.owed = true;
          throw e;
        }
      }
    } finally {
      if (current()) this.sending = null;
    }
  }

  /**
   * A new send transport: a new producer, nothing owed for the old one, and a request still under
   * way for the old one (a rejoin while it hung) no longer holds up the new one's.
   */
  reset(): void {
    this.owed = false;
    this.sending = null;
  }
}
