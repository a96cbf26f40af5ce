import { RestoreRefused, restoreSqliteBackup } from './restore.js';

// `npm run hub:restore -- FILE`: puts a backup (data/hub/backups/hub-….sqlite) in place of the
// hub's SQLite file in HUB_DATA_DIR (./data/hub), with the hub stopped. One line on success or
// refusal. PostgreSQL is restored with its own tools (server/README.md, "Backups").

const file = process.argv[2];
const dataDir = process.env.HUB_DATA_DIR || './data/hub';
if (!file || process.argv.length > 3) {
  process.stderr.write('hub:restore: usage: npm run hub:restore -- BACKUP_FILE   (HUB_DATA_DIR says which hub, default ./data/hub)\n');
  process.exit(2);
}
if (process.env.HUB_DATABASE_URL) {
  process.stderr.write('hub:restore: HUB_DATABASE_URL is set: restore PostgreSQL with pg_restore (server/README.md, "Backups")\n');
  process.exit(2);
}
try {
  const { keptAs } = restoreSqliteBackup(dataDir, file, new Date());
  console.log(`hub:restore: restored ${file} into ${dataDir}${keptAs ? `; the replaced database is kept as ${keptAs}` : ''}`);
} catch (error) {
  process.stderr.write(`hub:restore: ${error instanceof RestoreRefused ? error.message : `failed: ${(error as Error).message}`}\n`);
  process.exit(1);
}
