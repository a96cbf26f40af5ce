import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AgentSupervisor, DEFAULT_BACKOFF, type AgentChild, type AgentSupervisorOptions } from '../../main/electron/agentSupervisor.js';
import type { ClientFrame } from '../../shared/bridgeProtocol.js';

type Listener = (arg: never) => void;

class FakeChild implements AgentChild {
  readonly sent: unknown[] = [];
  killed = false;
  private readonly listeners = { message: [] as Listener[], exit: [] as Listener[] };

  postMessage(message: unknown): void {
    this.sent.push(structuredClone(message));
  }
  on(event: 'message' | 'exit', listener: Listener): this {
    this.listeners[event].push(listener);
    return this;
  }
  kill(): boolean {
    this.killed = true;
    return true;
  }
  // --- test controls
  emit(message: unknown): void {
    for (const l of this.listeners.message) (l as (m: unknown) => void)(message);
  }
  ready(): void {
    this.emit({ t: 'ready' });
  }
  exit(code = 1): void {
    for (const l of this.listeners.exit) (l as (c: number) => void)(code);
  }
  calls(): ClientFrame[] {
    return this.sent.filter((m): m is ClientFrame => (m as { t?: string }).t === 'call');
  }
  /** Answers every call received so far with ok(name). */
  answerAll(): void {
    for (const c of this.calls()) this.emit({ t: 'result', id: c.id, result: { ok: true, value: c.name } });
  }
}

let children: FakeChild[];
let logs: string[];

function supervisor(options: Partial<AgentSupervisorOptions> = {}) {
  const spawn = vi.fn(() => {
    const child = new FakeChild();
    children.push(child);
    return child;
  });
  const s = new AgentSupervisor({ spawn, log: (line) => logs.push(line), ...options });
  return { s, spawn };
}
const last = () => children[children.length - 1]!;

/** Settles a promise that is expected to be resolved by now. */
async function settled<T>(promise: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([promise, Promise.resolve('pending' as const)]);
}

