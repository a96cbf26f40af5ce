import type WebSocket from 'ws';
import type { CallRequest, CallRoom, CallSignal, CallSnapshot, CallState } from '../../../shared/call.js';
import { isSfuPush, type SfuPushFrame, type SfuReplyFrame, type SfuRequest } from '../../../shared/sfu.js';
import type { PendingRecordPrompt, RecordAnswer, RecordToSign, RecordUnlockAnswer, RecordUnlockRequest } from '../../../shared/rooms/hearingRecord.js';
import type { TerminalJoinAnswer, TerminalJoinRequest } from '../../../shared/rooms/joining.js';
import type { MediaReport } from '../../../shared/rooms/mediaState.js';
import type { BackoffPolicy } from '../../../shared/backoff.js';
import { parseJsonFrame } from '../../../shared/jsonFrame.js';
import { ReconnectingSocket, type SocketConnection, type SocketEvents } from '../../../shared/reconnectingSocket.js';
import { RequestReply, type RequestFailure } from '../../../shared/requestReply.js';
import { KioskFailure } from '../../../shared/result.js';
import { HubToKioskFrame, type KioskFrame } from '../../../shared/signalling.js';
import { backgroundTimers } from '../backgroundTimers.js';
import type { Log } from '../log.js';
import { PendingRecords, RECORD_REFS_END } from './pendingRecord.js';
import { openKioskSocket, pingUntilDead } from './kioskSocket.js';

// The kiosk's side of the video link's signalling: one WebSocket to the hub, opened with the
// terminal credential (which never leaves the agent), kept open and reconnected with backoff.
// The renderer runs WebRTC and speaks to this through the contract; this relays its offers,
// answers and candidates, and tells it about the queue, the room and the call's end.
// While the hub is unreachable mid-call, the call stays up (media flows peer to peer): outgoing
// messages wait here and the hub holds incoming ones until the socket is back.
// Reconnecting and matching a call request to the hub's answer (by `ref`) are the shared
// ReconnectingSocket and RequestReply; this adapts them to Node's `ws` (kioskSocket.ts) and the signalling frames.

export interface CallLinkEvents {
  state(state: CallState): void;
  room(room: CallRoom): void;
  signal(signal: CallSignal): void;
  /** Something the hub's SFU pushes about our room (shared/sfu.ts). */
  sfu(frame: SfuPushFrame): void;
  /** The hearing closed: the record for the resident to sign (shared/rooms/hearingRecord.ts). */
  record(record: RecordToSign): void;
  /** A record to sign from a hearing whose call this kiosk is no longer in (see `pendingRecord`). */
  pendingRecord(record: PendingRecordPrompt): void;
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
  /** TLS options for the hub (main/agent/hubTransport.ts: the court's CA bundle). */
  tlsOptions?: { ca?: Buffer };
}

const MAX_WAITING_FRAMES = 200;

type CallRequestReply = Extract<HubToKioskFrame, { t: 'call.state' | 'error' }>;
type SfuAnswer = Extract<HubToKioskFrame, { t: 'sfu.reply' | 'error' }>;
/** SFU steps' refs start here (above the records'), so their answers never meet a call request's (which count from 1). */
const SFU_REF_BASE = RECORD_REFS_END;

export class CallLink {
  private socket: ReconnectingSocket | null = null;
  /** The current connection's socket (for our pings). */
  private ws: WebSocket | null = null;
  private connected = false;
  private pingTimer: NodeJS.Timeout | null = null;
  private call: CallSnapshot | null = null;
  private waiting: KioskFrame[] = [];
  /** `call.request` and `call.join` frames by `ref`, answered by the first `call.state` or an `error` with that ref. */
  private readonly requests: RequestReply<CallRequest | TerminalJoinRequest, CallRequestReply>;
  /** SFU steps by `ref - SFU_REF_BASE`, answered by `sfu.reply` or `error` with that ref. */
  private readonly sfuSteps: RequestReply<SfuRequest, SfuAnswer>;
  /** The hearing record's signatures and pending records (their own refs, below the SFU's). */
  private readonly records: PendingRecords;
  private readonly connectWaiters = new Set<() => void>();
  private readonly backoff: BackoffPolicy;

  constructor(private readonly o: CallLinkOptions) {
    this.backoff = o.backoff ?? { baseMs: 250, capMs: 5_000, minMs: 100 };
    this.requests = new RequestReply({
      send: (ref, input) => {
        if ('code' in input) this.send({ t: 'call.join', ref, code: input.code, name: input.name, idLast4: input.idLast4, language: input.language });
        else
          this.send({
            t: 'call.request',
            ref,
            language: input.language,
            ...(input.submissionId ? { submissionId: input.submissionId } : {}),
            // The hub's ticket from check-my-case, relayed as it came: the hub decides what it is worth.
            ...(input.caseTicket ? { caseTicket: input.caseTicket } : {}),
          });
        return true;
      },
      timeoutMs: o.requestTimeoutMs ?? 8_000,
    });
    this.sfuSteps = new RequestReply({
      send: (id, step) => this.connected && Boolean(this.socket?.send(JSON.stringify({ ...step, ref: SFU_REF_BASE + id }))),
      timeoutMs: o.requestTimeoutMs ?? 8_000,
    });
    this.records = new PendingRecords({
      sendNow: (frame) => this.connected && Boolean(this.socket?.send(JSON.stringify(frame))),
      requireCall: (callId) => this.requireCall(callId),
      pendingRecord: (record) => o.events.pendingRecord(record),
      timeoutMs: o.requestTimeoutMs ?? 8_000,
    });
  }

