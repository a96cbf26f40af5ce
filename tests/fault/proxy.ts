import { connect, createServer, type Server, type Socket } from 'node:net';
import type { Rng } from './prng.js';

// A loopback HTTP/1.1 fault proxy between the kiosk agent and the hub. It frames requests
// (head + Content-Length body) so faults are chosen per request, not per keep-alive connection.
// Faults that touch the response are applied after the request was forwarded, i.e. after the
// hub may already have committed: that is the case the hub's idempotency must survive.
// Every fault ends the client connection; the client (undici) reconnects for the next request.

export const faultKinds = [
  'drop', // close (or reset) the client connection without forwarding the request
  'delay', // forward after 0..maxDelayMs, then behave normally; if the client left meanwhile,
  //          half the time deliver it anyway (a late ghost of a request the kiosk already retried)
  'reset', // forward, pass part of the response, then TCP RST
  'status500', // answer HTTP 500 ourselves (half the time after forwarding the request anyway)
  'garbage', // answer bytes that are not HTTP (half the time after forwarding)
  'truncated200', // forward, pass the hub's response head and half its body, then FIN
  'garbage200', // a 200 that is not a valid ack, in place of the hub's answer or without forwarding
  'hangup', // forward, swallow the response, close after 0..1.5 s
  'duplicate', // forward twice at once on two hub connections (a retransmitting middlebox)
] as const;
export type FaultKind = (typeof faultKinds)[number];

export interface FaultProxyOptions {
  /** The hub port a new connection goes to: one hub, or the next live instance of several (as nginx would). */
  upstream: () => number;
  upstreamHost?: string;
  rng: Rng;
  /** Fraction of requests that get a fault (0..1). */
  faultRate: number;
  maxDelayMs?: number;
}

export interface ForwardedRequest {
  method: string;
  path: string;
  /** The hub port it went to. */
  port: number;
}

interface ParsedRequest extends Omit<ForwardedRequest, 'port'> {
  bytes: Buffer;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const MAX_HEAD_BYTES = 64 * 1024;

export class FaultProxy {
  readonly counts: Record<FaultKind | 'clean' | 'upstreamDown', number>;
  private server: Server | null = null;
  private faultRate: number;
  private readonly sockets = new Set<Socket>();
  private readonly forwardListeners = new Set<(req: ForwardedRequest) => void>();
  private port = 0;

  constructor(private readonly o: FaultProxyOptions) {
    this.faultRate = o.faultRate;
    this.counts = Object.fromEntries([...faultKinds, 'clean', 'upstreamDown'].map((k) => [k, 0])) as FaultProxy['counts'];
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get faulted(): number {
    return faultKinds.reduce((n, k) => n + this.counts[k], 0);
  }

  setFaultRate(rate: number): void {
    this.faultRate = rate;
  }

  /** Called once a request has been handed to the hub's socket (used to kill the hub mid-request). */
  onForward(listener: (req: ForwardedRequest) => void): () => void {
    this.forwardListeners.add(listener);
    return () => this.forwardListeners.delete(listener);
  }

  async listen(): Promise<string> {
    const server = createServer((client) => this.handle(client));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as { port: number }).port;
    return this.url;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private chooseFault(): FaultKind | null {
    if (this.faultRate <= 0 || !this.o.rng.chance(this.faultRate)) return null;
    return this.o.rng.pick(faultKinds);
  }

  private handle(client: Socket): void {
    const rng = this.o.rng;
    this.track(client);
    let buffered: Buffer = Buffer.alloc(0);
    let upstream: Socket | null = null;
    let upstreamPort = 0;
    let busy = false;
    let closed = false;
    /** While set, upstream bytes go here instead of to the client (response-altering faults). */
    let intercept: ((chunk: Buffer) => void) | null = null;

    const closeAll = (how: 'end' | 'destroy' | 'reset' = 'destroy') => {
      if (closed) return;
      closed = true;
      upstream?.destroy();
      if (how === 'end') client.end();
      else if (how === 'reset') client.resetAndDestroy();
      else client.destroy();
    };

    const ensureUpstream = (): Socket => {
      if (upstream) return upstream;
      upstreamPort = this.o.upstream();
      const up = connect(upstreamPort, this.o.upstreamHost ?? '127.0.0.1');
      this.track(up);
      upstream = up;
      up.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code === 'ECONNREFUSED') this.counts.upstreamDown++;
      });
      up.on('data', (chunk: Buffer) => {
        if (closed) return;
        if (intercept) intercept(chunk);
        else client.write(chunk);
      });
      up.on('end', () => {
        if (!closed) {
          closed = true;
          client.end();
        }
      });
      up.on('close', () => closeAll('destroy'));
      return up;
    };

    const forward = (req: ParsedRequest) => {
      const up = ensureUpstream();
      up.write(req.bytes, (err) => {
        if (!err) for (const l of this.forwardListeners) l({ method: req.method, path: req.path, port: upstreamPort });
      });
    };

    /** Forwards, then hands the first chunk of the hub's answer to `onResponse` instead of the client. */
    const forwardIntercepted = (req: ParsedRequest, onResponse: (chunk: Buffer) => void) => {
      intercept = (chunk) => {
        intercept = () => undefined; // one shot; the connection ends with this fault
        onResponse(chunk);
      };
      forward(req);
    };

