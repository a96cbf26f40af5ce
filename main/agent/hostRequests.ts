import { z } from 'zod';
import { PrintOutcome, ReceiptDocument } from '../../shared/receipt.js';
import type { HostCapabilities } from './host.js';

// Host capabilities the agent needs while it runs in its own process (Electron utility process):
// a request frame to the parent, answered by a response frame with the same id. Only the
// operations listed here exist; the parent validates each payload before acting on it.
//
//   child → parent  { t: 'host.request', id, op, payload }
//   parent → child  { t: 'host.response', id, ok: true, value } | { t: 'host.response', id, ok: false, error }

export const hostOps = ['printReceipt'] as const;
export type HostOp = (typeof hostOps)[number];

export const HostRequestFrame = z.object({
  t: z.literal('host.request'),
  id: z.number().int().nonnegative(),
  op: z.enum(hostOps),
  payload: z.unknown(),
});
export type HostRequestFrame = z.infer<typeof HostRequestFrame>;

export const HostResponseFrame = z.object({
  t: z.literal('host.response'),
  id: z.number().int().nonnegative(),
  ok: z.boolean(),
  value: z.unknown().optional(),
  error: z.string().max(200).optional(),
});
export type HostResponseFrame = z.infer<typeof HostResponseFrame>;

export const PrintReceiptPayload = z.strictObject({ document: ReceiptDocument, auto: z.boolean() });
export type PrintReceiptPayload = z.infer<typeof PrintReceiptPayload>;

/** A silent print of a receipt can take a while on a cold thermal printer; never forever. */
export const HOST_REQUEST_TIMEOUT_MS = 60_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

/** The child's side: sends requests, matches responses by id, gives up after a timeout. */
export class HostRequester {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly post: (frame: HostRequestFrame) => void,
    private readonly timeoutMs = HOST_REQUEST_TIMEOUT_MS,
  ) {}

  request(op: HostOp, payload: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`host did not answer ${op} in time`));
      }, this.timeoutMs);
      timer.unref?.();
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.post({ t: 'host.request', id, op, payload });
      } catch (error) {
        clearTimeout(timer);
        this.pending.delete(id);
        reject(error instanceof Error ? error : new Error('host unreachable'));
      }
    });
  }

  /** Feeds a message from the parent; true if it was a host response (consumed here). */
  handle(message: unknown): boolean {
    const frame = HostResponseFrame.safeParse(message);
    if (!frame.success) return false;
    const call = this.pending.get(frame.data.id);
    if (!call) return true; // timed out already
    this.pending.delete(frame.data.id);
    clearTimeout(call.timer);
    if (frame.data.ok) call.resolve(frame.data.value);
    else call.reject(new Error(frame.data.error ?? 'host request failed'));
    return true;
  }
}

/** `HostCapabilities.printReceipt` carried to the parent process. */
export function printThroughParent(requester: HostRequester): NonNullable<HostCapabilities['printReceipt']> {
  return async (document, options) => PrintOutcome.parse(await requester.request('printReceipt', { document, auto: options.auto } satisfies PrintReceiptPayload));
}
