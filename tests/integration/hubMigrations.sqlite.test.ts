import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { IntakeAck, EnrollResponse, hubPaths } from '../../shared/hubProtocol.js';
import { openHubDatabase } from '../../server/db/database.js';
import { hubMigrations } from '../../server/db/migrations/index.js';
import { sampleApplication, sampleIngest, tempDir } from '../support/fixtures.js';
import { startHub } from '../support/hubHarness.js';
import { migrateLegacy } from '../support/legacyHubSchema.js';

// A hub data folder written by the hub before Kysely (SQLite, `PRAGMA user_version` = N, no
// `kysely_migration` table) is upgraded in place: its first N steps are adopted as done, the rest
// run on its data. Files are made with the old hub's own migrations (tests/support/legacyHubSchema.ts).

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function legacyFile(version: number, fill: (db: Database.Database) => void): string {
  const dir = tempDir('hub-migrate-');
  dirs.push(dir);
  const db = new Database(join(dir, 'hub.sqlite'));
  migrateLegacy(db, version);
  db.prepare(`INSERT INTO terminals VALUES ('kiosk-a', 'A', '', 'hash-a', '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z')`).run();
  fill(db);
  db.close();
  return dir;
}

const read = <T>(dir: string, query: string): T[] => {
  const db = new Database(join(dir, 'hub.sqlite'), { readonly: true });
  try {
    return db.prepare(query).all() as T[];
  } finally {
    db.close();
  }
};

/** A hub file at schema 6 holding the given intakes (application JSON, or null for the first slice's summary-only rows). */
function schema6File(applications: Array<string | null>): string {
  return legacyFile(6, (db) => {
    const insert = db.prepare(`INSERT INTO intakes (submission_id, terminal_id, request_fingerprint, provisional_number, language, submitted_at,
      received_at, case_number, dispute_type, form_json, application_json, attachments_json, ack_json)
      VALUES (?, 'kiosk-a', 'f', ?, 'zh-CN', '2026-03-05T06:00:00Z', '2026-03-05T06:00:01Z', ?, 'neighbour', '{}', ?, '[]', '{}')`);
    applications.forEach((json, i) => insert.run(`0000000${i}-0000-4000-8000-000000000000`, `kiosk-a-260305-000${i}`, `GS0102-2026-PM-00000${i + 1}`, json));
    db.prepare(`INSERT INTO case_sequences VALUES (2026, ?)`).run(applications.length);
  });
}

