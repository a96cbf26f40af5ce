import { randomUUID } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CrashReport, scrubCrashReport, type RendererCrash } from '../../../shared/terminals/crashReport.js';
import type { ScreenState } from '../../../shared/terminals/heartbeat.js';
import { errorKind, type Log } from '../log.js';
import type { TerminalReports } from './terminalReports.js';

// Crash reports on the kiosk (issue 14 item 10). A process that is failing cannot be trusted with
// the database, so whoever sees the crash — the agent's own uncaught-error handler, the Electron
// shell when a renderer's process is gone — writes the report as a small file (scrubbed, 0600)
// into <dataDir>/crash-reports/ and nothing more. The agent collects these files when it starts
// and before each heartbeat, queuing each through the outbox ('report' job, ./terminalReports.ts)
// and deleting the file in the same step, so a report reaches the hub once the hub can be reached.
// A crash of the screen that its error boundary catches comes through the contract instead
// ('terminal.crash') and is queued at once.

export const crashReportDir = (dataDir: string) => join(dataDir, 'crash-reports');

export interface CrashVersions {
  app: string;
  electron?: string | null;
  chrome?: string | null;
}

/** A report of `error` from `source`, scrubbed of anything that could be a resident. */
export function crashReportOf(source: CrashReport['source'], failure: { message: string; stack: string }, versions: CrashVersions, screen: ScreenState, at: Date): CrashReport {
  return scrubCrashReport({
    reportId: randomUUID(),
    source,
    at: at.toISOString(),
    message: failure.message,
    stack: failure.stack,
    versions: { app: versions.app.slice(0, 40) || '0.0.0', node: process.versions.node, chrome: versions.chrome ?? null, electron: versions.electron ?? null },
    screen,
  });
}

/** The message and stack of a thrown value (scrubbed later, with the rest of the report). */
export function failureOf(error: unknown): { message: string; stack: string } {
  if (error instanceof Error) return { message: `${error.name}: ${error.message}`, stack: error.stack ?? '' };
  return { message: `thrown ${errorKind(error)}`, stack: '' };
}

/** Writes a report for the agent to collect; synchronous and self-contained, for a process about to end. */
export function writeCrashReport(dataDir: string, report: CrashReport): string {
  const dir = crashReportDir(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${report.reportId}.json`);
  const partial = `${file}.partial`;
  writeFileSync(partial, JSON.stringify(scrubCrashReport(report)), { mode: 0o600 });
  chmodSync(partial, 0o600);
  renameSync(partial, file); // whole or absent: a crash while writing leaves only a .partial, never read
  return file;
}

/** Queues every report written since the last look; a file that is not a report is removed (and said). Returns how many were queued. */
export function collectCrashReports(dataDir: string, reports: TerminalReports, log: Log): number {
  const dir = crashReportDir(dataDir);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  let queued = 0;
  for (const name of names) {
    const file = join(dir, name);
    if (name.endsWith('.partial')) {
      rmSync(file, { force: true });
      continue;
    }
    if (!name.endsWith('.json')) continue;
    let parsed: ReturnType<typeof CrashReport.safeParse> | null = null;
    try {
      parsed = CrashReport.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    } catch {
      parsed = null;
    }
    if (parsed?.success) {
      reports.queue('crash', parsed.data.reportId, scrubCrashReport(parsed.data));
      queued++;
      log.warn('crash.report_queued', { source: parsed.data.source });
    } else log.warn('crash.report_unreadable');
    rmSync(file, { force: true });
  }
  return queued;
}

/** The screen's own report of a failure (the contract's 'terminal.crash'). */
export function rendererCrashReport(crash: RendererCrash, versions: CrashVersions, at: Date): CrashReport {
  return crashReportOf('renderer', crash, versions, crash.screen, at);
}

/**
 * What a process's last-resort handler does with an error nobody caught: the report on disk for
 * the next start to send, a line in the log (its kind only). Never throws: it runs while failing.
 */
export function recordAgentCrash(dataDir: string, error: unknown, versions: CrashVersions, screen: ScreenState, log: Log): void {
  try {
    writeCrashReport(dataDir, crashReportOf('agent', failureOf(error), versions, screen, new Date()));
  } catch {
    // nowhere to write it: the log line below is all there is
  }
  log.error('agent.crashed', { kind: errorKind(error) });
}
