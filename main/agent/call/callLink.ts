import WebSocket from 'ws';
import type { CallRequest, CallRoom, CallSignal, CallSnapshot, CallState } from '../../../shared/call.js';
import { KioskFailure } from '../../../shared/result.js';
import { HubToKioskFrame, MAX_SIGNALLING_FRAME_BYTES, signallingPaths, type KioskFrame } from '../../../shared/signalling.js';
import { backoffDelayMs, type BackoffPolicy } from '../../../shared/backoff.js';
import type { Log } from '../log.js';

// The kiosk's side of the video link's signalling: one WebSocket to the hub, opened with the
// terminal credential (which never leaves the agent), kept open and reconnected with backoff.
// The renderer runs WebRTC and speaks to this through the contract; this relays its offers,
// answers and candidates, and tells it about the queue, the room and the call's end.
// While the hub is unreachable mid-call, the call stays up (media flows peer to peer): outgoing
// messages wait here and the hub holds incoming ones until the socket is back.

export interface CallLinkEvents {
  state(state: CallState): void;
  room(room: CallRoom): void;
  signal(signal: CallSignal): void;
}

export interface CallLinkOptions {
  hubUrl: string;
  credential: () => string | null;
  log: Log;
  events: CallLinkEvents;
  backoff?: BackoffPolicy;
  pingMs?: number;
  /** How long `request` waits for the hub (including for the socket to come up). */
  requestTimeoutMs?: number;
}

const MAX_WAITING_FRAMES = 200;

export class CallLink {
  private ws: WebSocket | null = null;
  private connected = false;
  private stopped = true;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private call: CallSnapshot | null = null;
  private waiting: KioskFrame[] = [];
  private nextRef = 1;
  private readonly pending = new Map<number, { resolve: (s: CallState) => void; reject: (e: Error) => void }>();
  private readonly connectWaiters = new Set<() => void>();
  private readonly backoff: BackoffPolicy;

  constructor(private readonly o: CallLinkOptions) {
    this.backoff = o.backoff ?? { baseMs: 250, capMs: 5_000, minMs: 100 };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.ws?.terminate();
    this.ws = null;
    for (const p of this.pending.values()) p.reject(new KioskFailure('UNAVAILABLE', 'The kiosk is shutting down'));
    this.pending.clear();
  }

  current(): CallSnapshot | null {
    return this.call;
  }

