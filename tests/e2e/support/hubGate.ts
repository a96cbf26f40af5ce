import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { hubPaths, IntakeAck } from '../../../shared/hubProtocol.js';

// A loopback HTTP gate between the kiosk agent and the real hub, so a test can see the moments a
// resident sees: an intake held before the hub (the filing is saved on the kiosk and on its
// way), the hub out of reach (every connection dropped), and the court's acknowledgement as the
// hub gives it or without a case number (how a court answers that numbers a dispute only when it
// diverts it). Everything else passes through to the hub untouched.

export type CaseNumbers = 'as_hub' | 'withheld';

export class HubGate {
  /** Intakes wait here until `release()`. */
  holding = false;
  /** Every connection is dropped, as when the village network is down. */
  dark = false;
  caseNumbers: CaseNumbers = 'as_hub';
  /** The acknowledgements passed to the kiosk, as it received them. */
  readonly acks: IntakeAck[] = [];
  private held: Array<() => void> = [];
  private heldListeners: Array<() => void> = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly upstream: URL,
  ) {}

  static async start(hubUrl: string): Promise<HubGate> {
    const server = createServer();
    const gate = new HubGate(server, new URL(hubUrl));
    server.on('connection', (socket) => {
      if (gate.dark) return socket.destroy();
      gate.sockets.add(socket);
      socket.on('close', () => gate.sockets.delete(socket));
    });
    server.on('request', (req, res) => {
      gate.handle(req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return gate;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Drops every open connection and refuses new ones until `light()`. */
  goDark(): void {
    this.dark = true;
    for (const s of this.sockets) s.destroy();
  }

  light(): void {
    this.dark = false;
  }

  /** Resolves once an intake is waiting at the gate. */
  whenHeld(): Promise<void> {
    return this.held.length > 0 ? Promise.resolve() : new Promise((r) => this.heldListeners.push(r));
  }

  /** Lets held intakes (and every later one) through. */
  release(): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go();
  }

  async close(): Promise<void> {
    this.release();
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (this.dark) return void req.socket.destroy();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const isIntake = req.method === 'POST' && req.url === hubPaths.intakes;
    if (isIntake && this.holding) {
      await new Promise<void>((go) => {
        this.held.push(go);
        this.heldListeners.splice(0).forEach((l) => l());
      });
    }
    if (this.dark || req.socket.destroyed) return void req.socket.destroy();
    const upstream = request(new URL(req.url ?? '/', this.upstream), { method: req.method, headers: { ...req.headers, host: this.upstream.host } }, (up) => {
      const status = up.statusCode ?? 502;
      if (!isIntake || status < 200 || status > 299) {
        res.writeHead(status, up.headers);
        up.pipe(res);
        return;
      }
      const body: Buffer[] = [];
      up.on('data', (c: Buffer) => body.push(c));
      up.on('end', () => {
        const ack = IntakeAck.parse(JSON.parse(Buffer.concat(body).toString()));
        const given = this.caseNumbers === 'withheld' ? { ...ack, caseNumber: null } : ack;
        this.acks.push(given);
        const bytes = Buffer.from(JSON.stringify(given));
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': bytes.length });
        res.end(bytes);
      });
    });
    upstream.on('error', () => req.socket.destroy());
    upstream.end(Buffer.concat(chunks));
  }
}
