import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubDatabase } from '../../server/db/database.js';
import { migrate, schemaVersion } from '../../server/db/migrations.js';
import { openIntakeStore } from '../../server/intake/store.js';
import { sampleApplication, tempDir } from '../support/fixtures.js';

// Migration 7 (one filing shape) on a hub file written by the previous schema: intakes carry over
// with their applications and their order; one without its application stops the migration and
// leaves the file as it was.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A hub file at schema 6 holding the given intakes (application JSON, or null for the first slice's summary-only rows). */
function schema6File(applications: Array<string | null>): string {
  const dir = tempDir('hub-migrate-');
  dirs.push(dir);
  const db = new Database(join(dir, 'hub.sqlite'));
  migrate(db, 6);
  db.prepare(`INSERT INTO terminals VALUES ('kiosk-a', 'A', '', 'hash-a', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')`).run();
  const insert = db.prepare(`INSERT INTO intakes (submission_id, terminal_id, request_fingerprint, provisional_number, language, submitted_at,
    received_at, case_number, dispute_type, form_json, application_json, attachments_json, ack_json)
    VALUES (?, 'kiosk-a', 'f', ?, 'zh-CN', '2026-03-05T06:00:00Z', '2026-03-05T06:00:01Z', ?, 'neighbour', '{}', ?, '[]', '{}')`);
  applications.forEach((json, i) => insert.run(`0000000${i}-0000-4000-8000-000000000000`, `kiosk-a-260305-000${i}`, `GS0102-2026-PM-00000${i}`, json));
  db.close();
  return dir;
}

describe('hub migrations', () => {
  it('carries intakes over to one filing shape: the application required, the summary form gone', () => {
    const first = sampleApplication({ name: '甲' });
    const second = sampleApplication({ name: '乙' });
    const dir = schema6File([JSON.stringify(first), JSON.stringify(second)]);
    const db = openHubDatabase(dir);
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion);
      const columns = (db.pragma('table_info(intakes)') as Array<{ name: string; notnull: number }>).map((c) => [c.name, c.notnull]);
      expect(columns).toContainEqual(['application_json', 1]);
      expect(columns.map(([name]) => name)).not.toContain('form_json');
      // Same received time: the newer row (higher rowid) still lists first.
      expect(openIntakeStore(db).recent(10).map((r) => r.application.applicant.name)).toEqual(['乙', '甲']);
      expect(openIntakeStore(db).byProvisionalKey('KIOSKA2603050001').map((r) => r.caseNumber)).toEqual(['GS0102-2026-PM-000001']);
    } finally {
      db.close();
    }
  });

  it('stops, and changes nothing, when an intake has no application', () => {
    const dir = schema6File([JSON.stringify(sampleApplication()), null]);
    expect(() => openHubDatabase(dir)).toThrow(/migration 7 failed, schema left at 6/);
    const db = new Database(join(dir, 'hub.sqlite'), { readonly: true });
    try {
      expect(db.pragma('user_version', { simple: true })).toBe(6);
      expect(db.prepare('SELECT count(*) AS n FROM intakes WHERE form_json IS NOT NULL').get()).toEqual({ n: 2 });
    } finally {
      db.close();
    }
  });
});
