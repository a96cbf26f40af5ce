import WebSocket from 'ws';
import { BRIDGE_PATH } from '../../shared/bridgeProtocol.js';

// A minimal Node client for the browser host's bridge, used by tests and the benchmarks.

export interface BridgeClient {
  call(name: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; issues?: unknown[] } }>;
  sendRaw(data: string | Buffer): void;
  nextResult(): Promise<unknown>;
  events: Array<{ name: string; payload: unknown }>;
  ws: WebSocket;
  close(): void;
}

export function connectBridge(origin: string, secret: string, headers: Record<string, string> = {}): Promise<BridgeClient> {
  const url = `${origin.replace('http', 'ws')}${BRIDGE_PATH}?secret=${encodeURIComponent(secret)}`;
  const ws = new WebSocket(url, { headers: { origin, ...headers } });
  let nextId = 1;
  const pending = new Map<number, (r: never) => void>();
  const loose: Array<(r: unknown) => void> = [];
  const events: BridgeClient['events'] = [];
  ws.on('message', (data) => {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws's default binaryType 'nodebuffer' delivers a text frame as one Buffer
    const frame = JSON.parse(String(data));
    if (frame.t === 'event') events.push({ name: frame.name, payload: frame.payload });
    else if (pending.has(frame.id)) {
      pending.get(frame.id)!(frame.result as never);
      pending.delete(frame.id);
    } else loose.shift()?.(frame.result);
  });
  return new Promise((resolve, reject) => {
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        ws,
        events,
        call: (name, input) =>
          new Promise((r) => {
            const id = nextId++;
            pending.set(id, r);
            ws.send(JSON.stringify({ t: 'call', id, name, input }));
          }),
        sendRaw: (data) => ws.send(data),
        nextResult: () => new Promise((r) => loose.push(r)),
        close: () => ws.close(),
      }),
    );
  });
}
