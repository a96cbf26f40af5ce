import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openHubDatabase, type HubDb } from '../../server/db/database.js';
import { hubMigrations } from '../../server/db/migrations/index.js';
import { tempDir } from '../support/fixtures.js';
import { testDatabase, testEngine } from '../support/hubEngine.js';

// The hub's database on the engine of this run (SQLite, or PostgreSQL in the integration-pg
// project): migrated to the same tables and columns, and keeping the rules the database itself
// enforces — append-only logs, one event per case and seq, the roles staff may have.

const opened: HubDb[] = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function freshDatabase(dir = tempDir('hub-db-')): Promise<{ db: HubDb; dir: string }> {
  dirs.push(dir);
  const db = await openHubDatabase(await testDatabase(dir));
  opened.push(db);
  return { db, dir };
}

/** Every table and its columns (server/DATA.md); `rowid` aside, which only PostgreSQL lists. */
const expectedTables: Record<string, string[]> = {
  sites: ['site_id', 'name', 'kind', 'parent_site_id', 'map_x', 'map_y', 'active', 'created_at'],
  organisations: ['organisation_id', 'name', 'kind', 'site_id', 'active', 'created_at'],
  staff: ['username', 'password_hash', 'created_at', 'role', 'display_name', 'organisation_id', 'site_id', 'active', 'must_change_password', 'kind', 'password_set_at', 'env_password_digest'],
  sign_in_limits: ['subject', 'failures', 'locked_until', 'last_failure_at'],
  data_key_check: ['id', 'check_value', 'created_at'],
  attempt_windows: ['bucket', 'attempt_key', 'window_index', 'attempts'],
  wrong_guesses: ['bucket', 'guess_key', 'window_ends', 'wrong'],
  site_admin_pins: ['site_id', 'salt', 'pin_hash', 'set_at', 'set_by'],
  kiosk_releases: ['version', 'uploaded_at', 'uploaded_by', 'rollout_json'],
  kiosk_release_channels: ['version', 'channel_file', 'manifest_yml'],
  kiosk_release_files: ['name', 'version', 'sha512', 'size'],
  kiosk_update_reports: ['terminal_id', 'version', 'outcome', 'previous_version', 'reported_at'],
  reference_cases: [
    'reference_case_id',
    'version',
    'title',
    'title_en',
    'dispute_type',
    'facts',
    'facts_en',
    'outcome',
    'outcome_en',
    'legal_basis',
    'legal_basis_en',
    'published',
    'created_by',
    'created_at',
    'updated_by',
    'updated_at',
  ],
  api_tokens: ['token_id', 'username', 'token_hash', 'label', 'created_at', 'created_by', 'expires_at', 'revoked_at'],
  staff_sessions: ['token_hash', 'username', 'created_at', 'expires_at'],
  audit_log: ['audit_seq', 'at', 'actor_kind', 'actor_id', 'actor_role', 'action', 'case_id', 'record_kind', 'record_id', 'outcome', 'source', 'report_key'],
  terminal_enrollment_tokens: ['token_hash', 'terminal_id', 'name', 'location', 'site_id', 'issued_at', 'issued_by', 'expires_at', 'used_at'],
  room_invitations: ['code_hash', 'invite_id', 'call_id', 'case_id', 'role', 'created_by', 'created_at', 'expires_at', 'failures', 'used_at', 'used_by'],
  room_recordings: [
    'recording_id',
    'call_id',
    'case_id',
    'started_at',
    'stopped_at',
    'stop_cause',
    'sha256',
    'size',
    'seconds',
    'mime_type',
    'expires_at',
    'deleted_at',
    'recorder_instance',
    'heartbeat_at',
  ],
  hearing_records: ['call_id', 'version', 'case_id', 'text_sealed', 'saved_by', 'saved_at'],
  record_signing_rounds: ['call_id', 'case_id', 'version', 'opened_at', 'stored_at'],
  record_signers: ['call_id', 'identity', 'seat', 'signer', 'label', 'answer', 'signature_sealed', 'answered_at'],
  guidance_rooms: ['slot', 'rooms_json', 'written_at'],
  court_words: ['slot', 'version', 'counted_at', 'list_json', 'recounted_at'],
  guest_passes: ['token_hash', 'call_id', 'pass_sealed', 'expires_at'],
  files_folder: ['slot', 'mark', 'claimed_at'],
  terminal_help_requests: ['terminal_id', 'request_id', 'reason', 'screen', 'at', 'received_at', 'handled_at', 'handled_by'],
  counter_sign_ins: ['sign_in_id', 'terminal_id', 'username', 'site_id', 'signed_in_at', 'expires_at'],
  agreement_terms: ['document_id', 'case_id', 'terms_sealed', 'created_at'],
  terminals: ['terminal_id', 'name', 'location', 'credential_hash', 'enrolled_at', 'credential_issued_at', 'site_id', 'kind', 'retired_at', 'revoked_at'],
  intakes: [
    'submission_id',
    'terminal_id',
    'request_fingerprint',
    'provisional_number',
    'language',
    'submitted_at',
    'received_at',
    'case_number',
    'dispute_type',
    'application_json',
    'attachments_json',
    'ack_json',
  ],
  attachments: ['submission_id', 'sha256', 'terminal_id', 'mime_type', 'size', 'upload_id', 'verified_at'],
  case_number_serials: ['court_code', 'year', 'type_code', 'last_serial'],
  cases: [
    'case_id',
    'kind',
    'state',
    'seq',
    'case_number',
    'dispute_type',
    'channel',
    'site_id',
    'terminal_id',
    'submission_id',
    'provisional_number',
    'organisation_id',
    'mediator',
    'received_at',
    'diverted_on',
    'mediation_due_date',
    'ruling_due_date',
    'dispute_case_id',
    'confirmation_case_id',
    'lawsuit_case_id',
    'file_json',
    'updated_at',
  ],
  case_events: [
    'event_id',
    'case_id',
    'seq',
    'type',
    'at',
    'court_day',
    'actor_kind',
    'actor_id',
    'actor_role',
    'site_id',
    'reason',
    'payload_json',
    'case_kind',
    'case_site_id',
    'dispute_type',
    'channel',
    'organisation_id',
    'mediator',
    'voids_event_id',
    'prev_hash',
    'hash',
    'actor_name',
    'actor_site_name',
  ],
  case_parties: ['case_id', 'role', 'idx', 'kind', 'name', 'id_number_sealed', 'id_number_index', 'phone_sealed', 'phone_index', 'address_sealed'],
  case_applications: ['case_id', 'application_sealed', 'created_at', 'deferred_json'],
  case_documents: ['document_id', 'case_id', 'kind', 'version', 'sha256', 'size', 'mime_type', 'storage_key', 'created_by', 'created_at'],
  document_signatures: ['document_id', 'signer_role', 'signer_index', 'method', 'signature_sha256', 'signed_at'],
  notification_outbox: ['notification_id', 'case_id', 'template', 'params_json', 'recipient_sealed', 'status', 'attempts', 'created_at', 'sent_at', 'last_error', 'claimed_until'],
  daily_counts: ['court_day', 'measure', 'site_id', 'organisation_id', 'mediator', 'dispute_type', 'channel', 'n'],
  daily_durations: ['court_day', 'measure', 'site_id', 'organisation_id', 'mediator', 'dispute_type', 'channel', 'days', 'n'],
  monthly_counts: ['month', 'measure', 'site_id', 'dispute_type', 'channel', 'n'],
  monthly_durations: ['month', 'measure', 'site_id', 'dispute_type', 'channel', 'days', 'n'],
  trend_warnings: ['warning_id', 'site_id', 'dispute_type', 'week_start', 'observed', 'baseline', 'upper_limit', 'rule_json', 'raised_at', 'status', 'acknowledged_at', 'acknowledged_by', 'note'],
  terminal_status: ['terminal_id', 'received_at', 'app_version', 'screen', 'config_version', 'heartbeat_json'],
  terminal_heartbeats: ['heartbeat_seq', 'terminal_id', 'received_at', 'heartbeat_json'],
  terminal_alerts: ['alert_id', 'terminal_id', 'kind', 'raised_at', 'cleared_at', 'acknowledged_at', 'acknowledged_by', 'note'],
  terminal_config: ['version', 'target_kind', 'target_id', 'settings_json', 'created_at', 'created_by'],
  terminal_commands: ['command_id', 'terminal_id', 'kind', 'requested_at', 'requested_by', 'delivered_at', 'done_at', 'outcome'],
  terminal_crash_reports: ['terminal_id', 'report_id', 'source', 'at', 'received_at', 'app_version', 'report_json'],
  call_records: [
    'call_id',
    'terminal_id',
    'submission_id',
    'language',
    'queued_at',
    'answered_at',
    'mediator',
    'ended_at',
    'duration_s',
    'end_reason',
    'outcome',
    'notes',
    'outcome_at',
    'case_ticket',
  ],
  playlist_media: ['sha256', 'mime_type', 'size', 'added_at'],
  playlist_items: ['item_id', 'title', 'title_en', 'sha256', 'duration_ms', 'position', 'muted', 'schedule_json', 'created_at', 'updated_at', 'removed_at'],
  playlist_settings: ['slot', 'settings_json', 'seeded_at'],
  plays: ['play_id', 'terminal_id', 'item_id', 'sha256', 'started_at', 'ended_at', 'outcome', 'reason', 'court_day', 'received_at'],
};

