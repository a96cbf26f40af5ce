import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReconnectingSocket, type ReconnectingSocketOptions, type SocketClose, type SocketEvents } from '../../shared/reconnectingSocket.js';

// The one reconnecting client socket (bridge, signalling link, desk): backoff between attempts,
// a fresh start after each open, replaced connections ignored, closed for good when told.

class FakeConnection {
  isOpen = false;
  readonly sent: string[] = [];
  closedWith: number | undefined | null = null;
  constructor(readonly events: SocketEvents) {}
  send(data: string) {
    this.sent.push(data);
  }
  close(code?: number) {
    this.closedWith = code;
  }
  open() {
    this.isOpen = true;
    this.events.opened();
  }
  drop(code = 1006) {
    this.isOpen = false;
    this.events.closed(code);
  }
}

let connections: FakeConnection[];
const latest = () => connections[connections.length - 1]!;

function socket(options: Partial<ReconnectingSocketOptions> = {}) {
  const closes: SocketClose[] = [];
  const messages: string[] = [];
  let opens = 0;
  const s = new ReconnectingSocket({
    connect: (events) => {
      const c = new FakeConnection(events);
      connections.push(c);
      return c;
    },
    backoff: { baseMs: 100, capMs: 400, jitter: 0 },
    onOpen: () => opens++,
    onMessage: (data) => messages.push(data),
    onClose: (close) => void closes.push(close),
    ...options,
  });
  s.start();
  return { s, closes, messages, opens: () => opens };
}

beforeEach(() => {
  vi.useFakeTimers();
  connections = [];
});
afterEach(() => vi.useRealTimers());

describe('reconnecting socket', () => {
  it('connects on start, reports open and messages, and sends only while open', () => {
    const { s, messages, opens } = socket();
    expect(connections).toHaveLength(1);
    expect(s.send('early')).toBe(false);
    latest().open();
    expect(opens()).toBe(1);
    expect(s.isOpen).toBe(true);
    expect(s.send('hello')).toBe(true);
    expect(latest().sent).toEqual(['hello']);
    latest().events.message('{"t":"x"}');
    expect(messages).toEqual(['{"t":"x"}']);
  });

  it('retries with backoff while it cannot connect, and starts over after an open', async () => {
    const { closes } = socket();
    const waits = [100, 200, 400, 400]; // doubling to the cap while every attempt fails
    for (const [i, wait] of waits.entries()) {
      latest().drop();
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(connections).toHaveLength(i + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(connections).toHaveLength(i + 2);
    }
    expect(closes.every((c) => !c.opened)).toBe(true);
    latest().open();
    latest().drop(1001);
    expect(closes[closes.length - 1]).toEqual({ opened: true, code: 1001 });
    const before = connections.length;
    await vi.advanceTimersByTimeAsync(100);
    expect(connections).toHaveLength(before + 1);
  });

  it('treats a connect that throws, or has nothing to connect with, as a failed attempt', async () => {
    let mode: 'throw' | 'null' | 'ok' = 'throw';
    const { closes } = socket({
      connect: (events) => {
        if (mode === 'throw') throw new Error('blocked');
        if (mode === 'null') return null;
        const c = new FakeConnection(events);
        connections.push(c);
        return c;
      },
    });
    expect(closes).toEqual([{ opened: false, code: null }]);
    mode = 'null';
    await vi.advanceTimersByTimeAsync(100);
    expect(closes).toHaveLength(2);
    mode = 'ok';
    await vi.advanceTimersByTimeAsync(200);
    expect(connections).toHaveLength(1);
  });

  it('ignores every event of a connection it has replaced', async () => {
    const { s, closes, messages, opens } = socket();
    const first = latest();
    first.open();
    first.drop();
    await vi.advanceTimersByTimeAsync(100);
    const second = latest();
    second.open();
    first.events.message('stale');
    first.events.closed(1000);
    first.events.opened();
    expect(messages).toEqual([]);
    expect(closes).toHaveLength(1);
    expect(opens()).toBe(2);
    expect(s.isOpen).toBe(true);
  });

  it('reconnectNow cuts a backoff short; it does nothing while connected or connecting', async () => {
    const { s } = socket({ backoff: { baseMs: 10_000, capMs: 10_000, jitter: 0 } });
    s.reconnectNow(); // connecting: no second connection
    expect(connections).toHaveLength(1);
    latest().drop();
    s.reconnectNow();
    expect(connections).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(connections).toHaveLength(2); // the cancelled retry does not fire as well
  });

  it("stops for good when onClose says 'stop', also after an asynchronous check", async () => {
    let answer!: (d: 'retry' | 'stop') => void;
    const { s } = socket({ onClose: () => new Promise((r) => (answer = r)) });
    latest().drop();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(connections).toHaveLength(1); // waiting for the check
    answer('retry');
    await vi.advanceTimersByTimeAsync(100);
    expect(connections).toHaveLength(2);
    latest().drop(4003);
    answer('stop');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connections).toHaveLength(2);
    expect(s.send('x')).toBe(false);
  });

  it('close() closes the connection, cancels a pending retry and ignores what follows', async () => {
    const { s, closes } = socket();
    latest().open();
    s.close(1000);
    expect(latest().closedWith).toBe(1000);
    latest().drop();
    expect(closes).toEqual([]);
    expect(s.isOpen).toBe(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connections).toHaveLength(1);

    const other = socket();
    latest().drop();
    other.s.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(connections).toHaveLength(2);
  });
});
