import WebSocket from 'ws';
import type { SocketConnection, SocketEvents } from '../../../shared/reconnectingSocket.js';
import { MAX_SIGNALLING_FRAME_BYTES, signallingPaths } from '../../../shared/signalling.js';
import type { Log } from '../log.js';

// The kiosk's signalling socket on Node's `ws` (callLink.ts reconnects it and speaks the frames):
// one connection to the hub's kiosk path with the terminal credential, and our liveness ping.

/** Opens one connection to the hub with the terminal credential. */
export function openKioskSocket(hub: { hubUrl: string; log: Log; tlsOptions?: { ca?: Buffer } }, credential: string, events: SocketEvents): { ws: WebSocket; connection: SocketConnection } {
  const url = new URL(signallingPaths.kiosk, hub.hubUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(url, { ...hub.tlsOptions, headers: { authorization: `Bearer ${credential}` }, maxPayload: MAX_SIGNALLING_FRAME_BYTES, handshakeTimeout: 5_000 });
  ws.on('open', () => events.opened());
  ws.on('message', (data, isBinary) => {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws's default binaryType 'nodebuffer' delivers a text frame as one Buffer
    if (!isBinary) events.message(String(data));
  });
  ws.on('unexpected-response', (_req, res) => {
    hub.log.warn('signalling.refused', { status: res.statusCode ?? 0 });
    ws.terminate();
  });
  ws.on('error', () => undefined); // 'close' follows and does the work
  ws.on('close', (code) => events.closed(code));
  return {
    ws,
    connection: {
      get isOpen() {
        return ws.readyState === WebSocket.OPEN;
      },
      send: (data) => ws.send(data),
      close: () => ws.terminate(),
    },
  };
}

/** Our own liveness check: a silently dead path (no FIN) is noticed within two intervals. Returns the timer (unref'd) to clear. */
export function pingUntilDead(ws: WebSocket, intervalMs: number): NodeJS.Timeout {
  let alive = true;
  ws.on('pong', () => (alive = true));
  const timer = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, intervalMs);
  timer.unref();
  return timer;
}