  /** Queues a call with the hub (or returns the call already open): its first state, with the queue position. */
  async request(input: CallRequest): Promise<CallState> {
    if (this.call) return this.call.state;
    const timeoutMs = this.o.requestTimeoutMs ?? 8_000;
    const deadline = Date.now() + timeoutMs;
    if (!this.connected) await this.whenConnected(timeoutMs);
    if (!this.connected) throw new KioskFailure('UNAVAILABLE', 'The court hub cannot be reached');
    const ref = this.nextRef++;
    const state = await new Promise<CallState>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(new KioskFailure('UNAVAILABLE', 'The court hub did not answer in time'));
      }, Math.max(1, deadline - Date.now()));
      this.pending.set(ref, {
        resolve: (s) => (clearTimeout(timer), resolve(s)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      this.send({ t: 'call.request', ref, language: input.language, ...(input.submissionId ? { submissionId: input.submissionId } : {}) });
    });
    return state;
  }

  cancel(callId: string): void {
    this.leave(callId, 'call.cancel');
  }

  hangup(callId: string): void {
    this.leave(callId, 'call.hangup');
  }

  signal(signal: CallSignal): void {
    this.requireCall(signal.callId);
    this.send({ t: 'signal', ...signal });
  }

  rejoin(callId: string): void {
    this.requireCall(callId);
    this.send({ t: 'call.rejoin', callId });
  }

  private leave(callId: string, t: 'call.cancel' | 'call.hangup'): void {
    if (this.call?.state.callId !== callId) return; // already over: leaving twice is not an error
    this.send({ t, callId });
    // The resident is leaving now, whatever the network says; the hub hears it when it can.
    this.finish({ callId, state: 'ended', reason: t === 'call.cancel' ? 'cancelled' : 'resident_hangup' });
  }

  private requireCall(callId: string): void {
    if (this.call?.state.callId !== callId) throw new KioskFailure('NOT_FOUND', 'No such call');
  }

  // ---------- socket ----------

  private connect(): void {
    if (this.stopped) return;
    const credential = this.o.credential();
    if (!credential) {
      this.connectWaiters.forEach((w) => w()); // nobody to call yet: say so now rather than later
      return this.retry(); // not enrolled yet: sync enrolls, we try again shortly
    }
    const url = new URL(signallingPaths.kiosk, this.o.hubUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${credential}` }, maxPayload: MAX_SIGNALLING_FRAME_BYTES, handshakeTimeout: 5_000 });
    this.ws = ws;
    ws.on('open', () => {
      if (this.ws !== ws) return;
      this.attempt = 0;
      this.connected = true;
      this.startPing(ws);
      this.o.log.info('signalling.connected');
      // Outgoing frames are flushed after the hub's hello, once we know the call still exists.
    });
    ws.on('message', (data, isBinary) => {
      if (this.ws !== ws || isBinary) return;
      let json: unknown;
      try {
        json = JSON.parse(String(data));
      } catch {
        return;
      }
      const frame = HubToKioskFrame.safeParse(json);
      if (frame.success) this.onFrame(frame.data);
    });
    ws.on('unexpected-response', (_req, res) => {
      this.o.log.warn('signalling.refused', { status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('error', () => undefined); // 'close' follows and does the work
    ws.on('close', () => {
      if (this.ws !== ws) return;
      this.ws = null;
      const wasConnected = this.connected;
      this.connected = false;
      if (this.pingTimer) clearInterval(this.pingTimer);
      if (wasConnected) this.o.log.info('signalling.lost');
      else this.connectWaiters.forEach((w) => w()); // this attempt failed: a waiting request fails now
      if (wasConnected && this.call) this.setState({ ...this.call.state, state: 'reconnecting' });
      // A request whose answer can no longer come fails now; if the hub did queue it, the hello
      // on reconnect shows a call this agent does not know, and the agent hangs it up.
      for (const p of this.pending.values()) p.reject(new KioskFailure('UNAVAILABLE', 'The court hub cannot be reached'));
      this.pending.clear();
      this.retry();
    });
  }

  private retry(): void {
    if (this.stopped || this.retryTimer) return;
    const delay = backoffDelayMs(this.attempt++, this.backoff);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
    this.retryTimer.unref();
  }

  /** Our own liveness check: a silently dead path (no FIN) is noticed within two intervals. */
  private startPing(ws: WebSocket): void {
    let alive = true;
    ws.on('pong', () => (alive = true));
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, this.o.pingMs ?? 5_000);
    this.pingTimer.unref();
  }

  private whenConnected(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.connectWaiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.connectWaiters.add(done);
      if (this.retryTimer && this.attempt > 0) {
        // Someone is waiting: try now rather than at the end of a long backoff.
        clearTimeout(this.retryTimer);
        this.retryTimer = null;
        this.connect();
      }
    });
  }

  private send(frame: KioskFrame): void {
    if (this.connected && this.ws?.readyState === WebSocket.OPEN) {
      this.ws.send(JSON.stringify(frame));
      return;
    }
    this.waiting.push(frame);
    if (this.waiting.length > MAX_WAITING_FRAMES) this.waiting.splice(0, this.waiting.length - MAX_WAITING_FRAMES);
  }

  // ---------- hub frames ----------

  private onFrame(frame: HubToKioskFrame): void {
    switch (frame.t) {
      case 'hello': {
        this.connectWaiters.forEach((w) => w());
        const mine = this.call?.state.callId;
        const theirs = frame.call?.state.callId;
        const waiting = this.waiting.splice(0);
        if (mine && mine !== theirs) {
          // The hub let the call go while we were away (grace period over, or it restarted).
          this.finish({ callId: mine, state: 'ended', reason: 'resident_lost' });
        }
        if (theirs && !this.call) {
          // The hub remembers a call this agent does not (the agent restarted): nobody is there for it.
          this.send({ t: 'call.hangup', callId: theirs });
        }
        for (const f of waiting) {
          const callId = f.t === 'call.request' ? null : f.callId;
          if (callId === null || callId === theirs || f.t === 'call.hangup' || f.t === 'call.cancel') this.send(f);
        }
        if (frame.call && this.call?.state.callId === theirs) this.adopt(frame.call.state);
        return;
      }
      case 'call.state': {
        if (frame.ref !== undefined) {
          const p = this.pending.get(frame.ref);
          this.pending.delete(frame.ref);
          if (p && !this.call && frame.state.state !== 'ended') this.call = { state: frame.state, room: null };
          p?.resolve(frame.state);
          return;
        }
        if (this.call?.state.callId !== frame.state.callId) return;
        if (frame.state.state === 'ended') this.finish(frame.state);
        else this.adopt(frame.state);
        return;
      }
      case 'room': {
        if (this.call?.state.callId !== frame.room.callId) return;
        this.call.room = frame.room;
        this.o.events.room(frame.room);
        const mediator = frame.room.peers.find((p) => p.role === 'mediator');
        if (mediator) this.setState({ callId: frame.room.callId, state: 'connected', ...(mediator.displayName ? { mediatorName: mediator.displayName } : {}) });
        return;
      }
      case 'signal':
        if (this.call?.state.callId === frame.signal.callId) this.o.events.signal(frame.signal);
        return;
      case 'error': {
        const p = frame.ref !== undefined ? this.pending.get(frame.ref) : undefined;
        if (p && frame.ref !== undefined) {
          this.pending.delete(frame.ref);
          p.reject(new KioskFailure(frame.code === 'CONFLICT' ? 'CONFLICT' : 'UNAVAILABLE', frame.message));
        }
        return;
      }
    }
  }

  /** The hub says "ringing" for any answered call; once we are in the room with the mediator, we are connected. */
  private adopt(state: CallState): void {
    const inRoom = state.state === 'ringing' && this.call?.room?.peers.some((p) => p.role === 'mediator');
    this.setState(inRoom ? { ...state, state: 'connected' } : state);
  }

  private setState(state: CallState): void {
    if (!this.call || this.call.state.callId !== state.callId) return;
    const before = JSON.stringify(this.call.state);
    this.call.state = state;
    if (JSON.stringify(state) !== before) this.o.events.state(state);
  }

  private finish(state: CallState): void {
    if (this.call?.state.callId !== state.callId) return;
    this.call = null;
    this.o.events.state(state);
  }
}
