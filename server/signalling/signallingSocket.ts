import type { RawData, WebSocket } from 'ws';
import type { z } from 'zod';
import { closeCodes } from '../../shared/signalling.js';

// One authenticated signalling socket, seen as a stream of validated frames. Everything that
// arrives is untrusted: binary frames, bad JSON, frames that fail the role's schema and floods
// are answered with an error frame, and repeated or gross abuse closes the socket with 1008.
// A handler that throws never takes the hub down; a peer that stops answering pings is dropped.

export interface FrameSocket {
  send(frame: object): void;
  close(code: number, reason: string): void;
  readonly open: boolean;
}

export interface FrameSocketOptions<F> {
  schema: z.ZodType<F>;
  onFrame: (frame: F) => void;
  onClose: () => void;
  onHandlerError?: (error: unknown) => void;
  /** Malformed frames tolerated before the socket is closed. */
  maxStrikes?: number;
  /** Sustained frames per second and the burst above it (ICE candidates arrive in bursts). */
  ratePerS?: number;
  burst?: number;
  heartbeatMs?: number;
}

export function frameSocket<F>(ws: WebSocket, options: FrameSocketOptions<F>): FrameSocket {
  const maxStrikes = options.maxStrikes ?? 5;
  const ratePerS = options.ratePerS ?? 50;
  const burst = options.burst ?? 200;
  let strikes = 0;
  let tokens = burst;
  let lastRefill = Date.now();
  let alive = true;
  let closed = false;

  const socket: FrameSocket = {
    get open() {
      return !closed && ws.readyState === ws.OPEN;
    },
    send(frame) {
      if (ws.readyState !== ws.OPEN) return;
      try {
        ws.send(JSON.stringify(frame));
      } catch {
        ws.terminate();
      }
    },
    close(code, reason) {
      if (closed) return;
      try {
        ws.close(code, reason);
      } catch {
        ws.terminate();
      }
      // A peer that never completes the closing handshake must not linger.
      setTimeout(() => ws.terminate(), 2_000).unref();
    },
  };

  const refuse = (message: string) => {
    socket.send({ t: 'error', code: 'INVALID_FRAME', message });
    if (++strikes >= maxStrikes) socket.close(closeCodes.policy, 'too many malformed frames');
  };

  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (closed) return;
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - lastRefill) / 1000) * ratePerS);
    lastRefill = now;
    if (tokens < 1) return socket.close(closeCodes.policy, 'too many frames');
    tokens -= 1;
    if (isBinary) return socket.close(closeCodes.policy, 'binary frames are not accepted');
    let json: unknown;
    try {
      json = JSON.parse(rawText(data));
    } catch {
      return refuse('Frame is not JSON');
    }
    const parsed = options.schema.safeParse(json);
    if (!parsed.success) return refuse('Frame does not match the protocol');
    try {
      options.onFrame(parsed.data);
    } catch (error) {
      options.onHandlerError?.(error);
      socket.send({ t: 'error', code: 'INVALID_FRAME', message: 'Frame could not be handled' });
    }
  });

  ws.on('pong', () => (alive = true));
  const heartbeat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    try {
      ws.ping();
    } catch {
      ws.terminate();
    }
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    try {
      options.onClose();
    } catch (error) {
      options.onHandlerError?.(error);
    }
  });
  return socket;
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}
