import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { BRIDGE_PATH, ClientFrame, RESUME_QUERY_KEY, SECRET_FRAGMENT_KEY, type ServerFrame } from '../../shared/bridgeProtocol.js';
import { callNames, maxBytesFor } from '../../shared/contract.js';
import { fail } from '../../shared/result.js';
import type { Dispatch } from '../bridge/dispatch.js';
import { isMediaRequest, serveMedia, type VerifiedMedia } from './mediaRoute.js';
import { RESUME_RENEW_MS, resumeTickets } from './resumeTickets.js';
import { browserHostCsp, serveStatic } from './static.js';

// The browser host's front door: serves the renderer on 127.0.0.1 and carries the contract over
// a WebSocket. The socket is accepted only with the per-launch secret, our own Origin and our
// own Host header (DNS-rebinding and cross-site pages are refused). A page the host served before
// a restart comes back with its resume ticket instead (resumeTickets.ts).

export interface BridgeServerOptions {
  dispatch: Dispatch;
  rendererDir: string;
  hubOrigin: string;
  port?: number;
  secret?: string;
  /** The agent's verified media cache, served at /media/ (legal-education loop). */
  media?: VerifiedMedia;
  /** Signs resume tickets; kept on disk so tickets outlive a restart. Default: this launch only. */
  resumeKey?: Buffer;
}

export interface BridgeServer {
  readonly url: string; // with the secret fragment: what the kiosk window opens
  readonly origin: string;
  readonly secret: string;
  readonly server: Server;
  broadcast(name: string, payload: unknown): void;
  close(): Promise<void>;
}

const FRAME_OVERHEAD = 1024;
export const MAX_FRAME_BYTES = Math.max(...callNames.map(maxBytesFor)) + FRAME_OVERHEAD;

const digest = (s: string) => createHash('sha256').update(s).digest();

export async function startBridgeServer(options: BridgeServerOptions): Promise<BridgeServer> {
  const secret = options.secret ?? randomBytes(32).toString('base64url');
  const tickets = resumeTickets(options.resumeKey ?? randomBytes(32));
  const csp = browserHostCsp(options.hubOrigin);
  // Every route answers only to its own Host (filled in once the port is known): a page on another
  // name resolving to 127.0.0.1 (DNS rebinding) reads neither the renderer nor the cached media.
  const hosts = new Set<string>();
  const server = createServer((req, res) => {
    if (!hosts.has(req.headers.host ?? '')) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('Forbidden');
      return;
    }
    if (options.media && isMediaRequest(req.url)) serveMedia(options.media, csp, req, res);
    else serveStatic(options.rendererDir, csp, req, res);
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const clients = new Set<WebSocket>();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  for (const h of [`127.0.0.1:${port}`, `localhost:${port}`]) hosts.add(h);
  const origins = new Set([...hosts].map((h) => `http://${h}`));

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== BRIDGE_PATH) return refuse(404, 'Not Found');
    if (!hosts.has(req.headers.host ?? '')) return refuse(403, 'Forbidden');
    if (!origins.has(req.headers.origin ?? '')) return refuse(403, 'Forbidden');
    const given = url.searchParams.get(SECRET_FRAGMENT_KEY) ?? '';
    const resumed = tickets.verify(url.searchParams.get(RESUME_QUERY_KEY) ?? '');
    if (!timingSafeEqual(digest(given), digest(secret)) && !resumed) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      send(ws, { t: 'resume', ticket: tickets.issue() });
      ws.on('close', () => clients.delete(ws));
      ws.on('error', () => ws.terminate());
      ws.on('message', (data, isBinary) => void onMessage(ws, data, isBinary));
    });
  });

  async function onMessage(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const raw = Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(raw.toString('utf8'));
    } catch {
      json = undefined;
    }
    const frame = ClientFrame.safeParse(json);
    if (!frame.success) {
      const id = (json as { id?: unknown } | undefined)?.id;
      send(ws, { t: 'result', id: typeof id === 'number' && id >= 0 ? id : 0, result: fail('INVALID_INPUT', 'Malformed frame') });
      return;
    }
    const { id, name, input } = frame.data;
    const result = await options.dispatch(name, input);
    send(ws, { t: 'result', id, result });
  }

  function send(ws: WebSocket, frame: ServerFrame) {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  }

  const renew = setInterval(() => {
    for (const ws of clients) send(ws, { t: 'resume', ticket: tickets.issue() });
  }, RESUME_RENEW_MS);
  renew.unref();

  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/#${SECRET_FRAGMENT_KEY}=${secret}`,
    origin,
    secret,
    server,
    broadcast(name, payload) {
      for (const ws of clients) send(ws, { t: 'event', name, payload });
    },
    async close() {
      clearInterval(renew);
      for (const ws of clients) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
