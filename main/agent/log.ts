// Structured, minimal logging for the agent. Callers pass an event name and a few
// non-personal fields (ids, counts, codes). There is deliberately no way to log a payload:
// personal data must never reach a log (product promise 4).

export type LogFields = Record<string, string | number | boolean | null>;
export interface Log {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createLog(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Log {
  const emit =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      write(JSON.stringify({ t: new Date().toISOString(), level, event, ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** Describes an error by class and code only; messages can echo input, so they are dropped. */
export function errorKind(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    const name = (error as { name?: unknown }).name;
    return [typeof name === 'string' ? name : 'Error', typeof code === 'string' ? code : ''].filter(Boolean).join(':');
  }
  return typeof error;
}

export const silentLog: Log = { info() {}, warn() {}, error() {} };
