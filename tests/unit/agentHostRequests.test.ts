import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostRequester, printThroughParent } from '../../main/agent/hostRequests.js';
import type { HostRequestFrame } from '../../main/agent/processProtocol.js';

// The agent process's side of host requests: frames out, responses matched by id, a bound on waiting.

afterEach(() => vi.useRealTimers());

describe('host requests from the agent process', () => {
  it('sends a request frame and resolves with the matching response', async () => {
    const sent: HostRequestFrame[] = [];
    const requester = new HostRequester((f) => sent.push(f));
    const a = requester.request('printReceipt', { n: 1 });
    const b = requester.request('printReceipt', { n: 2 });
    expect(sent).toEqual([
      { t: 'host.request', id: 1, op: 'printReceipt', payload: { n: 1 } },
      { t: 'host.request', id: 2, op: 'printReceipt', payload: { n: 2 } },
    ]);
    expect(requester.handle({ t: 'host.response', id: 2, ok: false, error: 'printReceipt failed' })).toBe(true);
    expect(requester.handle({ t: 'host.response', id: 1, ok: true, value: 'done' })).toBe(true);
    expect(await a).toBe('done');
    await expect(b).rejects.toThrow('printReceipt failed');
    expect(requester.handle({ t: 'host.response', id: 99, ok: true })).toBe(true); // late: dropped
    expect(requester.handle({ t: 'call', id: 1, name: 'x' })).toBe(false); // not ours
  });

  it('gives up after the timeout', async () => {
    vi.useFakeTimers();
    const requester = new HostRequester(() => undefined, 1_000);
    const pending = requester.request('printReceipt', {});
    const check = expect(pending).rejects.toThrow(/in time/);
    await vi.advanceTimersByTimeAsync(1_000);
    await check;
  });

  it('carries printReceipt to the parent and checks the outcome it gets back', async () => {
    const sent: HostRequestFrame[] = [];
    const requester = new HostRequester((f) => sent.push(f));
    const print = printThroughParent(requester);
    const document = { title: 't' } as never;
    const done = print(document, { auto: true });
    expect(sent[0]).toMatchObject({ op: 'printReceipt', payload: { document, auto: true } });
    requester.handle({ t: 'host.response', id: 1, ok: true, value: { printed: false, reason: 'no_printer' } });
    expect(await done).toEqual({ printed: false, reason: 'no_printer' });
    const bad = print(document, { auto: false });
    requester.handle({ t: 'host.response', id: 2, ok: true, value: { printed: 'yes' } });
    await expect(bad).rejects.toThrow();
  });
});
