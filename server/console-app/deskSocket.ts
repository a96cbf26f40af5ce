import { backoffDelayMs, type BackoffPolicy } from '../../shared/backoff.js';
import { HubToMediatorFrame, type MediatorFrame } from '../../shared/signalling.js';

// The console's live line to the hub: the signalling WebSocket, authenticated by the session
// cookie the browser sends with it. Reconnects by itself with backoff; the hub keeps the
// mediator's call for a grace period meanwhile, and media keeps flowing peer to peer.

export interface DeskSocket {
  /** Sends now, or (except accepting a call, which must not happen late) once reconnected. False if dropped. */
  send(frame: MediatorFrame): boolean;
  close(): void;
}

export interface DeskSocketHandlers {
  onFrame(frame: HubToMediatorFrame): void;
  onOpen(): void;
  /** `signedOut` when the hub ended the session (or refused it): go back to the sign-in form. */
  onClose(signedOut: boolean): void;
}

const RECONNECT: BackoffPolicy = { baseMs: 250, capMs: 5_000, jitter: 0.2 };

export function openDeskSocket(handlers: DeskSocketHandlers, url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/signalling/mediator`): DeskSocket {
  let ws: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const waiting: string[] = [];

  const connect = () => {
    if (closed) return;
    const socket = new WebSocket(url);
    ws = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      attempt = 0;
      handlers.onOpen();
      for (const data of waiting.splice(0)) socket.send(data);
    };
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const frame = HubToMediatorFrame.safeParse(json);
      if (frame.success) handlers.onFrame(frame.data);
    };
    socket.onclose = (event) => {
      if (ws !== socket) return;
      ws = null;
      // 4003: signed out. A refused upgrade shows as 1006 before open: ask the hub whether we still have a session.
      const signedOut = event.code === 4003;
      handlers.onClose(signedOut);
      if (closed || signedOut) return;
      if (!opened) {
        void fetch('/api/v1/mediator/session', { credentials: 'same-origin' }).then(
          (res) => (res.status === 401 || res.status === 403 ? handlers.onClose(true) : retry()),
          () => retry(),
        );
      } else retry();
    };
  };
  const retry = () => {
    if (closed || timer) return;
    const delay = backoffDelayMs(attempt++, RECONNECT);
    timer = setTimeout(() => {
      timer = null;
      connect();
    }, delay);
  };
  connect();

  return {
    send(frame) {
      const data = JSON.stringify(frame);
      if (ws?.readyState === WebSocket.OPEN) {
        ws.send(data);
        return true;
      }
      if (frame.t === 'call.accept' || waiting.length >= 200) return false;
      waiting.push(data);
      return true;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      ws?.close(1000);
      ws = null;
    },
  };
}
