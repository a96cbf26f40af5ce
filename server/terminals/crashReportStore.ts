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
      // One statement, so it judges "newest" by one snapshot. Reading the kept ids first and
      // deleting the rest in a second statement lost reports on PostgreSQL: two reports of one
      // terminal arriving together each kept only its own row, and the later delete (READ
      // COMMITTED sees what committed in between) removed the other's.
      await db
        .deleteFrom('terminal_crash_reports')
        .where('terminal_id', '=', terminalId)
        .where('report_id', 'not in', (eb) =>
          eb
            .selectFrom('terminal_crash_reports as kept')
            .select('kept.report_id')
            .where('kept.terminal_id', '=', terminalId)
            .orderBy('kept.received_at', 'desc')
            .orderBy('kept.report_id', 'desc')
            .limit(CRASH_REPORTS_KEPT),
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
