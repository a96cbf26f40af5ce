import { parseRetryAfter } from '../../../shared/backoff.js';
import { updatePaths } from '../../../shared/updates/release.js';
import { crashReportPath } from '../../../shared/terminals/crashReport.js';
import { helpRequestPath } from '../../../shared/terminals/helpRequest.js';
import { adminPaths } from '../../../shared/kioskAdmin.js';
import type { Db } from '../db.js';
import { isRetryableStatus, networkReason } from '../hubClient.js';
import type { JobOutcome, JobRunner } from '../outbox/jobRunner.js';
import type { Outbox, OutboxJob } from '../outbox/outbox.js';

// Reports the kiosk owes the hub about itself — how an updated version started (passed its
// start-up check, or failed it and is rolled back), crash reports, help requests and what staff
// did on the kiosk's panel — queued in the outbox
// (kind 'report') in the same commit as their row, so a report made while the hub cannot be
// reached (a rolled-back version's first start is exactly such a moment) arrives once it can.
// A report's id says what it is about, so queuing the same report again replaces it, never
// doubles it. Bodies hold versions, codes and scrubbed text only: nothing about a resident.

export const reportKinds = ['update', 'crash', 'help', 'admin'] as const;
export type ReportKind = (typeof reportKinds)[number];

const reportPaths: Record<ReportKind, string> = { update: updatePaths.reports, crash: crashReportPath, help: helpRequestPath, admin: adminPaths.audit };

interface Row {
  report_id: string;
  kind: ReportKind;
  body: string;
}

export class TerminalReports {
  constructor(
    private readonly db: Db,
    private readonly outbox: Outbox,
    private readonly hubUrl: string,
    private readonly fetch: typeof globalThis.fetch,
    private readonly now: () => number,
  ) {}

  /** Queues `body` for the hub under `reportId` (a report already queued under it is replaced). */
  queue(kind: ReportKind, reportId: string, body: unknown): void {
    const at = this.now();
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO terminal_reports (report_id, kind, body, queued_at) VALUES (?, ?, ?, ?) ON CONFLICT(report_id) DO UPDATE SET body = excluded.body, queued_at = excluded.queued_at')
        .run(reportId, kind, JSON.stringify(body), at);
      this.outbox.enqueue('report', reportId, at);
    })();
  }

  /** Whether one report still waits for the hub's acknowledgement. */
  isPending(reportId: string): boolean {
    return this.db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM terminal_reports WHERE report_id = ?').get(reportId)!.n > 0;
  }

  /** Reports not yet acknowledged by the hub. */
  pending(): number {
    return this.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM terminal_reports').get()!.n;
  }

  runner(): JobRunner {
    const select = this.db.prepare<[string], Row>('SELECT report_id, kind, body FROM terminal_reports WHERE report_id = ?');
    const remove = this.db.prepare('DELETE FROM terminal_reports WHERE report_id = ?');
    return {
      send: async (jobs: OutboxJob[], { credential, signal }): Promise<JobOutcome> => {
        const job = jobs[0]!;
        const row = select.get(job.ref);
        if (!row) {
          this.outbox.complete(job.id);
          return { kind: 'settled' };
        }
        const outcome = await this.post(row, await credential(), signal);
        if (outcome.kind === 'delivered') {
          // acknowledged: the report leaves the kiosk with its job
          this.db.transaction(() => {
            remove.run(row.report_id);
            this.outbox.complete(job.id);
          })();
        }
        return outcome;
      },
    };
  }

  private async post(row: Row, credential: string, signal: AbortSignal): Promise<JobOutcome> {
    let res: Response;
    try {
      res = await this.fetch(new URL(reportPaths[row.kind], this.hubUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}` },
        body: row.body,
        signal: AbortSignal.any([signal, AbortSignal.timeout(15_000)]),
      });
    } catch (error) {
      return { kind: 'retry', reason: networkReason(error), retryAfterMs: null };
    }
    void res.body?.cancel();
    if (res.ok) return { kind: 'delivered' };
    if (res.status === 401) return { kind: 'unauthorized', reason: 'HTTP 401' };
    if (isRetryableStatus(res.status)) return { kind: 'retry', reason: `HTTP ${res.status}`, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')) };
    return { kind: 'rejected', reason: `HTTP ${res.status}` };
  }
}