beforeEach(() => {
  vi.useFakeTimers();
  children = [];
  logs = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('agent supervisor', () => {
  it('holds calls made while the agent starts and delivers them once it is ready', async () => {
    const { s, spawn } = supervisor();
    const early = s.request('terminal.info', undefined);
    s.start();
    expect(spawn).toHaveBeenCalledOnce();
    const meanwhile = s.request('draft.save', { step: 'x' });
    await vi.advanceTimersByTimeAsync(500);
    expect(last().calls()).toEqual([]);
    expect(await settled(early)).toBe('pending');

    last().ready();
    expect(s.state).toBe('ready');
    expect(last().calls()).toEqual([
      { t: 'call', id: 1, name: 'terminal.info', input: undefined },
      { t: 'call', id: 2, name: 'draft.save', input: { step: 'x' } },
    ]);
    last().answerAll();
    expect(await early).toEqual({ ok: true, value: 'terminal.info' });
    expect(await meanwhile).toEqual({ ok: true, value: 'draft.save' });
  });

  it('sends calls straight through once ready and matches results by id', async () => {
    const { s } = supervisor();
    s.start();
    last().ready();
    const a = s.request('sync.status', undefined);
    const b = s.request('draft.load', undefined);
    const [ca, cb] = last().calls();
    last().emit({ t: 'result', id: cb!.id, result: { ok: true, value: null } });
    last().emit({ t: 'result', id: ca!.id, result: { ok: false, error: { code: 'CONFLICT', message: 'm' } } });
    expect(await b).toEqual({ ok: true, value: null });
    expect(await a).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'm' } });
  });

  it('fails a call with UNAVAILABLE if the agent is not ready within the bound', async () => {
    const { s } = supervisor({ readyTimeoutMs: 10_000 });
    s.start();
    const call = s.request('sync.status', undefined);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(await settled(call)).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(await call).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    last().ready();
    expect(last().calls()).toEqual([]); // the timed-out call is not delivered late
  });

  it('fails every call in flight with UNAVAILABLE when the agent dies, then restarts it', async () => {
    const { s, spawn } = supervisor();
    s.start();
    last().ready();
    const calls = [s.request('intake.submit', { a: 1 }), s.request('sync.status', undefined), s.request('draft.load', undefined)];
    const first = last();
    first.exit(9);
    for (const call of calls) {
      const result = await call;
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
      if (!result.ok) expect(result.error.message).toBeTruthy();
    }
    expect(s.state).toBe('restarting');

    const duringRestart = s.request('terminal.info', undefined);
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.initialMs - 1);
    expect(spawn).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(spawn).toHaveBeenCalledTimes(2);
    expect(s.restartCount).toBe(1);

    const second = last();
    expect(second).not.toBe(first);
    second.ready();
    second.answerAll();
    expect(await duringRestart).toEqual({ ok: true, value: 'terminal.info' });
  });

  it('ignores late messages and exits from a child it has replaced', async () => {
    const { s, spawn } = supervisor();
    s.start();
    const first = last();
    first.ready();
    first.exit(1);
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.initialMs);
    const second = last();
    second.ready();
    const call = s.request('sync.status', undefined);
    const id = second.calls()[0]!.id;
    first.emit({ t: 'result', id, result: { ok: true, value: 'from the dead' } });
    first.exit(1);
    expect(s.state).toBe('ready');
    expect(spawn).toHaveBeenCalledTimes(2);
    second.emit({ t: 'result', id, result: { ok: true, value: 'live' } });
    expect(await call).toEqual({ ok: true, value: 'live' });
  });

  it('backs off exponentially up to the cap while the agent keeps crashing', async () => {
    const { s, spawn } = supervisor();
    s.start();
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      delays.push(s.nextRestartDelayMs);
      const before = spawn.mock.calls.length;
      last().exit(1);
      let waited = 0;
      while (spawn.mock.calls.length === before) {
        await vi.advanceTimersByTimeAsync(50);
        waited += 50;
      }
      expect(waited).toBe(delays[i]);
    }
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(s.nextRestartDelayMs).toBe(10_000); // and stays at the cap
  });

  it('resets the backoff after the agent has been healthy for a minute', async () => {
    const { s } = supervisor();
    s.start();
    for (let i = 0; i < 4; i++) {
      last().exit(1);
      await vi.advanceTimersByTimeAsync(s.state === 'restarting' ? 10_000 : 0);
    }
    expect(s.nextRestartDelayMs).toBe(4000);

    // A short healthy spell does not reset it…
    last().ready();
    await vi.advanceTimersByTimeAsync(30_000);
    last().exit(1);
    expect(s.nextRestartDelayMs).toBe(8000);
    await vi.advanceTimersByTimeAsync(4000);

    // …a minute of health does.
    last().ready();
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.healthyResetMs);
    last().exit(1);
    expect(s.nextRestartDelayMs).toBe(500); // this restart waits 250, the next would wait 500
    const spawned = children.length;
    await vi.advanceTimersByTimeAsync(250);
    expect(children.length).toBe(spawned + 1);
  });

  it('stop() asks the agent to shut down, fails waiting calls and never restarts', async () => {
    const { s, spawn } = supervisor();
    s.start();
    last().ready();
    const inFlight = s.request('intake.submit', {});
    const child = last();
    const stopped = s.stop();
    expect(child.sent).toContainEqual({ t: 'shutdown' });
    expect(await s.request('sync.status', undefined)).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    child.exit(0);
    await stopped;
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(spawn).toHaveBeenCalledOnce();
    expect(child.killed).toBe(false);
    expect(s.state).toBe('stopped');
  });

  it('stop() kills an agent that ignores the shutdown after the grace period', async () => {
    const { s, spawn } = supervisor({ stopGraceMs: 3000 });
    s.start();
    last().ready();
    const stopped = s.stop();
    await vi.advanceTimersByTimeAsync(2999);
    expect(last().killed).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(last().killed).toBe(true);
    await stopped;
    last().exit(1); // the kill's exit arrives later and changes nothing
    await vi.advanceTimersByTimeAsync(60_000);
    expect(spawn).toHaveBeenCalledOnce();
  });

  it('stop() during a restart delay cancels the restart', async () => {
    const { s, spawn } = supervisor();
    s.start();
    last().exit(1);
    const waiting = s.request('sync.status', undefined);
    await s.stop();
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(spawn).toHaveBeenCalledOnce();
  });

  it('kills and restarts an agent that never becomes ready', async () => {
    const { s, spawn } = supervisor({ startTimeoutMs: 30_000 });
    s.start();
    const stuck = last();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(stuck.killed).toBe(true);
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.initialMs);
    expect(spawn).toHaveBeenCalledTimes(2);
  });

  it('retries when spawning itself fails', async () => {
    let attempts = 0;
    const { s } = supervisor({
      spawn: () => {
        attempts++;
        if (attempts === 1) throw new Error('fork failed');
        const child = new FakeChild();
        children.push(child);
        return child;
      },
    });
    s.start();
    expect(s.state).toBe('restarting');
    await vi.advanceTimersByTimeAsync(DEFAULT_BACKOFF.initialMs);
    expect(attempts).toBe(2);
    expect(s.state).toBe('starting');
  });

  it('fails a call the agent never answers', async () => {
    const { s } = supervisor({ callTimeoutMs: 5000 });
    s.start();
    last().ready();
    const call = s.request('sync.status', undefined);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await call).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    last().answerAll(); // a late answer is dropped
  });

  it('turns a malformed result into INTERNAL and ignores junk messages', async () => {
    const { s } = supervisor();
    s.start();
    last().ready();
    last().emit('junk');
    last().emit({ t: 'result', id: -1, result: {} });
    const call = s.request('sync.status', undefined);
    last().emit({ t: 'result', id: last().calls()[0]!.id, result: { value: 'no ok flag' } });
    expect(await call).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses names outside the contract without bothering the agent', async () => {
    const { s } = supervisor();
    s.start();
    last().ready();
    expect(await s.request('shell.exec' as never, undefined)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(last().calls()).toEqual([]);
  });

  it('passes contract events to listeners and drops unknown ones', () => {
    const { s } = supervisor();
    const got: Array<[string, unknown]> = [];
    const off = s.onEvent((name, payload) => got.push([name, payload]));
    s.onEvent(() => {
      throw new Error('a broken listener does not stop the others');
    });
    s.start();
    last().ready();
    last().emit({ t: 'event', name: 'sync.status', payload: { queueDepth: 1 } });
    last().emit({ t: 'event', name: 'not.in.contract', payload: {} });
    expect(got).toEqual([['sync.status', { queueDepth: 1 }]]);
    off();
    last().emit({ t: 'event', name: 'sync.status', payload: {} });
    expect(got).toHaveLength(1);
  });

  it('never logs call payloads', async () => {
    const { s } = supervisor();
    s.start();
    last().ready();
    const call = s.request('intake.submit', { idNumber: '11010519491231002X' });
    last().exit(1);
    await call;
    expect(logs.join('\n')).not.toContain('11010519491231002X');
  });
});

