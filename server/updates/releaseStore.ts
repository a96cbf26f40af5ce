import { Rollout, type ReleaseView, type UpdateReport } from '../../shared/updates/release.js';
import { inTransaction, type DbScope } from '../db/engine.js';

// Kiosk releases, their rollouts and the terminals' reports: the only SQL of server/updates/.

export interface NewRelease {
  version: string;
  uploadedAt: string;
  uploadedBy: string;
  rollout: Rollout;
  channels: Array<{ file: string; yml: string }>;
  files: Array<{ name: string; sha512: string | null; size: number }>;
}

export type ReleaseStore = ReturnType<typeof releaseStore>;

export function releaseStore() {
  return {
    /** Stores a release whole; false when its version or one of its file names is taken. */
    async add(scope: DbScope, r: NewRelease): Promise<boolean> {
      return inTransaction(scope, async ({ db }) => {
        const taken = await db.selectFrom('kiosk_releases').select('version').where('version', '=', r.version).executeTakeFirst();
        const names = r.files.map((f) => f.name);
        const clash = await db.selectFrom('kiosk_release_files').select('name').where('name', 'in', names).executeTakeFirst();
        if (taken || clash) return false;
        await db
          .insertInto('kiosk_releases')
          .values({ version: r.version, uploaded_at: r.uploadedAt, uploaded_by: r.uploadedBy, rollout_json: JSON.stringify(r.rollout) })
          .execute();
        await db
          .insertInto('kiosk_release_channels')
          .values(r.channels.map((c) => ({ version: r.version, channel_file: c.file, manifest_yml: c.yml })))
          .execute();
        await db
          .insertInto('kiosk_release_files')
          .values(r.files.map((f) => ({ name: f.name, version: r.version, sha512: f.sha512, size: f.size })))
          .execute();
        return true;
      });
    },

    async exists(scope: DbScope, version: string): Promise<boolean> {
      return (await scope.db.selectFrom('kiosk_releases').select('version').where('version', '=', version).executeTakeFirst()) !== undefined;
    },

    async setRollout(scope: DbScope, version: string, rollout: Rollout): Promise<boolean> {
      const r = await scope.db
        .updateTable('kiosk_releases')
        .set({ rollout_json: JSON.stringify(rollout) })
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },

    /** Every release's version and rollout (what the rule chooses from). */
    async rollouts(scope: DbScope): Promise<Array<{ version: string; rollout: Rollout }>> {
      const rows = await scope.db.selectFrom('kiosk_releases').select(['version', 'rollout_json']).execute();
      return rows.map((r) => ({ version: r.version, rollout: Rollout.parse(JSON.parse(r.rollout_json)) }));
    },

    async views(scope: DbScope): Promise<ReleaseView[]> {
      const { db } = scope;
      const [releases, channels, files, running, failed] = await Promise.all([
        db.selectFrom('kiosk_releases').selectAll().execute(),
        db.selectFrom('kiosk_release_channels').select(['version', 'channel_file']).orderBy('channel_file').execute(),
        db.selectFrom('kiosk_release_files').select(['version', 'name', 'size']).orderBy('name').execute(),
        db
          .selectFrom('terminal_status')
          .select(['app_version', (eb) => eb.fn.countAll<number>().as('n')])
          .groupBy('app_version')
          .execute(),
        db
          .selectFrom('kiosk_update_reports')
          .select(['version', (eb) => eb.fn.countAll<number>().as('n')])
          .where('outcome', '=', 'failed')
          .groupBy('version')
          .execute(),
      ]);
      return releases.map((r) => ({
        version: r.version,
        uploadedAt: r.uploaded_at,
        uploadedBy: r.uploaded_by,
        rollout: Rollout.parse(JSON.parse(r.rollout_json)),
        channels: channels.filter((c) => c.version === r.version).map((c) => c.channel_file),
        files: files.filter((f) => f.version === r.version).map((f) => ({ name: f.name, size: Number(f.size) })),
        running: Number(running.find((x) => x.app_version === r.version)?.n ?? 0),
        failed: Number(failed.find((x) => x.version === r.version)?.n ?? 0),
      }));
    },

    async channelManifest(scope: DbScope, version: string, channelFile: string): Promise<string | null> {
      const row = await scope.db.selectFrom('kiosk_release_channels').select('manifest_yml').where('version', '=', version).where('channel_file', '=', channelFile).executeTakeFirst();
      return row?.manifest_yml ?? null;
    },

    async file(scope: DbScope, name: string): Promise<{ version: string; size: number } | null> {
      const row = await scope.db.selectFrom('kiosk_release_files').select(['version', 'size']).where('name', '=', name).executeTakeFirst();
      return row ? { version: row.version, size: Number(row.size) } : null;
    },

    /** What the rollout rule needs to know about a terminal: its site, the version its last heartbeat named, the versions that failed on it. */
    async terminalFacts(scope: DbScope, terminalId: string): Promise<{ siteId: string | null; running: string | null; failed: Set<string> }> {
      const { db } = scope;
      const terminal = await db.selectFrom('terminals').select('site_id').where('terminal_id', '=', terminalId).executeTakeFirst();
      const status = await db.selectFrom('terminal_status').select('app_version').where('terminal_id', '=', terminalId).executeTakeFirst();
      const failed = await db.selectFrom('kiosk_update_reports').select('version').where('terminal_id', '=', terminalId).where('outcome', '=', 'failed').execute();
      return { siteId: terminal?.site_id ?? null, running: status?.app_version ?? null, failed: new Set(failed.map((f) => f.version)) };
    },

    /** The terminal's latest word on a version (a retried report changes nothing). */
    async report(scope: DbScope, terminalId: string, report: UpdateReport, at: string): Promise<void> {
      await scope.db
        .insertInto('kiosk_update_reports')
        .values({ terminal_id: terminalId, version: report.version, outcome: report.outcome, previous_version: report.previousVersion, reported_at: at })
        .onConflict((oc) => oc.columns(['terminal_id', 'version']).doUpdateSet({ outcome: report.outcome, previous_version: report.previousVersion, reported_at: at }))
        .execute();
    },
  };
}
