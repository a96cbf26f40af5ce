import { PrintOutcome } from '../../shared/receipt.js';
import { RequestReply, type RequestFailure } from '../../shared/requestReply.js';
import { backgroundTimers } from './backgroundTimers.js';
import type { HostCapabilities, HostUpdates } from './host.js';
import { HostResponseFrame, type HostOp, type HostRequestFrame, type PrintReceiptPayload, type UpdateDownloadPayload } from './processProtocol.js';

// Host capabilities the agent needs while it runs in its own process (Electron utility process):
// a request frame to the parent, answered by a response frame with the same id (the frames and
// the operations that exist are in ./processProtocol.ts; the parent validates each payload).

/** A silent print of a receipt can take a while on a cold thermal printer; never forever. */
export const HOST_REQUEST_TIMEOUT_MS = 60_000;

/** The child's side: sends requests, matches responses by id, gives up after a timeout. */
export class HostRequester {
  private readonly requests: RequestReply<{ op: HostOp; payload: unknown }, HostResponseFrame>;

  constructor(post: (frame: HostRequestFrame) => void, timeoutMs = HOST_REQUEST_TIMEOUT_MS) {
    this.requests = new RequestReply({
      send: (id, { op, payload }) => {
        post({ t: 'host.request', id, op, payload });
        return true;
      },
      timeoutMs,
      timers: backgroundTimers, // a print in progress must not keep a stopping agent alive
    });
  }

  async request(op: HostOp, payload: unknown, timeoutMs?: number): Promise<unknown> {
    let response: HostResponseFrame;
    try {
      response = await this.requests.request({ op, payload }, timeoutMs ? { timeoutMs } : {});
    } catch (error) {
      const failure = error as RequestFailure;
      if (failure.reason === 'unanswered') throw new Error(`host did not answer ${op} in time`);
      throw failure.cause instanceof Error ? failure.cause : new Error('host unreachable');
    }
    if (!response.ok) throw new Error(response.error ?? 'host request failed');
    return response.value;
  }

  /** Feeds a message from the parent; true if it was a host response (consumed here, late ones dropped). */
  handle(message: unknown): boolean {
    const frame = HostResponseFrame.safeParse(message);
    if (!frame.success) return false;
    this.requests.reply(frame.data.id, frame.data);
    return true;
  }
}

/** `HostCapabilities.printReceipt` carried to the parent process. */
export function printThroughParent(requester: HostRequester): NonNullable<HostCapabilities['printReceipt']> {
  return async (document, options) => PrintOutcome.parse(await requester.request('printReceipt', { document, auto: options.auto } satisfies PrintReceiptPayload));
}

/** A download can take long on a village line: the parent's own updater bounds it, not this. */
export const UPDATE_DOWNLOAD_TIMEOUT_MS = 60 * 60_000;

/** `HostCapabilities.updates` carried to the parent process (the Electron shell's electron-updater). */
export function updatesThroughParent(requester: HostRequester): HostUpdates {
  return {
    download: async (version, feed) => void (await requester.request('updateDownload', { version, feed } satisfies UpdateDownloadPayload, UPDATE_DOWNLOAD_TIMEOUT_MS)),
    install: async (version) => void (await requester.request('updateInstall', { version })),
  };
}

/** A host request whose answer does not matter (the parent acts, e.g. quits): failures are dropped. */
export function tellParent(requester: HostRequester, op: 'relaunchApp' | 'exitKiosk'): () => void {
  return () => void requester.request(op, null).catch(() => undefined);
}
