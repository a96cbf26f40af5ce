import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RequestFailure, RequestReply, type RequestReplyOptions } from '../../shared/requestReply.js';

// The one request/reply engine every transport adapts (bridge socket, supervisor, host requests,
// call link, desk): replies matched by id, every request ends, late replies ignored, ids never reused.

interface Line {
  up: boolean;
  sent: Array<{ id: number; request: string }>;
}

function engine(options: Partial<RequestReplyOptions<string>> = {}) {
  const line: Line = { up: true, sent: [] };
  const rr = new RequestReply<string, string>({
    send: (id, request) => {
      if (!line.up) return false;
      line.sent.push({ id, request });
      return true;
    },
    timeoutMs: 1_000,
    ...options,
  });
  return { rr, line };
}

/** What a promise has come to by now (pending microtasks run first; no time passes). */
async function state<T>(p: Promise<T>): Promise<{ value: T } | { failure: RequestFailure } | 'pending'> {
  let seen: { value: T } | { failure: RequestFailure } | 'pending' = 'pending';
  p.then(
    (value) => (seen = { value }),
    (failure: RequestFailure) => (seen = { failure }),
  );
  await vi.advanceTimersByTimeAsync(0);
  return seen;
}

/** The failure a request ends with, handled from now on (it must not resolve). */
function rejection(p: Promise<unknown>): Promise<RequestFailure> {
  return p.then(
    (value) => {
      throw new Error(`expected a failure, got ${String(value)}`);
    },
    (f: RequestFailure) => f,
  );
}

async function failure(p: Promise<unknown>): Promise<RequestFailure> {
  const s = await state(p);
  if (s === 'pending' || !('failure' in s)) throw new Error(`expected a failure, got ${JSON.stringify(s)}`);
  expect(s.failure).toBeInstanceOf(RequestFailure);
  return s.failure;
}