const at = '2026-03-05T06:00:00.000Z';

async function addCase(db: HubDb, caseId = randomUUID()): Promise<string> {
  await db.db
    .insertInto('cases')
    .values({
      case_id: caseId,
      kind: 'dispute',
      state: 'received',
      seq: 1,
      case_number: null,
      dispute_type: 'neighbour',
      channel: 'court',
      site_id: null,
      terminal_id: null,
      submission_id: null,
      provisional_number: null,
      organisation_id: null,
      mediator: null,
      received_at: at,
      diverted_on: null,
      mediation_due_date: null,
      ruling_due_date: null,
      dispute_case_id: null,
      confirmation_case_id: null,
      lawsuit_case_id: null,
      file_json: '{}',
      updated_at: at,
    })
    .execute();
  return caseId;
}

const event = (caseId: string, seq: number) => ({
  event_id: randomUUID(),
  case_id: caseId,
  seq,
  type: 'case.received',
  at,
  court_day: '2026-03-05',
  actor_kind: 'system',
  actor_id: null,
  actor_role: null,
  site_id: null,
  reason: null,
  payload_json: '{}',
  case_kind: 'dispute',
  case_site_id: null,
  dispute_type: 'neighbour',
  channel: 'court',
  organisation_id: null,
  mediator: null,
  voids_event_id: null,
  prev_hash: null,
  hash: 'h'.repeat(64),
});