  start(): void {
    if (this.socket) return;
    this.socket = new ReconnectingSocket({
      connect: (events) => this.open(events),
      backoff: this.backoff,
      timers: backgroundTimers,
      onOpen: () => this.opened(),
      onMessage: (data) => this.received(data),
      onClose: ({ opened }) => this.closed(opened),
    });
    this.socket.start();
  }

  stop(): void {
    this.socket?.close();
    this.socket = null;
    this.ws = null;
    this.connected = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.requests.dropSent('The kiosk is shutting down');
    this.sfuSteps.dropSent('The kiosk is shutting down');
    this.records.dropSent('The kiosk is shutting down');
  }

  current(): CallSnapshot | null {
    return this.call;
  }

  /** Queues a call with the hub (or returns the call already open): its first state, with the queue position. */
  async request(input: CallRequest): Promise<CallState> {
    if (this.call) return this.call.state;
    const reply = await this.ask(input);
    if (reply.t === 'error') throw new KioskFailure(reply.code === 'CONFLICT' ? 'CONFLICT' : 'UNAVAILABLE', reply.message);
    return reply.state;
  }

  /** Joins another call's waiting room by its invitation's code and the party's name + ID ending; a wrong code or identity, or too many tries, is an answer, not a failure. */
  async join(input: TerminalJoinRequest): Promise<TerminalJoinAnswer> {
    if (this.call) throw new KioskFailure('CONFLICT', 'This terminal is already in a call');
    const reply = await this.ask(input);
    if (reply.t === 'call.state') return { joined: true, state: reply.state };
    if (reply.code === 'NOT_FOUND') return { joined: false, reason: 'badCode' };
    if (reply.code === 'FORBIDDEN') return { joined: false, reason: 'badIdentity' };
    if (reply.code === 'RATE_LIMITED') return reply.retryAfterS ? { joined: false, reason: 'tooMany', retryAfterS: reply.retryAfterS } : { joined: false, reason: 'tooMany' };
    throw new KioskFailure(reply.code === 'CONFLICT' ? 'CONFLICT' : 'UNAVAILABLE', reply.message);
  }

