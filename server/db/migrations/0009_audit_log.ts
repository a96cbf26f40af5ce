import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { appendOnly, oneOf, strict, withSequenceKey } from './engineDdl.js';

// 9: the audit log: every state change and every view of personal data — who (kind, id, role),
// what (action), which case or record, the outcome (ok / denied) and from where. It holds
// references, never the personal data itself, and the database refuses to change or delete it.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('audit_log')
    .$call(withSequenceKey(engine, 'audit_seq'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'text', (c) => c.notNull().check(oneOf('actor_kind', ['staff', 'terminal', 'system', 'anonymous'])))
    .addColumn('actor_id', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text')
    .addColumn('record_kind', 'text')
    .addColumn('record_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().check(oneOf('outcome', ['ok', 'denied'])))
    .addColumn('source', 'text')
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('audit_log_by_at').on('audit_log').column('at').execute();
  await db.schema.createIndex('audit_log_by_case').on('audit_log').columns(['case_id', 'at']).execute();
  await db.schema.createIndex('audit_log_by_actor').on('audit_log').columns(['actor_id', 'at']).execute();
  await appendOnly(db, engine, 'audit_log');
}