describe(`hub database (${testEngine()})`, () => {
  it('migrates a new database to every table of server/DATA.md, and a second start changes nothing', async () => {
    const { db, dir } = await freshDatabase();
    const tables = await db.db.introspection.getTables();
    // Column order differs (PostgreSQL appends added columns; SQLite copies tables it reshapes).
    const columns = Object.fromEntries(
      tables.map((t) => [
        t.name,
        t.columns
          .map((c) => c.name)
          .filter((c) => c !== 'rowid')
          .sort(),
      ]),
    );
    expect(columns).toEqual(Object.fromEntries(Object.entries(expectedTables).map(([t, cs]) => [t, [...cs].sort()])));

    const steps = () => db.db.withTables<{ kysely_migration: { name: string; timestamp: string } }>().selectFrom('kysely_migration').selectAll().orderBy('name').execute();
    const before = await steps();
    expect(before.map((s) => s.name)).toEqual(hubMigrations.map((m) => m.name));
    const again = await openHubDatabase(await testDatabase(dir));
    opened.push(again);
    expect(await steps()).toEqual(before);
  });

  it('keeps case events append-only and numbered once per case', async () => {
    const { db } = await freshDatabase();
    const caseId = await addCase(db);
    const first = event(caseId, 1);
    await db.db.insertInto('case_events').values(first).execute();
    await expect(db.db.insertInto('case_events').values(event(caseId, 1)).execute()).rejects.toThrow(/unique/i);
    await expect(db.db.updateTable('case_events').set({ reason: 'edited' }).where('event_id', '=', first.event_id).execute()).rejects.toThrow(/append-only/);
    await expect(db.db.deleteFrom('case_events').where('event_id', '=', first.event_id).execute()).rejects.toThrow(/append-only/);
    expect(await db.db.selectFrom('case_events').select(['seq', 'reason']).execute()).toEqual([{ seq: 1, reason: null }]);

    await db.db
      .insertInto('audit_log')
      .values({ at, actor_kind: 'system', actor_id: null, actor_role: null, action: 'case.read', case_id: caseId, record_kind: null, record_id: null, outcome: 'ok', source: null })
      .execute();
    await expect(db.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(db.db.updateTable('audit_log').set({ outcome: 'denied' }).execute()).rejects.toThrow(/append-only/);
  });

  it('accepts only the roles of shared/staff/roles.ts, and numbers audit entries in order', async () => {
    const { db } = await freshDatabase();
    const staff = (username: string, role: string) => ({ username, password_hash: 'x', created_at: at, role });
    await db.db.insertInto('staff').values(staff('clerk', 'filing_clerk')).execute();
    await expect(db.db.insertInto('staff').values(staff('old', 'admin')).execute()).rejects.toThrow(/check/i);
    expect(await db.db.selectFrom('staff').select(['role', 'active', 'display_name']).execute()).toEqual([{ role: 'filing_clerk', active: 1, display_name: '' }]);

    const entry = { at, actor_kind: 'staff', actor_id: 'clerk', actor_role: 'filing_clerk', case_id: null, record_kind: null, record_id: null, outcome: 'ok', source: null };
    for (const action of ['a', 'b', 'c'])
      await db.db
        .insertInto('audit_log')
        .values({ ...entry, action })
        .execute();
    const rows = await db.db.selectFrom('audit_log').select(['audit_seq', 'action']).orderBy('audit_seq').execute();
    expect(rows.map((r) => r.action)).toEqual(['a', 'b', 'c']);
    expect(rows.map((r) => typeof r.audit_seq)).toEqual(['number', 'number', 'number']);
  });

  it('counts and sums come back as numbers, floats as floats, on either engine', async () => {
    const { db } = await freshDatabase();
    await db.db.insertInto('sites').values({ site_id: 'centre-1', name: '中心', kind: 'centre', parent_site_id: null, map_x: 0.3, map_y: 0.7, created_at: at }).execute();
    const row = await db.db
      .selectFrom('sites')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('active').as('total'), sql<number>`avg(map_x)`.as('mean'), 'map_y'])
      .groupBy('map_y')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 1, total: 1, mean: 0.3, map_y: 0.7 });
  });
});
