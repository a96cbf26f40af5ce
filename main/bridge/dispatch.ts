import type { z } from 'zod';
import { calls, isCallName, maxBytesFor, type CallInput, type CallName, type CallOutput } from '../../shared/contract.js';
import { fail, KioskFailure, ok, type FieldIssue, type Result } from '../../shared/result.js';

// Turns untrusted (name, payload) pairs from any host into validated handler calls and
// contract-shaped results. Shared by the Electron agent process and the browser host, so
// both reject exactly the same things in exactly the same way.

export type CallHandlers = {
  [K in CallName]: (input: z.output<(typeof calls)[K]['input']>) => Promise<CallOutput<K>> | CallOutput<K>;
};

export interface DispatchOptions {
  /** Called with the call name and error only: payloads may hold personal data. */
  onInternalError?: (name: CallName, error: unknown) => void;
}

export type Dispatch = (name: unknown, input: unknown, sizeBytes?: number) => Promise<Result<unknown>>;

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function createDispatch(handlers: CallHandlers, options: DispatchOptions = {}): Dispatch {
  return async (name, input, sizeBytes) => {
    if (!isCallName(name)) return fail('UNKNOWN_CALL', `Unknown call: ${String(name).slice(0, 80)}`);
    const size = sizeBytes ?? measure(input);
    if (size > maxBytesFor(name)) return fail('TOO_LARGE', `Message for ${name} exceeds ${maxBytesFor(name)} bytes`);
    const parsed = calls[name].input.safeParse(input);
    if (!parsed.success) return fail('INVALID_INPUT', `Invalid input for ${name}`, zodIssues(parsed.error));
    try {
      const handler = handlers[name] as (i: unknown) => unknown;
      const value = await handler(parsed.data);
      // Output is validated too: a handler bug must not leak an unexpected shape to the UI.
      const out = calls[name].output.safeParse(value);
      if (!out.success) {
        options.onInternalError?.(name, new Error(`Handler output for ${name} broke the contract`));
        return fail('INTERNAL', 'Internal error');
      }
      return ok(out.data);
    } catch (error) {
      if (error instanceof KioskFailure) return fail(error.code, error.message, error.issues);
      options.onInternalError?.(name, error);
      return fail('INTERNAL', 'Internal error');
    }
  };
}

function measure(input: unknown): number {
  if (input === undefined) return 0;
  try {
    return Buffer.byteLength(JSON.stringify(input));
  } catch {
    return Number.POSITIVE_INFINITY; // cyclic or unserialisable: never acceptable
  }
}

export type { CallInput };
