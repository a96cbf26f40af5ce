import type { Kysely } from 'kysely';
import type { Engine } from '../engine.js';
import { oneOf, strict } from './engineDdl.js';

// 28: kiosk releases served to electron-updater (issue 14 item 8; server/updates/). A release is
// a version with its latest*.yml per platform (kept as uploaded) and its files (installers,
// blockmaps) stored under <dataDir>/releases/<version>/; its rollout (sites or a percentage) is
// chosen by staff. Terminals report each version that passed or failed its start-up check, and a
// failed version is not offered to that terminal again. No personal data.

export async function up(db: Kysely<any>, engine: Engine): Promise<void> {
  await db.schema
    .createTable('kiosk_releases')
    .addColumn('version', 'text', (c) => c.primaryKey())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    /** shared/updates/release.ts Rollout */
    .addColumn('rollout_json', 'text', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('kiosk_release_channels')
    .addColumn('version', 'text', (c) => c.notNull().references('kiosk_releases.version'))
    .addColumn('channel_file', 'text', (c) => c.notNull())
    .addColumn('manifest_yml', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kiosk_release_channels_pk', ['version', 'channel_file'])
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('kiosk_release_files')
    // file names carry the version (electron-builder's artifactName), so one name is one file
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('version', 'text', (c) => c.notNull().references('kiosk_releases.version'))
    /** base64, as in the yml; null for a blockmap (the yml names only its size) */
    .addColumn('sha512', 'text')
    .addColumn('size', 'integer', (c) => c.notNull())
    .$call(strict(engine))
    .execute();

  await db.schema
    .createTable('kiosk_update_reports')
    .addColumn('terminal_id', 'text', (c) => c.notNull().references('terminals.terminal_id'))
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(oneOf('outcome', ['running', 'failed'])))
    .addColumn('previous_version', 'text')
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('kiosk_update_reports_pk', ['terminal_id', 'version'])
    .$call(strict(engine))
    .execute();
}
