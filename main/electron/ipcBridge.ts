import type { WebFrameMain } from 'electron';
import { callChannel, callNames, eventChannel, isEventName, maxBytesFor, type CallName } from '../../shared/contract.js';
import { fail, type Result } from '../../shared/result.js';
import { isAppUrl } from './security.js';

// ipcMain side of the contract: one `handle` per contract call, each checking who is calling and
// how much they send before anything reaches the agent. Channel names come only from
// shared/contract.ts. The agent validates the payload against the schema again (dispatch.ts);
// this layer guards the process boundary, not the business rules.

/** The part of a frame the trust check reads (a real `WebFrameMain` fits). */
export type SenderFrame = Pick<WebFrameMain, 'url' | 'parent'>;

/** The part of an `IpcMainInvokeEvent` the bridge reads. */
export interface BridgeInvokeEvent {
  readonly senderFrame: SenderFrame | null;
}

/** The part of `ipcMain` the bridge uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: BridgeInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcBridgeOptions {
  forward: (name: CallName, input: unknown) => Promise<Result<unknown>>;
  isTrustedSender?: (frame: SenderFrame | null | undefined) => boolean;
}

/** Only our own top-level page may call: not a subframe, not another origin, not a vanished frame. */
export function isTrustedSenderFrame(frame: SenderFrame | null | undefined): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url);
}

/** Bytes of the JSON form, the same measure the agent's dispatcher applies. */
export function serialisedSize(input: unknown): number {
  if (input === undefined) return 0;
  try {
    const json = JSON.stringify(input);
    return json === undefined ? 0 : Buffer.byteLength(json);
  } catch {
    return Number.POSITIVE_INFINITY; // cyclic or unserialisable: never acceptable
  }
}

/** Registers the handlers; the returned function removes them again. */
export function installIpcBridge(ipcMain: IpcMainLike, options: IpcBridgeOptions): () => void {
  const trusted = options.isTrustedSender ?? isTrustedSenderFrame;
  const channels: string[] = [];
  for (const name of callNames) {
    const channel = callChannel(name);
    ipcMain.handle(channel, async (event, ...args) => {
      let frame: SenderFrame | null | undefined;
      try {
        frame = event?.senderFrame; // the getter throws if the frame is already gone
      } catch {
        frame = null;
      }
      if (!trusted(frame)) return fail('UNAUTHORIZED', 'Sender not accepted');
      if (args.length > 1) return fail('INVALID_INPUT', `Call ${name} takes one argument`);
      const input = args[0];
      const limit = maxBytesFor(name);
      if (serialisedSize(input) > limit) return fail('TOO_LARGE', `Message for ${name} exceeds ${limit} bytes`);
      try {
        return await options.forward(name, input);
      } catch {
        return fail('UNAVAILABLE', 'The kiosk agent is not reachable');
      }
    });
    channels.push(channel);
  }
  return () => {
    for (const channel of channels.splice(0)) ipcMain.removeHandler(channel);
  };
}

/** The part of `webContents` events are sent through. */
export interface EventSink {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Agent events → the window, for contract events only. */
export function eventForwarder(webContents: EventSink): (name: string, payload: unknown) => void {
  return (name, payload) => {
    if (!isEventName(name)) return;
    if (webContents.isDestroyed()) return;
    webContents.send(eventChannel(name), payload);
  };
}
