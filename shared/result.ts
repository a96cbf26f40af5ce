// The one shape every call result takes when it crosses a process boundary.

export const errorCodes = [
  'UNKNOWN_CALL', // no such call in the contract
  'INVALID_INPUT', // payload failed the contract's schema; `issues` says where
  'TOO_LARGE', // message exceeds the channel's size limit
  'UNAUTHORIZED', // sender or secret not accepted
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE', // the agent is restarting or a dependency is down; retry later
  'INTERNAL', // a bug: logged by code only, never with the payload
] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A field-level problem. `message` is an i18n key (see renderer/i18n), never free text. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface KioskError {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: KioskError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, issues?: FieldIssue[]): Result<never> => ({
  ok: false,
  error: issues && issues.length > 0 ? { code, message, issues } : { code, message },
});

/** Thrown by handlers for an expected, explainable failure; hosts turn it into a Result. */
export class KioskFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'KioskFailure';
  }
}
