import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { RunningHub } from './hubHarness.js';

// Everything a test hub has stored, as bytes to search for personal data in clear: on SQLite the
// database file and its WAL as they lie on disk, then the file again after a checkpoint (as a thief
// would copy it); on PostgreSQL every row of every table, as text.

export async function storedBytes(running: RunningHub): Promise<Buffer> {
  const { database } = running.hub;
  if (database.engine === 'sqlite') {
    const raw = ['hub.sqlite', 'hub.sqlite-wal'].map((name) => path.join(running.dataDir, name)).filter((file) => fs.existsSync(file));
    const before = raw.map((file) => fs.readFileSync(file));
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    const copy = path.join(running.dataDir, 'copy.sqlite');
    fs.copyFileSync(path.join(running.dataDir, 'hub.sqlite'), copy);
    return Buffer.concat([...before, fs.readFileSync(copy)]);
  }
  const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db);
  const parts: string[] = [];
  for (const { table_name } of tables.rows) {
    const rows = await sql<{ row: string }>`select t::text as row from ${sql.table(table_name)} t`.execute(database.db);
    parts.push(...rows.rows.map((r) => r.row));
  }
  if (parts.length < 10) throw new Error('the database looks empty');
  return Buffer.from(parts.join('\n'));
}
