import type { CallName, EventName, KioskTransport } from '../../shared/contract.js';
import { ServerFrame, type ClientFrame } from '../../shared/bridgeProtocol.js';
import { parseJsonFrame } from '../../shared/jsonFrame.js';
import { ReconnectingSocket } from '../../shared/reconnectingSocket.js';
import { RequestReply, type RequestFailure } from '../../shared/requestReply.js';
import type { KioskError, Result } from '../../shared/result.js';

// The browser host's half of the bridge: carries contract calls as ClientFrames over one
// WebSocket and matches ServerFrames back to them. It reconnects by itself (the host may
// restart) and never leaves a call hanging: every call resolves, at worst with UNAVAILABLE.
// Reconnecting and matching by id are shared/reconnectingSocket.ts and shared/requestReply.ts;
// this adapts them to the DOM WebSocket, the bridge's frames and the contract's Results.

/** The part of the DOM WebSocket this transport uses; tests pass a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export interface WsTransportOptions {
  /** Read at every attempt: the credential in it may change while the page is open. */
  url: string | (() => string);
  /** The host handed this page a resume ticket (shared/bridgeProtocol.ts). */
  onResume?: (ticket: string) => void;
  /** Defaults to the browser's WebSocket. */
  createSocket?: (url: string) => WebSocketLike;
  /** How long a call made while disconnected waits for the connection. */
  connectWaitMs?: number;
  /** How long a sent call waits for its result before it gives up. */
  callTimeoutMs?: number;
  /** Reconnect backoff: first delay, ceiling, and a 0..1 jitter fraction. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  reconnectJitter?: number;
  random?: () => number;
}

export interface WsTransport extends KioskTransport {
  readonly connected: boolean;
  /** Called with true on every (re)connect and false on every drop. Returns an unsubscribe. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  /** Stops reconnecting and resolves everything outstanding as UNAVAILABLE. */
  close(): void;
}

const OPEN = 1;

const unavailable = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'UNAVAILABLE', message },
});

/** A call's input that JSON cannot carry (a cycle, a BigInt): the caller's bug, not the line's. */
class Unserialisable extends Error {}

export function createWsTransport(options: WsTransportOptions): WsTransport {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);

  let connected = false;
  const eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();

  function setConnected(value: boolean) {
    if (connected === value) return;
    connected = value;
    for (const listener of [...connectionListeners]) {
      try {
        listener(value);
      } catch {
        // a listener's bug must not break the transport
      }
    }
  }

  const socket = new ReconnectingSocket({
    connect: (events) => {
      const ws = createSocket(typeof options.url === 'string' ? options.url : options.url());
      ws.onopen = () => events.opened();
      ws.onmessage = (event) => {
        if (typeof event.data === 'string') events.message(event.data);
      };
      ws.onerror = () => {
        // Browsers follow an error with close; the close handler does the work.
      };
      ws.onclose = (event) => events.closed((event as { code?: number } | null)?.code ?? 1006);
      return {
        get isOpen() {
          return ws.readyState === OPEN;
        },
        send: (data) => ws.send(data),
        close: (code) => ws.close(code),
      };
    },
    backoff: {
      baseMs: options.reconnectInitialMs ?? 250,
      capMs: options.reconnectMaxMs ?? 5_000,
      jitter: options.reconnectJitter ?? 0.2,
    },
    ...(options.random ? { random: options.random } : {}),
    onOpen: () => {
      setConnected(true);
      calls.flush();
    },
    onMessage: handleMessage,
    onClose: () => {
      calls.dropSent('The connection to the kiosk agent was lost');
      setConnected(false);
    },
  });

  /** Calls: held while disconnected (up to connectWaitMs), then matched to their result frames. */
  const calls = new RequestReply<{ name: CallName; input: unknown }, unknown>({
    send: (id, { name, input }) => {
      if (!socket.isOpen) return false;
      const frame: ClientFrame = input === undefined ? { t: 'call', id, name } : { t: 'call', id, name, input };
      let data: string;
      try {
        data = JSON.stringify(frame);
      } catch (error) {
        throw new Unserialisable('Input cannot be serialised', { cause: error });
      }
      return socket.send(data);
    },
    timeoutMs: options.callTimeoutMs ?? 15_000,
    holdMs: options.connectWaitMs ?? 5_000,
  });

  function handleMessage(data: string) {
    const frame = parseJsonFrame(ServerFrame, data);
    if (!frame) return;
    if (frame.t === 'result') {
      calls.reply(frame.id, frame.result); // false: a late answer to a call that already gave up
      return;
    }
    if (frame.t === 'resume') {
      options.onResume?.(frame.ticket);
      return;
    }
    const listeners = eventListeners.get(frame.name);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(frame.payload);
      } catch {
        // one listener's bug must not starve the others
      }
    }
  }

  socket.start();

  return {
    get connected() {
      return connected;
    },
    invoke(name: CallName, input: unknown): Promise<unknown> {
      return calls.request({ name, input }).then(
        (result) => (isResult(result) ? result : malformed()),
        (failure: RequestFailure) => failed(failure),
      );
    },
    subscribe(name: EventName, listener: (payload: unknown) => void): () => void {
      let set = eventListeners.get(name);
      if (!set) {
        set = new Set();
        eventListeners.set(name, set);
      }
      set.add(listener);
      return () => {
        eventListeners.get(name)?.delete(listener);
      };
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      calls.close('The kiosk bridge is closed');
      socket.close();
      setConnected(false);
    },
  };
}

function failed(failure: RequestFailure): Result<never> {
  if (failure.cause instanceof Unserialisable) return { ok: false, error: { code: 'INVALID_INPUT', message: failure.cause.message } };
  switch (failure.reason) {
    case 'unsent':
      return unavailable('The kiosk agent is not reachable');
    case 'unanswered':
      return unavailable('The kiosk agent did not answer in time');
    default:
      return unavailable(failure.message);
  }
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { ok?: unknown; error?: unknown };
  if (v.ok === true) return true;
  if (v.ok === false) {
    const e = v.error as Partial<KioskError> | undefined;
    return typeof e === 'object' && e !== null && typeof e.code === 'string';
  }
  return false;
}

function malformed(): Result<never> {
  return { ok: false, error: { code: 'INTERNAL', message: 'Malformed result from the kiosk agent' } };
}
