import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 42: help requests from the kiosks ("请工作人员协助", shared/terminals/helpRequest.ts): which
// terminal asked, why (general help, or a name character the keyboard does not offer) and on
// which kind of screen — never who. One row per (terminal, request id): a resend replaces, never
// doubles. Staff mark one handled (who and when); the row stays as the record of it.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('terminal_help_requests')
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().check(oneOf('reason', ['general', 'rareCharacter'])))
    .addColumn('screen', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('handled_at', 'text')
    .addColumn('handled_by', 'text')
    .addPrimaryKeyConstraint('terminal_help_requests_pk', ['terminal_id', 'request_id'])
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('terminal_help_requests_open').on('terminal_help_requests').columns(['handled_at', 'received_at']).execute();
}
