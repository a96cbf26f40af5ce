import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createKioskApi } from '../../shared/contract.js';
import { createWsTransport, type WebSocketLike, type WsTransportOptions } from '../../renderer/api/wsTransport.js';

class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  closed = false;
  onopen: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  frames() {
    return this.sent.map((s) => JSON.parse(s) as { t: string; id: number; name: string; input?: unknown });
  }
}

const latest = () => FakeSocket.all[FakeSocket.all.length - 1]!;
const make = (options: Partial<WsTransportOptions> = {}) =>
  createWsTransport({ url: 'ws://127.0.0.1:1234/bridge?secret=s', createSocket: (url) => new FakeSocket(url), random: () => 0.5, ...options });
const status = { hubReachable: true, queueDepth: 2, oldestPendingAgeMs: 10, lastSuccessAt: null, needsAttention: 0 };

beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('browser-host WebSocket transport', () => {
  it('connects to the given URL at once', () => {
    const transport = make();
    expect(FakeSocket.all).toHaveLength(1);
    expect(latest().url).toBe('ws://127.0.0.1:1234/bridge?secret=s');
    transport.close();
  });

  it('frames a call and resolves it with the matching result frame', async () => {
    const transport = make();
    latest().open();
    const a = transport.invoke('sync.status', undefined);
    const b = transport.invoke('draft.save', { x: 1 });
    const [fa, fb] = latest().frames();
    expect(fa).toEqual({ t: 'call', id: fa!.id, name: 'sync.status' });
    expect(fb).toEqual({ t: 'call', id: fb!.id, name: 'draft.save', input: { x: 1 } });
    expect(fa!.id).not.toBe(fb!.id);
    // Answers may come back out of order.
    latest().receive({ t: 'result', id: fb!.id, result: { ok: true, value: null } });
    latest().receive({ t: 'result', id: fa!.id, result: { ok: true, value: status } });
    await expect(a).resolves.toEqual({ ok: true, value: status });
    await expect(b).resolves.toEqual({ ok: true, value: null });
    transport.close();
  });

  it('passes failed results through unchanged', async () => {
    const transport = make();
    latest().open();
    const p = transport.invoke('intake.submit', {});
    const error = { code: 'INVALID_INPUT', message: 'bad', issues: [{ path: 'form.mobile', message: 'errors.mobile.length' }] };
    latest().receive({ t: 'result', id: latest().frames()[0]!.id, result: { ok: false, error } });
    await expect(p).resolves.toEqual({ ok: false, error });
    transport.close();
  });

  it('ignores malformed frames, unknown ids and non-text data', async () => {
    const transport = make({ callTimeoutMs: 1_000 });
    latest().open();
    const p = transport.invoke('sync.status', undefined);
    const id = latest().frames()[0]!.id;
    latest().receive('not json');
    latest().receive({ t: 'nonsense' });
    latest().receive({ t: 'result', id: id + 100, result: { ok: true, value: 1 } });
    latest().onmessage?.({ data: new ArrayBuffer(4) });
    latest().receive({ t: 'result', id, result: { ok: true, value: status } });
    await expect(p).resolves.toEqual({ ok: true, value: status });
    transport.close();
  });

  it('turns a result that is not a Result into INTERNAL instead of passing it on', async () => {
    const transport = make();
    latest().open();
    const p = transport.invoke('sync.status', undefined);
    latest().receive({ t: 'result', id: latest().frames()[0]!.id, result: 'surprise' });
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    transport.close();
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const transport = make();
    latest().open();
    const seen: unknown[] = [];
    const off = transport.subscribe('sync.status', (p) => seen.push(p));
    const throwing = transport.subscribe('sync.status', () => {
      throw new Error('listener bug');
    });
    latest().receive({ t: 'event', name: 'sync.status', payload: status });
    latest().receive({ t: 'event', name: 'other.event', payload: 1 });
    off();
    throwing();
    latest().receive({ t: 'event', name: 'sync.status', payload: status });
    expect(seen).toEqual([status]);
    transport.close();
  });

  it('holds calls made before the socket opens and sends them on open', async () => {
    const transport = make();
    const p = transport.invoke('draft.load', undefined);
    expect(latest().sent).toHaveLength(0);
    latest().open();
    const frame = latest().frames()[0]!;
    expect(frame.name).toBe('draft.load');
    latest().receive({ t: 'result', id: frame.id, result: { ok: true, value: null } });
    await expect(p).resolves.toEqual({ ok: true, value: null });
    transport.close();
  });

  it('resolves UNAVAILABLE when the connection does not come within the wait', async () => {
    const transport = make({ connectWaitMs: 5_000 });
    const p = transport.invoke('sync.status', undefined);
    let settled = false;
    void p.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    // A call that gave up is not sent later.
    latest().open();
    expect(latest().sent).toHaveLength(0);
    transport.close();
  });

  it('resolves pending calls UNAVAILABLE when the socket drops, and reconnects with backoff', async () => {
    const transport = make({ reconnectInitialMs: 100, reconnectMaxMs: 400, reconnectJitter: 0 });
    const changes: boolean[] = [];
    transport.onConnectionChange((c) => changes.push(c));
    latest().open();
    expect(transport.connected).toBe(true);
    const p = transport.invoke('intake.submit', { any: 1 });
    latest().drop();
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(transport.connected).toBe(false);

    // 100, 200, 400, 400 ms: doubling up to the ceiling while the host stays down.
    await vi.advanceTimersByTimeAsync(99);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop();
    await vi.advanceTimersByTimeAsync(200);
    expect(FakeSocket.all).toHaveLength(3);
    latest().drop();
    await vi.advanceTimersByTimeAsync(400);
    expect(FakeSocket.all).toHaveLength(4);
    latest().drop();
    await vi.advanceTimersByTimeAsync(399);
    expect(FakeSocket.all).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeSocket.all).toHaveLength(5);

    // Back up: calls flow again, and the backoff starts over after the next drop.
    latest().open();
    expect(changes).toEqual([true, false, true]);
    const q = transport.invoke('sync.status', undefined);
    latest().receive({ t: 'result', id: latest().frames()[0]!.id, result: { ok: true, value: status } });
    await expect(q).resolves.toEqual({ ok: true, value: status });
    latest().drop();
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(6);
    transport.close();
  });

  it('a call made while reconnecting is sent on the new socket', async () => {
    const transport = make({ reconnectInitialMs: 100, reconnectJitter: 0 });
    latest().open();
    latest().drop();
    const p = transport.invoke('draft.load', undefined);
    await vi.advanceTimersByTimeAsync(100);
    latest().open();
    const frame = latest().frames()[0]!;
    latest().receive({ t: 'result', id: frame.id, result: { ok: true, value: null } });
    await expect(p).resolves.toEqual({ ok: true, value: null });
    transport.close();
  });

  it('gives up on a call the agent never answers', async () => {
    const transport = make({ callTimeoutMs: 2_000 });
    latest().open();
    const p = transport.invoke('sync.status', undefined);
    const id = latest().frames()[0]!.id;
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    // A late answer is ignored.
    latest().receive({ t: 'result', id, result: { ok: true, value: status } });
    transport.close();
  });

  it('ignores events and closes from a socket it has replaced', async () => {
    const transport = make({ reconnectInitialMs: 100, reconnectJitter: 0 });
    const first = latest();
    first.open();
    first.drop();
    await vi.advanceTimersByTimeAsync(100);
    const second = latest();
    second.open();
    const p = transport.invoke('sync.status', undefined);
    first.onclose?.({});
    expect(transport.connected).toBe(true);
    second.receive({ t: 'result', id: second.frames()[0]!.id, result: { ok: true, value: status } });
    await expect(p).resolves.toEqual({ ok: true, value: status });
    transport.close();
  });

  it('close() settles waiting and sent calls and stops reconnecting', async () => {
    const transport = make({ reconnectInitialMs: 100 });
    latest().open();
    const sent = transport.invoke('draft.load', undefined);
    latest().drop();
    const waiting = transport.invoke('sync.status', undefined);
    await expect(sent).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    transport.close();
    await expect(waiting).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await expect(transport.invoke('sync.status', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('close() closes an open socket and resolves its pending calls', async () => {
    const transport = make();
    latest().open();
    const sent = transport.invoke('draft.load', undefined);
    transport.close();
    await expect(sent).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(latest().closed).toBe(true);
    expect(transport.connected).toBe(false);
  });

  it("keeps the host's resume tickets and reconnects with the newest one", async () => {
    const tickets: string[] = [];
    const transport = make({
      url: () => `ws://x/bridge?resume=${tickets.at(-1) ?? ''}`,
      onResume: (ticket) => tickets.push(ticket),
      reconnectInitialMs: 50,
      reconnectJitter: 0,
    });
    expect(latest().url).toBe('ws://x/bridge?resume=');
    latest().open();
    latest().receive({ t: 'resume', ticket: '123.abc' });
    expect(tickets).toEqual(['123.abc']);
    latest().drop();
    await vi.advanceTimersByTimeAsync(50);
    expect(latest().url).toBe('ws://x/bridge?resume=123.abc');
    transport.close();
  });

  it('reconnects when the socket cannot even be created', async () => {
    let fail = true;
    const transport = createWsTransport({
      url: 'ws://x/bridge',
      reconnectInitialMs: 50,
      reconnectJitter: 0,
      createSocket: (url) => {
        if (fail) throw new Error('blocked');
        return new FakeSocket(url);
      },
    });
    expect(FakeSocket.all).toHaveLength(0);
    fail = false;
    await vi.advanceTimersByTimeAsync(50);
    expect(FakeSocket.all).toHaveLength(1);
    transport.close();
  });

  it('serves the contract API: createKioskApi over this transport never hangs', async () => {
    const transport = make({ connectWaitMs: 1_000 });
    const api = createKioskApi(transport);
    const seen: unknown[] = [];
    api.on('sync.status', (s) => seen.push(s));
    const p = api.call('sync.status');
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(p).resolves.toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    latest().open();
    latest().receive({ t: 'event', name: 'sync.status', payload: { broken: true } });
    latest().receive({ t: 'event', name: 'sync.status', payload: status });
    expect(seen).toEqual([status]);
    transport.close();
  });
});
