import { callChannel, eventChannel, isCallName, isEventName, type KioskTransport } from '../shared/contract.js';

// The Electron transport under the renderer's kiosk API. It closes over ipcRenderer and hands
// out only two functions; the renderer can reach contract channels and nothing else, and never
// sees ipcRenderer or an IPC event object (whose `sender` would be ipcRenderer itself).

/** The part of `ipcRenderer` the transport uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export function createIpcTransport(ipc: IpcRendererLike): KioskTransport {
  return {
    invoke(name, input) {
      if (!isCallName(name)) return Promise.reject(new Error('Unknown call'));
      return ipc.invoke(callChannel(name), input);
    },
    subscribe(name, listener) {
      if (!isEventName(name)) throw new Error('Unknown event');
      const channel = eventChannel(name);
      const relay = (_event: unknown, payload?: unknown) => {
        listener(payload);
      };
      ipc.on(channel, relay);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(channel, relay);
      };
    },
  };
}
