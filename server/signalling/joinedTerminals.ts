import type { GuestPass } from './guestPass.js';
import type { FrameSocket } from './signallingSocket.js';

// Kiosks that joined another call by its code (server/rooms/terminalJoin.ts). In that room such
// a terminal is a guest like a join-page browser: the desk runs it through its guest handling,
// over the kiosk's own signalling socket. The adapter speaks the kiosk's frames: the guest
// `hello` is left out (the kiosk's own hello carries the call), `call.ended` becomes the kiosk's
// `call.state ended`, and "closing" the guest leaves the kiosk's socket open for its next call.

export class JoinedTerminals {
  private readonly passes = new Map<string, GuestPass>();
  private readonly adapters = new WeakMap<FrameSocket, FrameSocket>();

  pass(terminalId: string): GuestPass | null {
    return this.passes.get(terminalId) ?? null;
  }

  add(terminalId: string, pass: GuestPass): void {
    this.passes.set(terminalId, pass);
  }

  /** The terminal has left `callId` (or the call is over). */
  leave(terminalId: string, callId: string): void {
    if (this.passes.get(terminalId)?.callId === callId) this.passes.delete(terminalId);
  }

  /** The guest side of a kiosk's socket: the same object for the same socket (the desk compares them). */
  guestSocket(terminalId: string, kiosk: FrameSocket): FrameSocket {
    let adapter = this.adapters.get(kiosk);
    if (!adapter) {
      adapter = {
        send: (frame) => {
          const f = frame as { t?: string; callId?: string };
          if (f.t === 'hello') return;
          if (f.t === 'call.ended' && f.callId) {
            this.leave(terminalId, f.callId);
            return kiosk.send({ t: 'call.state', state: { callId: f.callId, state: 'ended', reason: 'mediator_hangup' } });
          }
          kiosk.send(frame);
        },
        close: () => undefined,
        get open() {
          return kiosk.open;
        },
      };
      this.adapters.set(kiosk, adapter);
    }
    return adapter;
  }
}
