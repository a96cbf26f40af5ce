import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';

// 47: an audit entry a terminal reported carries the terminal's own id for the report, unique, so
// a resend after a lost answer is audited once (product promise 1). Entries the hub writes itself
// have none (several NULLs are allowed by a unique index on both engines).

export async function up(db: Kysely<any>, _engine: Engine): Promise<void> {
  await db.schema.alterTable('audit_log').addColumn('report_key', 'text').execute();
  await db.schema.createIndex('audit_log_by_report_key').unique().on('audit_log').column('report_key').execute();
}