    const apply = async (req: ParsedRequest, fault: FaultKind | null): Promise<void> => {
      this.counts[fault ?? 'clean']++;
      switch (fault) {
        case null:
          return forward(req);
        case 'drop':
          return closeAll(rng.chance(0.5) ? 'reset' : 'destroy');
        case 'delay': {
          await sleep(rng.int(0, this.o.maxDelayMs ?? 2_000));
          if (!closed) forward(req);
          else if (rng.chance(0.5)) this.sendDetached(req);
          return;
        }
        case 'duplicate':
          this.sendDetached(req);
          return forward(req);
        case 'reset':
          return forwardIntercepted(req, (chunk) => {
            client.write(chunk.subarray(0, rng.int(0, Math.max(0, chunk.length - 1))));
            closeAll('reset');
          });
        case 'status500': {
          const answer = () => {
            const body = '{"error":{"code":"INTERNAL","message":"proxy says no"}}';
            const retryAfter = rng.chance(0.3) ? 'Retry-After: 1\r\n' : '';
            client.write(`HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n${retryAfter}` + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
            closeAll('end');
          };
          return rng.chance(0.5) ? forwardIntercepted(req, answer) : answer();
        }
        case 'garbage': {
          const answer = () => {
            client.write(rng.bytes(rng.int(1, 300)));
            closeAll(rng.chance(0.5) ? 'end' : 'destroy');
          };
          return rng.chance(0.5) ? forwardIntercepted(req, answer) : answer();
        }
        case 'truncated200':
          return forwardIntercepted(req, (chunk) => {
            const headEnd = chunk.indexOf(HEAD_END);
            const head = headEnd >= 0 ? chunk.subarray(0, headEnd + 4) : chunk;
            const body = headEnd >= 0 ? chunk.subarray(headEnd + 4) : Buffer.alloc(0);
            // Rewrite the status line so even a hub 4xx/5xx looks like a truncated success.
            const rewritten = Buffer.from(head.toString('latin1').replace(/^HTTP\/1\.1 \d{3} [^\r]*/, 'HTTP/1.1 200 OK'), 'latin1');
            client.write(Buffer.concat([rewritten, body.subarray(0, Math.floor(body.length / 2))]));
            closeAll('end');
          });
        case 'garbage200': {
          const answer = () => {
            const bodies = [
              '<html><body>Wi-Fi login required</body></html>',
              '{"ok":true}',
              `{"submissionId":"00000000-0000-4000-8000-000000000000","caseNumber":"X","receivedAt":"${new Date().toISOString()}"}`,
              '{"submissionId":',
            ];
            const body = rng.pick(bodies);
            const type = body.startsWith('<') ? 'text/html' : 'application/json';
            client.write(`HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
            closeAll('end');
          };
          // Half the time the hub never saw it (a captive portal): a 200 is not proof of delivery.
          return rng.chance(0.5) ? forwardIntercepted(req, answer) : answer();
        }
        case 'hangup':
          forwardIntercepted(req, () => undefined);
          await sleep(rng.int(0, 1_500));
          return closeAll(rng.chance(0.5) ? 'reset' : 'destroy');
      }
    };

    const pump = () => {
      if (busy || closed) return;
      const req = takeRequest();
      if (!req) return;
      busy = true;
      void apply(req, this.chooseFault()).finally(() => {
        busy = false;
        pump();
      });
    };

    const takeRequest = (): ParsedRequest | null => {
      const headEnd = buffered.indexOf(HEAD_END);
      if (headEnd < 0) {
        if (buffered.length > MAX_HEAD_BYTES) closeAll();
        return null;
      }
      const head = buffered.subarray(0, headEnd).toString('latin1');
      const [requestLine = '', ...headerLines] = head.split('\r\n');
      const [method = '', path = ''] = requestLine.split(' ');
      let length = 0;
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'content-length') length = Number(value);
        if (name === 'transfer-encoding') {
          // Our client never sends chunked bodies; refuse rather than mis-frame.
          closeAll();
          return null;
        }
      }
      const total = headEnd + 4 + length;
      if (!Number.isFinite(length) || buffered.length < total) return null;
      const bytes = buffered.subarray(0, total);
      buffered = buffered.subarray(total);
      return { method, path: path.split('?')[0] ?? '', bytes };
    };

    client.on('error', () => undefined);
    client.on('close', () => closeAll());
    client.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      pump();
    });
  }

  /** Sends a request to the hub on a connection of its own and ignores the answer. */
  private sendDetached(req: ParsedRequest): void {
    const port = this.o.upstream();
    const up = connect(port, this.o.upstreamHost ?? '127.0.0.1');
    this.track(up);
    up.on('data', () => undefined);
    up.on('end', () => up.destroy());
    up.setTimeout(10_000, () => up.destroy());
    up.write(req.bytes, (err) => {
      if (!err) for (const l of this.forwardListeners) l({ method: req.method, path: req.path, port });
    });
  }

  private track(socket: Socket): void {
    this.sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
