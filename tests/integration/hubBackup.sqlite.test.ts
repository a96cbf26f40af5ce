import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { IntakeAck, hubPaths, type IntakeIngest } from '../../shared/hubProtocol.js';
import { backupSqlite, listBackups } from '../../server/backup/sqliteBackup.js';
import { RestoreRefused, restoreSqliteBackup } from '../../server/backup/restore.js';
import { bundleCli, type BundledCli } from '../support/bundledCli.js';
import { sampleIngest, tempDir } from '../support/fixtures.js';
import { startHub } from '../support/hubHarness.js';
import { enrollTerminal } from '../support/signallingClients.js';

// The SQLite engine's backups (server/backup/): an online backup taken while intakes arrive, then
// the hub stopped, the backup restored with the operator's command (`npm run hub:restore`), and
// the kiosks re-sending everything they delivered since: the restored hub answers what it already
// had as replays (the same ack as before) and records what it lacked, once. Nothing lost, nothing
// doubled.

let cli: BundledCli;

beforeAll(async () => {
  cli = await bundleCli('server/backup/restoreCli.ts', 'hub-restore-cli-');
});

function runRestore(dataDir: string, file: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli.entry, file], { cwd: cli.work, env: { PATH: process.env.PATH ?? '', HUB_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

async function send(url: string, credential: string, intake: IntakeIngest): Promise<{ status: number; body: string }> {
  const res = await fetch(new URL(hubPaths.intakes, url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': intake.submissionId, authorization: `Bearer ${credential}` },
    body: JSON.stringify(intake),
  });
  return { status: res.status, body: await res.text() };
}

describe('SQLite backup and restore', () => {
  it('restores a backup taken under traffic; kiosks re-sending since then leave nothing lost and nothing doubled', async () => {
    const dataDir = tempDir('hub-backup-');
    const first = await startHub({ dataDir });
    const credential = await enrollTerminal(first.url, 'KSK-BACKUP-1');
    const before = Array.from({ length: 4 }, () => sampleIngest());
    const during = Array.from({ length: 3 }, () => sampleIngest());
    const after = Array.from({ length: 3 }, () => sampleIngest());
    const acks = new Map<string, string>();
    const deliver = async (intake: IntakeIngest) => {
      const answer = await send(first.url, credential, intake);
      expect(answer.status).toBe(201);
      acks.set(intake.submissionId, answer.body);
    };
    for (const intake of before) await deliver(intake);
    // The backup runs while more intakes arrive; others come after it.
    const [backupFile] = await Promise.all([first.hub.backups!.now(), ...during.map(deliver)]);
    for (const intake of after) await deliver(intake);
    expect(listBackups(path.join(dataDir, 'backups'))).toEqual([backupFile]);

    // A running hub is never restored over.
    expect(() => restoreSqliteBackup(dataDir, backupFile, new Date())).toThrow(RestoreRefused);
    await first.close();

    const restored = await runRestore(dataDir, backupFile);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/^hub:restore: restored .*; the replaced database is kept as .*hub\.sqlite\.replaced-/);

    const second = await startHub({ dataDir });
    try {
      const held = new Set((await second.intakes()).map((r) => r.submission_id));
      // The backup holds the intakes before it, and may hold some that arrived while it ran.
      for (const intake of before) expect(held.has(intake.submissionId)).toBe(true);
      const lacking = [...during, ...after].filter((intake) => !held.has(intake.submissionId));
      expect(lacking).toEqual(expect.arrayContaining(after));

      // Every kiosk re-sends what it delivered since the backup began, the earlier ones too.
      for (const intake of [...before, ...during, ...after]) {
        const answer = await send(second.url, credential, intake);
        const isNew = lacking.includes(intake);
        expect(answer.status).toBe(isNew ? 201 : 200);
        IntakeAck.parse(JSON.parse(answer.body));
        // A replay is the ack the kiosk was given before (a re-recorded one is acknowledged anew).
        if (!isNew) expect(answer.body).toBe(acks.get(intake.submissionId));
      }
      const rows = await second.intakes();
      expect(rows.map((r) => r.submission_id).sort()).toEqual([...before, ...during, ...after].map((i) => i.submissionId).sort());
      // Each intake, re-recorded or not, is one dispute case: none lost, none doubled.
      const cases = await second.hub.database.db.selectFrom('cases').select('submission_id').where('submission_id', 'is not', null).execute();
      expect(cases.map((c) => c.submission_id).sort()).toEqual(rows.map((r) => r.submission_id).sort());
    } finally {
      await second.close();
    }
  });

  it('keeps the newest backups only', async () => {
    const dir = tempDir('hub-backup-rotate-');
    const db = new Database(path.join(dir, 'hub.sqlite'));
    try {
      db.exec('create table kysely_migration (name text primary key, timestamp text)');
      const taken: string[] = [];
      for (let i = 0; i < 4; i++) taken.push(await backupSqlite(db, path.join(dir, 'backups'), new Date(Date.UTC(2026, 0, 1, i)), 2));
      expect(listBackups(path.join(dir, 'backups'))).toEqual(taken.slice(2));
    } finally {
      db.close();
    }
  });

  it('refuses a file that is not a backup of the hub, in one line, and leaves the hub database alone', async () => {
    const dataDir = tempDir('hub-restore-refused-');
    const hub = await startHub({ dataDir, backup: false });
    await hub.close();
    const stranger = path.join(dataDir, 'other.sqlite');
    new Database(stranger).exec('create table t (x)');
    const garbage = path.join(dataDir, 'garbage.sqlite');
    fs.writeFileSync(garbage, 'not a database at all, not even close to one');
    const hubBytes = fs.readFileSync(path.join(dataDir, 'hub.sqlite'));
    for (const [file, reason] of [
      [stranger, /is not a backup of the hub's database/],
      [garbage, /not a (readable )?SQLite database/],
      [path.join(dataDir, 'missing.sqlite'), /no backup at/],
    ] as const) {
      const result = await runRestore(dataDir, file);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(reason);
      expect(result.err.trim().split('\n')).toHaveLength(1);
    }
    expect(fs.readFileSync(path.join(dataDir, 'hub.sqlite')).equals(hubBytes)).toBe(true);
  });
});
