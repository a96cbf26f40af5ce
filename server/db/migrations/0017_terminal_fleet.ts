import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict, withSequenceKey } from './engineDdl.js';

// 16: the terminals as a fleet (server/DATA.md "Terminals"; rules in shared/terminals/). The latest
// heartbeat of each terminal and a bounded history (pruned by count per terminal); alerts raised
// and cleared (at most one open alert of a kind per terminal); configuration pushed to a site or a
// terminal, versioned by one court-wide counter so "the version a terminal applied" has one
// meaning; restart and resync requests until the terminal reports them done. No personal data.

const alertKinds = ['offline', 'outbox_stuck', 'printer_paper_out', 'media_cache_broken'];

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('terminal_status')
    .addColumn('terminal_id', 'text', (c) => c.primaryKey().references('terminals.terminal_id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('app_version', 'text', (c) => c.notNull())
    .addColumn('screen', 'text', (c) => c.notNull())
    .addColumn('config_version', 'integer', (c) => c.notNull().defaultTo(0))
    /** shared/terminals/heartbeat.ts Heartbeat, as received */
    .addColumn('heartbeat_json', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('terminal_heartbeats')
    .$call(withSequenceKey(engine, 'heartbeat_seq'))
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('heartbeat_json', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('terminal_heartbeats_by_terminal').on('terminal_heartbeats').columns(['terminal_id', 'heartbeat_seq']).execute();

  await db.schema
    .createTable('terminal_alerts')
    .addColumn('alert_id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', alertKinds)))
    .addColumn('raised_at', 'text', (c) => c.notNull())
    .addColumn('cleared_at', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', 'text')
    .addColumn('note', 'text')
    .$call(strict(engine))
    .execute();
  await db.schema
    .createIndex('terminal_alerts_one_open')
    .on('terminal_alerts')
    .columns(['terminal_id', 'kind'])
    .unique()
    .where(sql<boolean>`cleared_at is null`)
    .execute();
  await db.schema.createIndex('terminal_alerts_by_raised').on('terminal_alerts').column('raised_at').execute();

  await db.schema
    .createTable('terminal_config')
    .addColumn('version', 'integer', (c) => c.primaryKey().check(sql`version > 0`))
    .addColumn('target_kind', 'text', (c) => c.notNull().check(oneOf('target_kind', ['site', 'terminal'])))
    .addColumn('target_id', 'text', (c) => c.notNull())
    /** shared/terminals/heartbeat.ts TerminalSettings (the whole set, not a patch) */
    .addColumn('settings_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('terminal_config_by_target').on('terminal_config').columns(['target_kind', 'target_id', 'version']).execute();

  await db.schema
    .createTable('terminal_commands')
    .addColumn('command_id', 'text', (c) => c.primaryKey())
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(oneOf('kind', ['restart', 'resync'])))
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('outcome', 'text', (c) => c.check(oneOf('outcome', ['done', 'failed'])))
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('terminal_commands_open').on('terminal_commands').columns(['terminal_id', 'done_at']).execute();
}
