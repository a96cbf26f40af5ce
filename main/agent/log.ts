import * as fs from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { CappedLogFile, DEFAULT_LOG_CAPS, type LogCaps } from '../../shared/cappedLogFile.js';

// Structured, minimal logging for the agent (pino: one JSON object a line, level and ISO time).
// Callers pass an event name and a few non-personal fields (ids, counts, codes). There is
// deliberately no way to log a payload: personal data must never reach a log (product promise 4).
// Besides the host's stream, the agent keeps its own capped file (<dataDir>/logs/agent.log, see
// shared/cappedLogFile.ts) for the court's IT clerk.

export type LogFields = Record<string, string | number | boolean | null>;
export interface Log {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createLog(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Log {
  const logger = pino(
    { base: null, messageKey: 'event', timestamp: pino.stdTimeFunctions.isoTime, formatters: { level: (label) => ({ level: label }) } },
    { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) },
  );
  return {
    info: (event, fields = {}) => logger.info(fields, event),
    warn: (event, fields = {}) => logger.warn(fields, event),
    error: (event, fields = {}) => logger.error(fields, event),
  };
}

/** A log to a capped file (rotated, at most caps.maxBytes × (keep + 1) on disk), and how to close it. */
export function fileLog(path: string, caps: LogCaps = DEFAULT_LOG_CAPS): { log: Log; close: () => void } {
  const file = new CappedLogFile(path, caps, fs);
  return { log: createLog((line) => file.write(line)), close: () => file.close() };
}

/** Where the agent keeps its log file. */
export const agentLogPath = (dataDir: string) => join(dataDir, 'logs', 'agent.log');

/** Every line to both logs. */
export function teeLog(a: Log, b: Log): Log {
  return {
    info: (event, fields) => (a.info(event, fields), b.info(event, fields)),
    warn: (event, fields) => (a.warn(event, fields), b.warn(event, fields)),
    error: (event, fields) => (a.error(event, fields), b.error(event, fields)),
  };
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
