import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { RunningHub } from './hubHarness.js';

// Everything a test hub has stored, as bytes to search for personal data in clear: on SQLite the
// database file itself, copied as a thief would copy it (after a checkpoint, so the WAL's pages are
// in it); on PostgreSQL every row of every table, as text.

export async function storedBytes(running: RunningHub): Promise<Buffer> {
  const { database } = running.hub;
  if (database.engine === 'sqlite') {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(database.db);
    const copy = path.join(running.dataDir, 'copy.sqlite');
    fs.copyFileSync(path.join(running.dataDir, 'hub.sqlite'), copy);
    return fs.readFileSync(copy);
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
