import type { BackoffPolicy } from '../../shared/backoff.js';
import { parseJsonFrame } from '../../shared/jsonFrame.js';
import { ReconnectingSocket } from '../../shared/reconnectingSocket.js';
import { RequestReply } from '../../shared/requestReply.js';
import { closeCodes, HubToMediatorFrame, type MediatorFrame } from '../../shared/signalling.js';
import type { SfuReplyFrame, SfuRequest } from '../../shared/sfu.js';

// The console's live line to the hub: the signalling WebSocket, authenticated by the session
// cookie the browser sends with it. Reconnects by itself with backoff; the hub keeps the
// mediator's call for a grace period meanwhile, and media keeps flowing peer to peer.
// Reconnecting and matching requests to the hub's answers (by `ref`) are the shared
// ReconnectingSocket and RequestReply; this adapts them to the browser and the desk's frames.
// One account, one desk: the hub gives the session to the newest desk and closes the older one's
// socket with `replaced`; that desk stops here for good (reconnecting would take the session
// back, and the two would knock each other off for ever).

/** Frames the hub answers by `ref`; the engine numbers them. */
export type DeskRequest = DistributiveOmit<Extract<MediatorFrame, { t: 'call.accept' | 'call.end' | 'room.record.save' }> | SfuRequest, 'ref'>;
/** The hub's answer to a DeskRequest. */
export type DeskReply = Extract<HubToMediatorFrame, { t: 'call.recorded' | 'error' | 'sfu.reply' | 'room.record' }>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Frames without an answer: sent now, or once reconnected. */
export type DeskMessage = Exclude<MediatorFrame, { t: 'call.accept' | 'call.end' | 'room.record.save' }>;

export interface DeskSocket {
  /** Sends now, or once reconnected. False if dropped (too many waiting). */
  send(frame: DeskMessage): boolean;
  /**
   * Answering a call must not happen late: fails at once ('unsent') while offline. The hub
   * refuses with an error at once, or answers with the call itself (no `ref`), after which
   * this request simply lapses.
   */
  accept(callId: string): Promise<DeskReply>;
  /** Stores a call's outcome; waits for the line while offline. Answered by `call.recorded` or an error. */
  end(frame: Omit<Extract<DeskRequest, { t: 'call.end' }>, 't'>): Promise<DeskReply>;
  /** One SFU step (shared/sfu.ts); rejects when the hub refuses it or the line is down. */
  sfu(step: SfuRequest): Promise<SfuReplyFrame>;
  /** Saves the hearing's record: answered by the version saved (room.record) or an error (a stale base: CONFLICT, then the latest as a frame). */
  saveRecord(frame: Omit<Extract<DeskRequest, { t: 'room.record.save' }>, 't'>): Promise<DeskReply>;
  close(): void;
}

export interface DeskSocketHandlers {
  /** Every frame except the answers to this desk's own requests. */
  onFrame(frame: HubToMediatorFrame): void;
  onOpen(): void;
  /**
   * `signedOut` when the hub ended the session (or refused it): go back to the sign-in form;
   * `elsewhere` when the same account opened a desk elsewhere, which now has the session. Either
   * way the line stays closed; null while it is reconnecting.
   */
  onClose(ended: DeskClosed | null): void;
}

export type DeskClosed = 'signedOut' | 'elsewhere';

const RECONNECT: BackoffPolicy = { baseMs: 250, capMs: 5_000, jitter: 0.2 };
/** The hub answers a request at once; this bounds a reply lost with a dying connection. */
const REPLY_TIMEOUT_MS = 15_000;
const MAX_WAITING_FRAMES = 200;
const OPEN = 1;

export function openDeskSocket(handlers: DeskSocketHandlers, url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/signalling/mediator`): DeskSocket {
  const waiting: string[] = [];

  const socket = new ReconnectingSocket({
    connect: (events) => {
      const ws = new WebSocket(url);
      ws.onopen = () => events.opened();
      ws.onmessage = (event) => {
        if (typeof event.data === 'string') events.message(event.data);
      };
      ws.onclose = (event) => events.closed(event.code);
      return {
        get isOpen() {
          return ws.readyState === OPEN;
        },
        send: (data) => ws.send(data),
        close: (code) => ws.close(code),
      };
    },
    backoff: RECONNECT,
    onOpen: () => {
      handlers.onOpen();
      for (const data of waiting.splice(0)) socket.send(data);
      requests.flush();
    },
    onMessage: (data) => {
      const frame = parseJsonFrame(HubToMediatorFrame, data);
      if (!frame) return;
      const answered = (frame.t === 'call.recorded' || frame.t === 'error' || frame.t === 'sfu.reply' || frame.t === 'room.record') && frame.ref !== undefined;
      // A reply to none of our requests is late (dropped), except an error: it may refuse a room step (desk.act).
      if (!answered || (!requests.reply(frame.ref!, frame) && frame.t === 'error')) handlers.onFrame(frame);
    },
    onClose: ({ opened, code }) => {
      // The answers to requests sent on this connection went with it; the hub's hello on
      // reconnect says what became of them.
      requests.dropSent('The connection to the hub dropped');
      // A refused upgrade shows as 1006 before open: ask the hub whether we still have a session.
      const ended: DeskClosed | null = code === closeCodes.signedOut ? 'signedOut' : code === closeCodes.replaced ? 'elsewhere' : null;
      handlers.onClose(ended);
      if (ended) return 'stop';
      if (opened) return 'retry';
      return fetch('/api/v1/mediator/session', { credentials: 'same-origin' }).then(
        (res) => {
          if (res.status !== 401 && res.status !== 403) return 'retry';
          handlers.onClose('signedOut');
          return 'stop';
        },
        () => 'retry',
      );
    },
  });

  const requests = new RequestReply<DeskRequest, DeskReply>({
    send: (ref, request) => socket.send(JSON.stringify({ ...request, ref } satisfies MediatorFrame)),
    timeoutMs: REPLY_TIMEOUT_MS,
  });

  socket.start();

  return {
    send(frame) {
      const data = JSON.stringify(frame);
      if (socket.send(data)) return true;
      if (waiting.length >= MAX_WAITING_FRAMES) return false;
      waiting.push(data);
      return true;
    },
    accept: (callId) => requests.request({ t: 'call.accept', callId }),
    end: (frame) => requests.request({ t: 'call.end', ...frame }, { holdMs: Infinity }),
    async sfu({ ref: _ref, ...step }) {
      const reply = await requests.request(step);
      if (reply.t !== 'sfu.reply') throw new Error(reply.t === 'error' ? reply.message : 'Unexpected answer');
      return reply;
    },
    saveRecord: (frame) => requests.request({ t: 'room.record.save', ...frame }),
    close() {
      requests.close('The desk was closed');
      socket.close(1000);
    },
  };
}