/** One request on the wire, then the line goes down and a second one waits for it. */
function sentAndHeld() {
  const { rr, line } = engine({ holdMs: Infinity });
  const sent = rr.request('sent');
  line.up = false;
  const held = rr.request('held');
  return { rr, line, sent, held };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('request/reply engine', () => {
  it('sends with fresh ids and matches replies by id, in any order', async () => {
    const { rr, line } = engine();
    const a = rr.request('a');
    const b = rr.request('b');
    expect(line.sent).toEqual([
      { id: 1, request: 'a' },
      { id: 2, request: 'b' },
    ]);
    expect(rr.reply(2, 'B')).toBe(true);
    expect(rr.reply(1, 'A')).toBe(true);
    await expect(a).resolves.toBe('A');
    await expect(b).resolves.toBe('B');
    expect(rr.outstanding).toBe(0);
  });

  it('fails a request with no reply within the timeout and ignores the late reply', async () => {
    const { rr } = engine({ timeoutMs: 1_000 });
    const p = rr.request('slow');
    const caught = rejection(p);
    await vi.advanceTimersByTimeAsync(999);
    expect(await state(p)).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect((await caught).reason).toBe('unanswered');
    expect(rr.reply(1, 'too late')).toBe(false);
  });

  it('takes a per-request timeout', async () => {
    const { rr } = engine({ timeoutMs: 10_000 });
    const p = rr.request('quick', { timeoutMs: 50 });
    const caught = rejection(p);
    await vi.advanceTimersByTimeAsync(50);
    expect((await caught).reason).toBe('unanswered');
  });

  it('ignores replies to ids it never sent', () => {
    const { rr } = engine();
    void rr.request('a');
    expect(rr.reply(7, 'x')).toBe(false);
    expect(rr.reply(-1, 'x')).toBe(false);
    expect(rr.outstanding).toBe(1);
  });

  it('holds requests while the line is down and sends them in order once flushed', async () => {
    const { rr, line } = engine({ holdMs: 5_000 });
    line.up = false;
    const a = rr.request('a');
    const b = rr.request('b');
    expect(line.sent).toEqual([]);
    line.up = true;
    const c = rr.request('c'); // behind the held ones, even though the line is up
    expect(line.sent).toEqual([]);
    rr.flush();
    expect(line.sent.map((s) => s.request)).toEqual(['a', 'b', 'c']);
    for (const s of line.sent) rr.reply(s.id, s.request.toUpperCase());
    expect(await Promise.all([a, b, c])).toEqual(['A', 'B', 'C']);
  });

  it('fails a held request when the line does not come up within the hold time, and never sends it later', async () => {
    const { rr, line } = engine({ holdMs: 5_000 });
    line.up = false;
    const p = rr.request('a');
    const caught = rejection(p);
    await vi.advanceTimersByTimeAsync(4_999);
    rr.flush(); // still down: keeps waiting, on its original hold time
    await vi.advanceTimersByTimeAsync(1);
    expect((await caught).reason).toBe('unsent');
    line.up = true;
    rr.flush();
    expect(line.sent).toEqual([]);
  });

  it('fails at once when the line is down and the request may not wait', async () => {
    const { rr, line } = engine();
    line.up = false;
    expect((await failure(rr.request('a'))).reason).toBe('unsent');
    expect(rr.outstanding).toBe(0);
  });

  it('holds until flushed or closed with an infinite hold time', async () => {
    const { rr, line } = engine({ holdMs: Infinity });
    line.up = false;
    const p = rr.request('a');
    await vi.advanceTimersByTimeAsync(24 * 3_600_000);
    expect(await state(p)).toBe('pending');
    line.up = true;
    rr.flush();
    rr.reply(line.sent[0]!.id, 'A');
    await expect(p).resolves.toBe('A');
  });

  it('fails a request whose send throws, keeping the cause', async () => {
    const boom = new Error('cannot serialise');
    const rr = new RequestReply<string, string>({
      send: () => {
        throw boom;
      },
      timeoutMs: 1_000,
    });
    const f = await failure(rr.request('a'));
    expect(f.reason).toBe('unsent');
    expect(f.cause).toBe(boom);
    expect(rr.outstanding).toBe(0);
  });

  it('dropSent fails what went out on the lost line; held requests wait on', async () => {
    const { rr, line, sent, held } = sentAndHeld();
    rr.dropSent('line lost');
    const f = await failure(sent);
    expect([f.reason, f.message]).toEqual(['dropped', 'line lost']);
    expect(await state(held)).toBe('pending');
    expect(rr.reply(1, 'late')).toBe(false);
    line.up = true;
    rr.flush();
    expect(line.sent.map((s) => s.request)).toEqual(['sent', 'held']);
  });

  it('dropHeld fails only what is still waiting for the line', async () => {
    const { rr, sent, held } = sentAndHeld();
    rr.dropHeld('shutting down');
    expect((await failure(held)).message).toBe('shutting down');
    expect(rr.reply(1, 'ok')).toBe(true);
    await expect(sent).resolves.toBe('ok');
  });

  it('close fails everything outstanding and every later request', async () => {
    const { rr, sent, held } = sentAndHeld();
    rr.close('bridge closed');
    const failures = await Promise.all([sent, held, rr.request('after')].map(rejection));
    for (const f of failures) expect([f.reason, f.message]).toEqual(['closed', 'bridge closed']);
    expect(rr.reply(1, 'late')).toBe(false);
    expect(rr.outstanding).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000); // no timer left to fire on a settled request
  });

  it('never reuses an id: not after a timeout, a drop, or a refused send', async () => {
    const { rr, line } = engine({ timeoutMs: 10 });
    void rr.request('a').catch(() => undefined);
    await vi.advanceTimersByTimeAsync(10);
    void rr.request('b').catch(() => undefined);
    rr.dropSent('lost');
    line.up = false;
    void rr.request('c').catch(() => undefined);
    line.up = true;
    void rr.request('d');
    expect(line.sent.map((s) => s.id)).toEqual([1, 2, 4]);
  });

  it('accepts a reply that arrives while send is still on the stack', async () => {
    const rr: RequestReply<string, string> = new RequestReply<string, string>({
      send: (id, request) => {
        rr.reply(id, `echo ${request}`);
        return true;
      },
      timeoutMs: 1_000,
    });
    await expect(rr.request('x')).resolves.toBe('echo x');
    expect(rr.outstanding).toBe(0);
  });
});
