import WebSocket from 'ws';
import { BRIDGE_PATH, RESUME_QUERY_KEY } from '../../shared/bridgeProtocol.js';

// A minimal Node client for the browser host's bridge, used by tests and the benchmarks.

export interface BridgeClient {
  call(name: string, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; issues?: unknown[] } }>;
  sendRaw(data: string | Buffer): void;
  nextResult(): Promise<unknown>;
  events: Array<{ name: string; payload: unknown }>;
  /** Resume tickets the host handed this client, newest last. */
  resumes: string[];
  ws: WebSocket;
  close(): void;
}

/** `secret`: the launch secret, or `{ resume }` to come in with a resume ticket instead. */
export function connectBridge(origin: string, secret: string | { resume: string }, headers: Record<string, string> = {}): Promise<BridgeClient> {
  const query = typeof secret === 'string' ? `secret=${encodeURIComponent(secret)}` : `${RESUME_QUERY_KEY}=${encodeURIComponent(secret.resume)}`;
  const url = `${origin.replace('http', 'ws')}${BRIDGE_PATH}?${query}`;
  const ws = new WebSocket(url, { headers: { origin, ...headers } });
  let nextId = 1;
  const pending = new Map<number, (r: never) => void>();
  const loose: Array<(r: unknown) => void> = [];
  const events: BridgeClient['events'] = [];
  const resumes: string[] = [];
  ws.on('message', (data) => {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- ws's default binaryType 'nodebuffer' delivers a text frame as one Buffer
    const frame = JSON.parse(String(data));
    if (frame.t === 'event') events.push({ name: frame.name, payload: frame.payload });
    else if (frame.t === 'resume') resumes.push(frame.ticket);
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
        resumes,
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
