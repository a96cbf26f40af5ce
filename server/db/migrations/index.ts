import * as m0001 from './0001_first_hub.js';
import * as m0002 from './0002_attachments.js';
import * as m0003 from './0003_video_calls.js';
import * as m0004 from './0004_playlist.js';
import * as m0005 from './0005_application.js';
import * as m0006 from './0006_provisional_key_index.js';
import * as m0007 from './0007_one_filing_shape.js';
import * as m0008 from './0008_court_structure.js';
import * as m0009 from './0009_audit_log.js';
import * as m0010 from './0010_case_number_serials.js';
import * as m0011 from './0011_cases.js';
import * as m0012 from './0012_case_documents.js';
import * as m0013 from './0013_notification_outbox.js';
import * as m0014 from './0014_daily_aggregates.js';
import * as m0015 from './0015_staff_access.js';
import * as m0016 from './0016_dashboard_rollups.js';
import * as m0017 from './0017_terminal_fleet.js';
import * as m0018 from './0018_agreement_terms.js';
import * as m0019 from './0019_counter_sign_ins.js';
import * as m0021 from './0021_enrollment_tokens.js';
import * as m0022 from './0022_intake_reference.js';
import * as m0023 from './0023_room_invitations.js';
import * as m0024 from './0024_data_key_check.js';
import * as m0027 from './0027_site_admin_pins.js';
import * as m0028 from './0028_kiosk_releases.js';
import * as m0031 from './0031_attempt_windows.js';
import * as m0032 from './0032_reference_cases.js';
import * as m0033 from './0033_room_recordings.js';
import * as m0034 from './0034_hearing_records.js';
import * as m0036 from './0036_terminal_crash_reports.js';
import * as m0037 from './0037_call_case_tickets.js';
import * as m0038 from './0038_device_alerts.js';
import * as m0039 from './0039_guest_passes.js';
import * as m0042 from './0042_terminal_help_requests.js';
import * as m0045 from './0045_files_folder.js';
import * as m0046 from './0046_event_actor_names.js';
import * as m0047 from './0047_audit_report_keys.js';
import * as m0050 from './0050_notice_claims.js';
import * as m0055 from './0055_record_signing.js';
import * as m0058 from './0058_admin_password_source.js';
import * as m0059 from './0059_guidance_rooms.js';
import * as m0061 from './0061_recording_heartbeat.js';
import * as m0062 from './0062_wrong_guesses.js';
import * as m0063 from './0063_court_words.js';
import * as m0064 from './0064_application_deferred.js';
import * as m0065 from './0065_court_words_recounted.js';
import type { MigrationStep } from './engineDdl.js';

// The hub's schema, step by step, in the order they run (names sort in that order too). Append new
// steps; never edit a shipped one. The first seven are the SQLite file's `PRAGMA user_version`
// 1..7 of the hub before Kysely: a file at version N is adopted with its first N steps done.

export const hubMigrations: ReadonlyArray<{ name: string; up: MigrationStep }> = [
  { name: '0001_first_hub', up: m0001.up },
  { name: '0002_attachments', up: m0002.up },
  { name: '0003_video_calls', up: m0003.up },
  { name: '0004_playlist', up: m0004.up },
  { name: '0005_application', up: m0005.up },
  { name: '0006_provisional_key_index', up: m0006.up },
  { name: '0007_one_filing_shape', up: m0007.up },
  { name: '0008_court_structure', up: m0008.up },
  { name: '0009_audit_log', up: m0009.up },
  { name: '0010_case_number_serials', up: m0010.up },
  { name: '0011_cases', up: m0011.up },
  { name: '0012_case_documents', up: m0012.up },
  { name: '0013_notification_outbox', up: m0013.up },
  { name: '0014_daily_aggregates', up: m0014.up },
  { name: '0015_staff_access', up: m0015.up },
  { name: '0016_dashboard_rollups', up: m0016.up },
  { name: '0017_terminal_fleet', up: m0017.up },
  { name: '0018_agreement_terms', up: m0018.up },
  { name: '0019_counter_sign_ins', up: m0019.up },
  { name: '0021_enrollment_tokens', up: m0021.up },
  { name: '0022_intake_reference', up: m0022.up },
  { name: '0023_room_invitations', up: m0023.up },
  { name: '0024_data_key_check', up: m0024.up },
  { name: '0027_site_admin_pins', up: m0027.up },
  { name: '0028_kiosk_releases', up: m0028.up },
  { name: '0031_attempt_windows', up: m0031.up },
  { name: '0032_reference_cases', up: m0032.up },
  { name: '0033_room_recordings', up: m0033.up },
  { name: '0034_hearing_records', up: m0034.up },
  { name: '0036_terminal_crash_reports', up: m0036.up },
  { name: '0037_call_case_tickets', up: m0037.up },
  { name: '0038_device_alerts', up: m0038.up },
  { name: '0039_guest_passes', up: m0039.up },
  { name: '0042_terminal_help_requests', up: m0042.up },
  { name: '0045_files_folder', up: m0045.up },
  { name: '0046_event_actor_names', up: m0046.up },
  { name: '0047_audit_report_keys', up: m0047.up },
  { name: '0050_notice_claims', up: m0050.up },
  { name: '0055_record_signing', up: m0055.up },
  { name: '0058_admin_password_source', up: m0058.up },
  { name: '0059_guidance_rooms', up: m0059.up },
  { name: '0061_recording_heartbeat', up: m0061.up },
  { name: '0062_wrong_guesses', up: m0062.up },
  { name: '0063_court_words', up: m0063.up },
  { name: '0064_application_deferred', up: m0064.up },
  { name: '0065_court_words_recounted', up: m0065.up },
];

/** How many steps the hub before Kysely had (its last `PRAGMA user_version`). */
export const LEGACY_STEPS = 7;
