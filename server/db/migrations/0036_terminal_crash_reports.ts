import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 36: crash reports the terminals send (issue 14 item 10; shared/terminals/crashReport.ts): what
// failed on a kiosk — the renderer or the agent — with its versions, the kind of screen shown and
// the error's message and stack, scrubbed of anything that could be a resident on the kiosk and
// again here. One row per (terminal, report id): a resend replaces, never doubles. The newest
// CRASH_REPORTS_KEPT per terminal are kept.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('terminal_crash_reports')
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('report_id', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(oneOf('source', ['renderer', 'agent'])))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('app_version', 'text', (c) => c.notNull())
    /** shared/terminals/crashReport.ts CrashReport: versions, screen, message, stack (scrubbed) */
    .addColumn('report_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('terminal_crash_reports_pk', ['terminal_id', 'report_id'])
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('terminal_crash_reports_by_terminal').on('terminal_crash_reports').columns(['terminal_id', 'received_at']).execute();
}
