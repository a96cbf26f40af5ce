import { sql, type Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 4: legal-education playlist. Media files live in <dataDir>/playlist-media/<sha256>, a row per
// verified upload; items reference them with their schedule; one settings row (attract delay,
// volume schedule) that also records whether the default content was seeded; proof of play from
// the kiosks, idempotent by the kiosk's play id, with the court day for the report.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('playlist_media')
    .addColumn('sha256', 'text', (c) => c.primaryKey().check(sql`length(sha256) = 64`))
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size > 0`))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('playlist_items')
    .addColumn('item_id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sha256', 'text', (c) => c.notNull()) // playlist_media row (its file goes once no live item uses it)
    .addColumn('duration_ms', 'integer')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('muted', 'integer', (c) => c.notNull().check(sql`muted in (0, 1)`))
    .addColumn('schedule_json', 'text', (c) => c.notNull()) // shared/playlist.ts ItemSchedule
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text') // kept (titles for the play report), out of the manifest
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('playlist_settings')
    .addColumn('slot', 'integer', (c) => c.primaryKey().check(sql`slot = 1`))
    .addColumn('settings_json', 'text', (c) => c.notNull()) // shared/playlist.ts PlaylistSettings
    .addColumn('seeded_at', 'text') // when the default content was loaded (first start)
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('plays')
    .addColumn('play_id', 'text', (c) => c.primaryKey()) // the kiosk's UUID: resends are ignored
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('item_id', 'text', (c) => c.notNull()) // no foreign key: proof outlives a removed item
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(oneOf('outcome', ['completed', 'skipped'])))
    .addColumn('reason', 'text')
    .addColumn('court_day', 'text', (c) => c.notNull()) // started_at's date in court time (UTC+8)
    .addColumn('received_at', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();
  await db.schema.createIndex('plays_by_day').on('plays').columns(['court_day', 'item_id', 'terminal_id']).execute();
}