describe('agent supervisor: host requests from the agent (silent printing)', () => {
  const printRequest = (id: number, payload: unknown = { document: {}, auto: false }) => ({ t: 'host.request', id, op: 'printReceipt', payload });
  const responses = (child: FakeChild) => child.sent.filter((m) => (m as { t?: string }).t === 'host.response');

  it('answers a host request with a response frame carrying the same id', async () => {
    const hostRequests = vi.fn(async () => ({ printed: true }));
    const { s } = supervisor({ hostRequests });
    s.start();
    last().ready();
    last().emit(printRequest(7, { document: { title: 'x' }, auto: true }));
    await vi.advanceTimersByTimeAsync(0);
    expect(hostRequests).toHaveBeenCalledWith('printReceipt', { document: { title: 'x' }, auto: true });
    expect(responses(last())).toEqual([{ t: 'host.response', id: 7, ok: true, value: { printed: true } }]);
    expect(logs.filter((l) => l.includes('unexpected'))).toEqual([]);
  });

  it('refuses when the handler fails or there is none, naming no payload in the log', async () => {
    const { s } = supervisor({ hostRequests: async () => Promise.reject(new TypeError('secret 620102195803120310')) });
    s.start();
    last().ready();
    last().emit(printRequest(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(responses(last())).toEqual([{ t: 'host.response', id: 1, ok: false, error: 'printReceipt failed' }]);
    expect(logs.join('\n')).not.toContain('620102');

    const bare = supervisor();
    bare.s.start();
    last().ready();
    last().emit(printRequest(2));
    await vi.advanceTimersByTimeAsync(0);
    expect(responses(last())).toEqual([{ t: 'host.response', id: 2, ok: false, error: 'printReceipt is not available' }]);
  });

  it('ignores unknown host operations and never answers a child that has been replaced', async () => {
    let finish: (v: unknown) => void = () => undefined;
    const { s } = supervisor({ hostRequests: () => new Promise((resolve) => (finish = resolve)) });
    s.start();
    const first = last();
    first.ready();
    first.emit({ t: 'host.request', id: 1, op: 'formatDisk', payload: null });
    expect(logs.some((l) => l.includes('unexpected message'))).toBe(true);
    first.emit(printRequest(3));
    first.exit(1); // crashed while the print was under way
    finish({ printed: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(responses(first)).toEqual([]);
    expect(s.state).toBe('restarting');
  });
});
