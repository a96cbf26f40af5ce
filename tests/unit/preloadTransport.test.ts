import { describe, expect, it, vi } from 'vitest';
import { callChannel, callNames, createKioskApi, eventChannel, eventNames, type CallName, type EventName } from '../../shared/contract.js';
import { createIpcTransport, type IpcRendererLike } from '../../preload/transport.js';

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
  const invoked: Array<{ channel: string; args: unknown[] }> = [];
  const ipc: IpcRendererLike = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => {
      invoked.push({ channel, args });
      return { ok: true, value: null };
    }),
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
    },
  };
  const emit = (channel: string, ...args: unknown[]) => {
    const fakeEvent = { sender: ipc, senderId: 0 };
    for (const l of listeners.get(channel) ?? []) l(fakeEvent, ...args);
  };
  return { ipc, invoked, listeners, emit };
}

describe('preload transport', () => {
  it('invokes each contract call on its derived channel with one argument', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const transport = createIpcTransport(ipc);
    for (const name of callNames) await transport.invoke(name, { n: name });
    expect(invoked).toEqual(callNames.map((name) => ({ channel: callChannel(name), args: [{ n: name }] })));
  });

  it('cannot reach a channel outside the contract', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const transport = createIpcTransport(ipc);
    for (const bad of ['kiosk:call:terminal.info', 'ELECTRON_BROWSER_REQUIRE', 'toString', '__proto__', 'constructor', '']) {
      await expect(transport.invoke(bad as CallName, undefined)).rejects.toThrow();
      expect(() => transport.subscribe(bad as EventName, () => {})).toThrow();
    }
    expect(invoked).toEqual([]);
  });

  it('through the kiosk API, unknown calls are refused before any IPC', async () => {
    const { ipc, invoked } = fakeIpcRenderer();
    const api = createKioskApi(createIpcTransport(ipc));
    const result = await (api.call as (name: string) => Promise<unknown>)('shell.exec');
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    expect(invoked).toEqual([]);
  });

  it('delivers event payloads without the IPC event object, and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpcRenderer();
    const transport = createIpcTransport(ipc);
    const got: unknown[][] = [];
    const name = eventNames[0]!;
    const off = transport.subscribe(name, (...args: unknown[]) => got.push(args));
    emit(eventChannel(name), { queueDepth: 2 }, 'extra');
    expect(got).toEqual([[{ queueDepth: 2 }]]);
    off();
    off(); // idempotent
    expect(listeners.get(eventChannel(name))?.size).toBe(0);
    emit(eventChannel(name), { queueDepth: 3 });
    expect(got).toHaveLength(1);
  });

  it('exposes only invoke and subscribe, never ipcRenderer', () => {
    const { ipc } = fakeIpcRenderer();
    const transport = createIpcTransport(ipc);
    expect(Object.keys(transport).sort()).toEqual(['invoke', 'subscribe']);
    for (const value of Object.values(transport)) expect(value).not.toBe(ipc);
    const api = createKioskApi(transport);
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
  });
});
