import { CRASH_REPORTS_KEPT, type CrashReport, type CrashReportView } from '../../shared/terminals/crashReport.js';
import { inTransaction, type DbScope } from '../db/engine.js';

// The terminals' crash reports as the hub keeps them (server/DATA.md terminal_crash_reports): one
// row per (terminal, report id), so a kiosk that sends a report again replaces it; the newest
// CRASH_REPORTS_KEPT per terminal are kept. The only SQL over that table. Reports arrive scrubbed
// (shared/terminals/crashReport.ts) and are scrubbed again by the route before they come here.

export const crashReportStore = {
  async record(scope: DbScope, terminalId: string, report: CrashReport, receivedAt: string): Promise<void> {
    const { reportId, ...rest } = report;
    await inTransaction(scope, async ({ db }) => {
      await db
        .insertInto('terminal_crash_reports')
        .values({ terminal_id: terminalId, report_id: reportId, source: report.source, at: report.at, received_at: receivedAt, app_version: report.versions.app, report_json: JSON.stringify(rest) })
        .onConflict((oc) => oc.columns(['terminal_id', 'report_id']).doUpdateSet((eb) => ({ received_at: eb.ref('excluded.received_at'), report_json: eb.ref('excluded.report_json') })))
        .execute();
      const kept = await db
        .selectFrom('terminal_crash_reports')
        .select('report_id')
        .where('terminal_id', '=', terminalId)
        .orderBy('received_at', 'desc')
        .orderBy('report_id', 'desc')
        .limit(CRASH_REPORTS_KEPT)
        .execute();
      await db
        .deleteFrom('terminal_crash_reports')
        .where('terminal_id', '=', terminalId)
        .where(
          'report_id',
          'not in',
          kept.map((k) => k.report_id),
        )
        .execute();
    });
  },

  /** A terminal's reports, newest first. */
  async list({ db }: DbScope, terminalId: string): Promise<CrashReportView[]> {
    const rows = await db
      .selectFrom('terminal_crash_reports')
      .select(['received_at', 'report_json'])
      .where('terminal_id', '=', terminalId)
      .orderBy('received_at', 'desc')
      .orderBy('report_id', 'desc')
      .execute();
    return rows.map((r) => ({ ...(JSON.parse(r.report_json) as Omit<CrashReport, 'reportId'>), receivedAt: r.received_at }));
  },
};
export type CrashReportStore = typeof crashReportStore;
