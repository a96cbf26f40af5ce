import { describe, expect, it, vi } from 'vitest';
import { callChannel, callNames, eventChannel, maxBytesFor, type CallName } from '../../shared/contract.js';
import { ok, type Result } from '../../shared/result.js';
import { eventForwarder, installIpcBridge, isTrustedSenderFrame, type BridgeInvokeEvent, type IpcMainLike, type SenderFrame } from '../../main/electron/ipcBridge.js';

type Handler = (event: BridgeInvokeEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return { ipc, handlers };
}

const top: SenderFrame = { url: 'kiosk://app/intake', parent: null };
const from = (frame: SenderFrame | null): BridgeInvokeEvent => ({ senderFrame: frame });

function install(forward = vi.fn(async (name: CallName, input: unknown): Promise<Result<unknown>> => ok({ name, input }))) {
  const { ipc, handlers } = fakeIpcMain();
  const dispose = installIpcBridge(ipc, { forward });
  const invoke = (name: CallName, event: BridgeInvokeEvent, ...args: unknown[]) => {
    const handler = handlers.get(callChannel(name));
    if (!handler) throw new Error(`no handler for ${name}`);
    return Promise.resolve(handler(event, ...args)) as Promise<Result<unknown>>;
  };
  return { handlers, dispose, invoke, forward };
}

describe('IPC bridge', () => {
  it('registers exactly one handler per contract call, on contract channels only', () => {
    const { handlers } = install();
    expect([...handlers.keys()].sort()).toEqual(callNames.map(callChannel).sort());
    expect(handlers.size).toBe(callNames.length);
  });

  it('forwards a trusted call with its name and input', async () => {
    const { invoke, forward } = install();
    const result = await invoke('sync.status', from(top), undefined);
    expect(result).toEqual({ ok: true, value: { name: 'sync.status', input: undefined } });
    expect(forward).toHaveBeenCalledWith('sync.status', undefined);
  });

  it.each([
    ['a missing frame', null],
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a file: page', { url: 'file:///tmp/x.html', parent: null }],
    ['a blank frame', { url: '', parent: null }],
    ['a subframe of our page', { url: 'kiosk://app/', parent: top as never }],
  ] as Array<[string, SenderFrame | null]>)('rejects %s as UNAUTHORIZED without forwarding', async (_label, frame) => {
    const { invoke, forward } = install();
    for (const name of callNames) {
      const result = await invoke(name, from(frame), undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(forward).not.toHaveBeenCalled();
  });

  it('rejects a frame whose getter throws (destroyed) as UNAUTHORIZED', async () => {
    const { invoke, forward } = install();
    const event = {
      get senderFrame(): SenderFrame | null {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(await invoke('terminal.info', event)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(forward).not.toHaveBeenCalled();
  });

  it('rejects oversized and unserialisable inputs as TOO_LARGE', async () => {
    const { invoke, forward } = install();
    const big = { blob: 'x'.repeat(maxBytesFor('draft.save') + 1) };
    expect(await invoke('draft.save', from(top), big)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(await invoke('draft.save', from(top), cyclic)).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
    expect(forward).not.toHaveBeenCalled();
    // Multi-byte text is measured in bytes, not characters.
    const han = '诉'.repeat(Math.ceil(maxBytesFor('draft.save') / 3) + 1);
    expect(await invoke('draft.save', from(top), { han })).toMatchObject({ ok: false, error: { code: 'TOO_LARGE' } });
  });

  it('accepts an input just under the limit', async () => {
    const { invoke, forward } = install();
    const overhead = JSON.stringify({ s: '' }).length;
    const input = { s: 'x'.repeat(maxBytesFor('draft.save') - overhead) };
    expect(await invoke('draft.save', from(top), input)).toMatchObject({ ok: true });
    expect(forward).toHaveBeenCalledOnce();
  });

  it('refuses extra arguments', async () => {
    const { invoke, forward } = install();
    expect(await invoke('draft.save', from(top), {}, 'extra')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(forward).not.toHaveBeenCalled();
  });

  it('turns a throwing forward into UNAVAILABLE instead of an IPC error', async () => {
    const { invoke } = install(vi.fn(async () => Promise.reject(new Error('agent gone'))));
    expect(await invoke('sync.status', from(top))).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });

  it('removes every handler on dispose', () => {
    const { handlers, dispose } = install();
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('trusts only our top frame', () => {
    expect(isTrustedSenderFrame(top)).toBe(true);
    expect(isTrustedSenderFrame(null)).toBe(false);
    expect(isTrustedSenderFrame(undefined)).toBe(false);
    expect(isTrustedSenderFrame({ url: 'kiosk://app/', parent: top as never })).toBe(false);
    expect(isTrustedSenderFrame({ url: 'kiosk://evil/', parent: null })).toBe(false);
  });
});

describe('event forwarder', () => {
  it('sends contract events on their derived channel', () => {
    const send = vi.fn();
    const forward = eventForwarder({ send, isDestroyed: () => false });
    forward('sync.status', { queueDepth: 1 });
    expect(send).toHaveBeenCalledWith(eventChannel('sync.status'), { queueDepth: 1 });
  });

  it('drops names outside the contract and sends nothing to a destroyed window', () => {
    const send = vi.fn();
    let destroyed = false;
    const forward = eventForwarder({ send, isDestroyed: () => destroyed });
    forward('secret.leak', {});
    forward('__proto__', {});
    expect(send).not.toHaveBeenCalled();
    destroyed = true;
    forward('sync.status', {});
    expect(send).not.toHaveBeenCalled();
  });
});
