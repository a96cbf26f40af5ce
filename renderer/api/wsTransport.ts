import type { CallName, EventName, KioskTransport } from '../../shared/contract.js';
import { backoffDelayMs, type BackoffPolicy } from '../../shared/backoff.js';
import { ServerFrame, type ClientFrame } from '../../shared/bridgeProtocol.js';
import type { KioskError, Result } from '../../shared/result.js';

// The browser host's half of the bridge: carries contract calls as ClientFrames over one
// WebSocket and matches ServerFrames back to them. It reconnects by itself (the host may
// restart) and never leaves a call hanging: every call resolves, at worst with UNAVAILABLE.

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
  url: string;
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

interface Waiting {
  frame: ClientFrame;
  resolve: (result: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

interface Pending {
  resolve: (result: unknown) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWsTransport(options: WsTransportOptions): WsTransport {
  const createSocket =
    options.createSocket ?? ((url: string) => new WebSocket(url) as unknown as WebSocketLike);
  const connectWaitMs = options.connectWaitMs ?? 5_000;
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const reconnect: BackoffPolicy = {
    baseMs: options.reconnectInitialMs ?? 250,
    capMs: options.reconnectMaxMs ?? 5_000,
    jitter: options.reconnectJitter ?? 0.2,
  };
  const random = options.random ?? Math.random;

  let socket: WebSocketLike | null = null;
  let connected = false;
  let closed = false;
  let nextId = 1;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;

  /** Calls made while disconnected, in order, waiting for the socket to open. */
  const waiting: Waiting[] = [];
  /** Calls sent on the current socket, waiting for their result frame. */
  const pending = new Map<number, Pending>();
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

  function connect() {
    if (closed) return;
    let ws: WebSocketLike;
    try {
      ws = createSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      setConnected(true);
      flushWaiting();
    };
    ws.onmessage = (event) => {
      if (socket !== ws) return;
      handleMessage(event.data);
    };
    ws.onerror = () => {
      // Browsers follow an error with close; the close handler does the work.
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      dropPending('The connection to the kiosk agent was lost');
      setConnected(false);
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    if (closed || reconnectTimer !== null) return;
    const delay = backoffDelayMs(attempt, reconnect, random);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function dropPending(message: string) {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      pending.delete(id);
      p.resolve(unavailable(message));
    }
  }

  function flushWaiting() {
    while (waiting.length > 0 && socket && socket.readyState === OPEN) {
      const w = waiting.shift()!;
      clearTimeout(w.timer);
      send(w.frame, w.resolve);
    }
  }

  function send(frame: ClientFrame, resolve: (result: unknown) => void) {
    const ws = socket;
    if (!ws || ws.readyState !== OPEN) {
      resolve(unavailable('The kiosk agent is not reachable'));
      return;
    }
    let data: string;
    try {
      data = JSON.stringify(frame);
    } catch {
      resolve({ ok: false, error: { code: 'INVALID_INPUT', message: 'Input cannot be serialised' } });
      return;
    }
    const timer = setTimeout(() => {
      if (pending.delete(frame.id)) resolve(unavailable('The kiosk agent did not answer in time'));
    }, callTimeoutMs);
    pending.set(frame.id, { resolve, timer });
    try {
      ws.send(data);
    } catch {
      clearTimeout(timer);
      pending.delete(frame.id);
      resolve(unavailable('The kiosk agent is not reachable'));
    }
  }

  function handleMessage(data: unknown) {
    if (typeof data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      return;
    }
    const parsed = ServerFrame.safeParse(raw);
    if (!parsed.success) return;
    const frame = parsed.data;
    if (frame.t === 'result') {
      const p = pending.get(frame.id);
      if (!p) return; // late answer to a call that already gave up
      pending.delete(frame.id);
      clearTimeout(p.timer);
      p.resolve(isResult(frame.result) ? frame.result : malformed());
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

  connect();

  return {
    get connected() {
      return connected;
    },
    invoke(name: CallName, input: unknown): Promise<unknown> {
      return new Promise((resolve) => {
        if (closed) {
          resolve(unavailable('The kiosk bridge is closed'));
          return;
        }
        const frame: ClientFrame =
          input === undefined ? { t: 'call', id: nextId++, name } : { t: 'call', id: nextId++, name, input };
        if (socket && socket.readyState === OPEN) {
          send(frame, resolve);
          return;
        }
        const entry: Waiting = {
          frame,
          resolve,
          timer: setTimeout(() => {
            const i = waiting.indexOf(entry);
            if (i >= 0) waiting.splice(i, 1);
            resolve(unavailable('The kiosk agent is not reachable'));
          }, connectWaitMs),
        };
        waiting.push(entry);
      });
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
      if (closed) return;
      closed = true;
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      for (const w of waiting.splice(0)) {
        clearTimeout(w.timer);
        w.resolve(unavailable('The kiosk bridge is closed'));
      }
      dropPending('The kiosk bridge is closed');
      const ws = socket;
      socket = null;
      setConnected(false);
      try {
        ws?.close();
      } catch {
        // already closing
      }
    },
  };
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