  private async ask(input: CallRequest | TerminalJoinRequest): Promise<CallRequestReply> {
    const timeoutMs = this.o.requestTimeoutMs ?? 8_000;
    const deadline = Date.now() + timeoutMs;
    if (!this.connected) await this.whenConnected(timeoutMs);
    if (!this.connected) throw new KioskFailure('UNAVAILABLE', 'The court hub cannot be reached');
    try {
      return await this.requests.request(input, { timeoutMs: Math.max(1, deadline - Date.now()) });
    } catch (error) {
      const failure = error as RequestFailure;
      throw new KioskFailure('UNAVAILABLE', failure.reason === 'unanswered' ? 'The court hub did not answer in time' : failure.message);
    }
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

  /** One SFU step of the renderer's mediasoup-client, answered by the hub (never held: media steps are only useful now). */
  async sfu(step: SfuRequest): Promise<SfuReplyFrame> {
    this.requireCall(step.callId);
    let answer: SfuAnswer;
    try {
      answer = await this.sfuSteps.request(step);
    } catch (error) {
      throw new KioskFailure('UNAVAILABLE', (error as RequestFailure).message);
    }
    if (answer.t === 'error') throw new KioskFailure(answer.code === 'NOT_FOUND' ? 'NOT_FOUND' : answer.code === 'CONFLICT' ? 'CONFLICT' : 'UNAVAILABLE', answer.message);
    return answer;
  }

  rejoin(callId: string): void {
    this.requireCall(callId);
    this.send({ t: 'call.rejoin', callId });
  }

  /** How the others' media reaches this kiosk: sent now or dropped (the next report supersedes it). */
  mediaReport(callId: string, peers: MediaReport): void {
    this.requireCall(callId);
    if (this.connected) this.socket?.send(JSON.stringify({ t: 'room.media', callId, peers } satisfies KioskFrame));
  }

  /**
   * The resident turned the camera off or on: sent now or dropped (the room the hub sends on
   * re-attach says what it has, and the renderer tells it again if that differs).
   */
  camera(callId: string, off: boolean): void {
    this.requireCall(callId);
    if (this.connected) this.socket?.send(JSON.stringify({ t: 'room.camera', callId, off } satisfies KioskFrame));
  }

  /** The resident's answer to the recording prompt; the next room frame shows what the hub made of it. */
  recordingAnswer(callId: string, step: 'consent' | 'refuse'): void {
    this.requireCall(callId);
    // ref 0 is never a call request's (they count from 1): a refusal's error frame matches nothing.
    this.send({ t: 'room.recording', ref: 0, callId, step });
  }

  /** The resident signs the hearing's record (or refuses it); see PendingRecords.answer. */
  recordAnswer(answer: RecordAnswer): Promise<void> {
    return this.records.answer(answer);
  }

  /** The party's name + ID ending for a pending record: its text, or why not (PendingRecords.unlock). */
  unlockRecord(ask: RecordUnlockRequest): Promise<RecordUnlockAnswer> {
    return this.records.unlock(ask);
  }

  /** The oldest record still to sign from an ended call (what the prompt needs, no text), or null. */
  pendingRecord(): PendingRecordPrompt | null {
    return this.records.oldest();
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

  /** Opens one connection with the terminal credential; null while there is none yet (Sync enrolls). */
  private open(events: SocketEvents): SocketConnection | null {
    const credential = this.o.credential();
    if (!credential) return null;
    const { ws, connection } = openKioskSocket(this.o, credential, events);
    this.ws = ws;
    return connection;
  }

  private opened(): void {
    this.connected = true;
    if (this.ws) this.startPing(this.ws);
    this.o.log.info('signalling.connected');
    // Outgoing frames are flushed after the hub's hello, once we know the call still exists.
  }

  private received(data: string): void {
    const frame = parseJsonFrame(HubToKioskFrame, data);
    if (frame) this.onFrame(frame);
  }

  /** A connection ended, or an attempt failed (then a waiting request fails now rather than later). */
  private closed(wasConnected: boolean): void {
    this.ws = null;
    this.connected = false;
    if (this.pingTimer) clearInterval(this.pingTimer);
    if (wasConnected) this.o.log.info('signalling.lost');
    else this.connectWaiters.forEach((w) => w());
    if (wasConnected && this.call) this.setState({ ...this.call.state, state: 'reconnecting' });
    // A request whose answer can no longer come fails now; if the hub did queue it, the hello
    // on reconnect shows a call this agent does not know, and the agent hangs it up.
    this.requests.dropSent('The court hub cannot be reached');
    this.sfuSteps.dropSent('The court hub cannot be reached');
    this.records.dropSent('The court hub cannot be reached');
  }

  private startPing(ws: WebSocket): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = pingUntilDead(ws, this.o.pingMs ?? 5_000);
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
      this.socket?.reconnectNow(); // someone is waiting: try now rather than at the end of a long backoff
    });
  }

  private send(frame: KioskFrame): void {
    if (this.connected && this.socket?.send(JSON.stringify(frame))) return;
    this.waiting.push(frame);
    if (this.waiting.length > MAX_WAITING_FRAMES) this.waiting.splice(0, this.waiting.length - MAX_WAITING_FRAMES);
  }

  // ---------- hub frames ----------

  private onFrame(frame: HubToKioskFrame): void {
    if (this.records.take(frame)) return;
    if (isSfuPush(frame)) {
      if (this.call?.state.callId === frame.callId) this.o.events.sfu(frame);
      return;
    }
    switch (frame.t) {
      case 'hello': {
        this.connectWaiters.forEach((w) => w());
        this.records.helloed();
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
          const callId = f.t === 'call.request' || f.t === 'call.join' ? null : f.callId;
          if (callId === null || callId === theirs || f.t === 'call.hangup' || f.t === 'call.cancel') this.send(f);
        }
        if (frame.call && this.call?.state.callId === theirs) this.adopt(frame.call.state);
        this.records.flush();
        return;
      }
      case 'call.state': {
        if (frame.ref !== undefined) {
          // Adopted here, before the next frame (a 'room' may follow in the same read) is handled.
          if (this.requests.reply(frame.ref, frame) && !this.call && frame.state.state !== 'ended') this.call = { state: frame.state, room: null };
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
      case 'error':
        if (frame.ref !== undefined && frame.ref >= SFU_REF_BASE) this.sfuSteps.reply(frame.ref - SFU_REF_BASE, frame);
        else if (frame.ref !== undefined) this.requests.reply(frame.ref, frame);
        return;
      case 'room.done': // the records' (taken above)
      case 'room.record.pending':
        return;
      case 'room.record':
        // Sent to a party only when the hearing closes: the version to sign (a version 0 is nothing kept).
        if (this.call?.state.callId === frame.callId && frame.version > 0) this.o.events.record({ callId: frame.callId, version: frame.version, text: frame.text });
        return;
      case 'sfu.reply':
        this.sfuSteps.reply(frame.ref - SFU_REF_BASE, frame);
        return;
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