describe('hub migrations: a data folder of the hub before Kysely', () => {
  it('carries intakes over to one filing shape, then adds the court tables, on the data in place', async () => {
    const dir = schema6File([JSON.stringify(sampleApplication({ name: '甲' })), JSON.stringify(sampleApplication({ name: '乙' }))]);
    const db = await openHubDatabase({ dataDir: dir });
    await db.close();
    const columns = read<{ name: string; notnull: number }>(dir, 'PRAGMA table_info(intakes)').map((c) => [c.name, c.notnull]);
    expect(columns).toContainEqual(['application_json', 1]);
    expect(columns).toContainEqual(['case_number', 0]); // step 22: the court numbers the case, not the intake
    // The numbers intakes were given before step 22 stay as printed on their receipts.
    expect(read<{ n: string }>(dir, 'SELECT case_number AS n FROM intakes ORDER BY rowid').map((r) => r.n)).toEqual(['GS0102-2026-PM-000001', 'GS0102-2026-PM-000002']);
    expect(columns.map(([name]) => name)).not.toContain('form_json');
    // Same received time: the order they were received in (rowid) is kept.
    expect(read<{ a: string }>(dir, 'SELECT application_json AS a FROM intakes ORDER BY rowid').map((r) => JSON.parse(r.a).applicant.name)).toEqual(['甲', '乙']);
    expect(read(dir, 'SELECT name FROM kysely_migration ORDER BY name')).toEqual(hubMigrations.map((m) => ({ name: m.name })));
    expect(read(dir, 'PRAGMA user_version')).toEqual([{ user_version: hubMigrations.length }]);
    expect(read(dir, 'SELECT * FROM case_number_serials')).toEqual([{ court_code: 'GS0102', year: 2026, type_code: 'PM', last_serial: 2 }]);
    expect(read(dir, `SELECT name FROM sqlite_master WHERE name = 'case_sequences'`)).toEqual([]);
  });

  it('stops, and changes nothing, when an intake has no application', async () => {
    const dir = schema6File([JSON.stringify(sampleApplication()), null]);
    await expect(openHubDatabase({ dataDir: dir })).rejects.toThrow(/migration 7 failed, schema left at 6/);
    expect(read(dir, 'PRAGMA user_version')).toEqual([{ user_version: 6 }]);
    expect(read(dir, 'SELECT count(*) AS n FROM intakes WHERE form_json IS NOT NULL')).toEqual([{ n: 2 }]);
    expect(read(dir, `SELECT name FROM sqlite_master WHERE name IN ('sites', 'cases')`)).toEqual([]);
  });

  it('upgrades a working hub of the last schema: staff, sessions, calls, plays and case numbers go on', async () => {
    const application = JSON.stringify(sampleApplication({ name: '王芳' }));
    const dir = legacyFile(7, (db) => {
      db.prepare(`INSERT INTO staff (username, password_hash, created_at, role, display_name) VALUES ('admin', 'x', '2026-03-01T00:00:00Z', 'admin', '')`).run();
      db.prepare(`INSERT INTO staff (username, password_hash, created_at, role, display_name) VALUES ('li', 'y', '2026-03-01T00:00:00Z', 'mediator', '李调解')`).run();
      db.prepare(`INSERT INTO staff_sessions VALUES ('t1', 'li', '2026-03-01T00:00:00Z', '2099-01-01T00:00:00Z')`).run();
      for (let i = 1; i <= 3; i++) {
        db.prepare(
          `INSERT INTO intakes (submission_id, terminal_id, request_fingerprint, provisional_number, language, submitted_at,
          received_at, case_number, dispute_type, application_json, ack_json)
          VALUES (?, 'kiosk-a', 'f', ?, 'zh-CN', '2026-03-05T06:00:00Z', '2026-03-05T06:00:01Z', ?, 'neighbour', ?, '{}')`,
        ).run(`0000000${i}-0000-4000-8000-000000000000`, `kiosk-a-260305-000${i}`, `GS0102-2026-PM-00000${i}`, application);
      }
      db.prepare(`INSERT INTO case_sequences VALUES (2026, 3)`).run();
      db.prepare(
        `INSERT INTO call_records (call_id, terminal_id, submission_id, language, queued_at, answered_at, mediator)
        VALUES ('call-1', 'kiosk-a', '00000001-0000-4000-8000-000000000000', 'zh-CN', '2026-03-05T06:01:00Z', '2026-03-05T06:02:00Z', 'li')`,
      ).run();
      db.prepare(`INSERT INTO plays VALUES ('p1', 'kiosk-a', 'item-1', ?, '2026-03-05T06:00:00Z', '2026-03-05T06:01:00Z', 'completed', NULL, '2026-03-05', '2026-03-05T06:01:00Z')`).run(
        'a'.repeat(64),
      );
    });

    const h = await startHub({ dataDir: dir, now: () => new Date('2026-06-01T02:00:00Z') });
    try {
      expect(await h.hub.database.db.selectFrom('staff').select(['username', 'role', 'display_name', 'active']).orderBy('username').execute()).toEqual([
        { username: 'admin', role: 'court_admin', display_name: '', active: 1 },
        { username: 'li', role: 'mediator', display_name: '李调解', active: 1 },
      ]);
      // Sessions and call records still point at their staff member: no dangling reference anywhere.
      expect(h.hub.database.sqlite!.pragma('foreign_key_check')).toEqual([]);
      expect(await h.hub.database.db.selectFrom('terminals').select(['terminal_id', 'kind', 'site_id', 'retired_at']).execute()).toEqual([
        { terminal_id: 'kiosk-a', kind: 'kiosk', site_id: null, retired_at: null },
      ]);
      // The intakes numbered by the old hub keep their numbers; a new one waits for the court's.
      const enrolled = await fetch(h.url + hubPaths.enroll, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ enrollmentCode: 'test-enrollment-code-0001', terminalId: 'kiosk-b', name: 'B', location: '' }),
      });
      const { credential } = EnrollResponse.parse(await enrolled.json());
      const body = sampleIngest();
      const res = await fetch(h.url + hubPaths.intakes, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': body.submissionId },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(201);
      expect(IntakeAck.parse(await res.json()).caseNumber).toBeNull();
      expect((await h.hub.intakes.get('00000003-0000-4000-8000-000000000000'))?.caseNumber).toBe('GS0102-2026-PM-000003');
      expect((await h.hub.intakes.get(body.submissionId))?.caseNumber).toBeNull();
      expect(await h.hub.database.db.selectFrom('plays').select('play_id').execute()).toEqual([{ play_id: 'p1' }]);
    } finally {
      await h.close();
    }
  });

  it('refuses a file from a newer hub, before Kysely or after', async () => {
    const old = legacyFile(7, (db) => db.pragma('user_version = 8'));
    await expect(openHubDatabase({ dataDir: old })).rejects.toThrow(/schema 8, newer than this hub \(7\)/);

    const newer = legacyFile(1, () => undefined);
    await (await openHubDatabase({ dataDir: newer })).close();
    const db = new Database(join(newer, 'hub.sqlite'));
    db.prepare(`INSERT INTO kysely_migration VALUES ('9999_from_the_future', '2027-01-01T00:00:00Z')`).run();
    db.close();
    await expect(openHubDatabase({ dataDir: newer })).rejects.toThrow(/newer schema than this hub.*9999_from_the_future/);
  });

  it('refuses to be opened by the hub before Kysely once upgraded', async () => {
    const dir = legacyFile(7, () => undefined);
    await (await openHubDatabase({ dataDir: dir })).close();
    const db = new Database(join(dir, 'hub.sqlite'));
    try {
      expect(() => migrateLegacy(db)).toThrow(/newer than this hub/);
    } finally {
      db.close();
    }
  });
});
