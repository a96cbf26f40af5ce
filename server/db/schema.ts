import type { Generated } from 'kysely';

// Every table of the hub's database as Kysely sees it (server/DATA.md says who owns each and why).
// The migrations in ./migrations/ create exactly this on both engines. Conventions: instants are
// ISO-8601 UTC text, court dates YYYY-MM-DD text, booleans the integers 0/1, JSON is text.
// `rowid` orders rows recorded in the same millisecond: SQLite's implicit row id, and on
// PostgreSQL an identity column of that name, so one query reads the same on both engines.

type Flag = 0 | 1;

// ---------- court structure and people (server/sites/, server/staff/) ----------

export interface SitesTable {
  site_id: string;
  name: string;
  /** court | tribunal | centre | grid */
  kind: string;
  parent_site_id: string | null;
  /** Position on the district's schematic map, 0..1 from the left and from the top. */
  map_x: number | null;
  map_y: number | null;
  active: Generated<Flag>;
  created_at: string;
}

export interface OrganisationsTable {
  organisation_id: string;
  name: string;
  /** people | industry | invited | court */
  kind: string;
  site_id: string | null;
  active: Generated<Flag>;
  created_at: string;
}

export interface StaffTable {
  username: string;
  password_hash: string;
  created_at: string;
  /** shared/staff/roles.ts StaffRole */
  role: string;
  display_name: Generated<string>;
  organisation_id: Generated<string | null>;
  site_id: Generated<string | null>;
  active: Generated<Flag>;
  /** Set by an admin's password reset: nothing but changing the password works until it is changed. */
  must_change_password: Generated<Flag>;
  /** person (signs in with a password) | service (a court system holding API tokens only) */
  kind: Generated<string>;
  password_set_at: Generated<string | null>;
  /** 0058: scrypt hash of the HUB_ADMIN_PASSWORD value last applied to this account (`admin` only). */
  env_password_digest: Generated<string | null>;
}

/** Failed sign-ins and the lockout they earned, per account ('account:<username>') and per source ('source:<address>'). */
export interface AttemptWindowsTable {
  bucket: string;
  attempt_key: string;
  window_index: number;
  attempts: number;
}

/** Wrong guesses of an identity per bucket and key in a fixed window (migration 0062, server/rateLimit/guessStore.ts). */
export interface WrongGuessesTable {
  bucket: string;
  guess_key: string;
  window_ends: string;
  wrong: number;
}

export interface SignInLimitsTable {
  subject: string;
  failures: number;
  locked_until: string | null;
  last_failure_at: string;
}

/** Bearer tokens an admin issued to a service account (sha256 of the token only). */
export interface ApiTokensTable {
  token_id: string;
  username: string;
  token_hash: string;
  label: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface StaffSessionsTable {
  token_hash: string;
  username: string;
  created_at: string;
  expires_at: string;
}

export interface AuditLogTable {
  audit_seq: Generated<number>;
  at: string;
  /** staff | terminal | system | anonymous */
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  case_id: string | null;
  record_kind: string | null;
  record_id: string | null;
  /** ok | denied */
  outcome: string;
  /** Where from: a terminal id or a client address. */
  source: string | null;
  /** A terminal-reported entry's key (terminal id : report id): a resend is audited once. */
  report_key: string | null;
}

// ---------- terminals (server/terminals/) ----------

export interface TerminalsTable {
  terminal_id: string;
  name: string;
  location: string;
  credential_hash: string;
  enrolled_at: string;
  credential_issued_at: string;
  site_id: Generated<string | null>;
  /** kiosk | counter | guidance */
  kind: Generated<string>;
  retired_at: Generated<string | null>;
  revoked_at: Generated<string | null>;
}

/** One-time enrollment tokens staff issue for a terminal (sha256 only; migration 0021). */
export interface SiteAdminPinsTable {
  site_id: string;
  salt: string;
  pin_hash: string;
  set_at: string;
  set_by: string;
}

export interface TerminalEnrollmentTokensTable {
  token_hash: string;
  terminal_id: string;
  name: string;
  location: string;
  site_id: string | null;
  issued_at: string;
  issued_by: string;
  expires_at: string;
  used_at: string | null;
}

/** Invitations into a video room (server/rooms/); the code is kept as its sha256 only. */
export interface RoomInvitationsTable {
  code_hash: string;
  invite_id: string;
  call_id: string;
  case_id: string | null;
  role: string;
  created_by: string;
  created_at: string;
  expires_at: string;
  failures: Generated<number>;
  used_at: string | null;
  used_by: string | null;
}

/** A video room's server-side recording (server/sfu/recording*); the sealed file is named by its id. */
export interface RoomRecordingsTable {
  recording_id: string;
  call_id: string;
  case_id: string | null;
  started_at: string;
  stopped_at: string | null;
  stop_cause: string | null;
  sha256: string | null;
  size: number | null;
  seconds: number | null;
  mime_type: string;
  expires_at: string;
  deleted_at: string | null;
  /** The hub instance running the recorder (a random id per process; migration 0061). */
  recorder_instance: string | null;
  /** When that recorder last said it was alive; stale while still open: a dead run's. */
  heartbeat_at: string | null;
}

/** A hearing's record (笔录), one row per saved version, the text sealed (migration 0034, server/hearing/). */
export interface HearingRecordsTable {
  call_id: string;
  version: number;
  case_id: string | null;
  text_sealed: string;
  saved_by: string;
  saved_at: string;
}

/** A hearing's record put to the parties to sign (server/hearing/signingStore.ts, 0055); `stored_at` null: answers pending. */
export interface RecordSigningRoundsTable {
  call_id: string;
  case_id: string;
  version: number;
  opened_at: string;
  stored_at: string | null;
}

/** One party asked to sign a round; `answer` null: not answered yet. */
export interface RecordSignersTable {
  call_id: string;
  identity: string;
  /** The signer's place in the record (the order the parties were in the room). */
  seat: number;
  signer: string;
  label: string;
  answer: 'signed' | 'refused' | null;
  signature_sealed: string | null;
  answered_at: string | null;
}

/** Counter staff signed in at a terminal (server/counter/); intakes entered then name the row. */
export interface CounterSignInsTable {
  sign_in_id: string;
  terminal_id: string;
  username: string;
  site_id: string;
  signed_in_at: string;
  expires_at: string;
}

/** The latest heartbeat of each terminal (shared/terminals/heartbeat.ts); no personal data. */
export interface TerminalStatusTable {
  terminal_id: string;
  received_at: string;
  app_version: string;
  screen: string;
  config_version: Generated<number>;
  heartbeat_json: string;
}

/** Crash reports from the terminals (shared/terminals/crashReport.ts), scrubbed; the newest few per terminal. */
export interface TerminalCrashReportsTable {
  terminal_id: string;
  report_id: string;
  /** renderer | agent */
  source: string;
  at: string;
  received_at: string;
  app_version: string;
  report_json: string;
}

/** Help requests from the kiosks (migration 0042; shared/terminals/helpRequest.ts). */
export interface TerminalHelpRequestsTable {
  terminal_id: string;
  request_id: string;
  /** general | rareCharacter */
  reason: string;
  screen: string;
  at: string;
  received_at: string;
  handled_at: string | null;
  handled_by: string | null;
}

/** Bounded history of heartbeats, pruned by count per terminal. */
export interface TerminalHeartbeatsTable {
  heartbeat_seq: Generated<number>;
  terminal_id: string;
  received_at: string;
  heartbeat_json: string;
}

export interface TerminalAlertsTable {
  alert_id: string;
  terminal_id: string;
  /** offline | outbox_stuck | printer_paper_out | media_cache_broken; 0038: camera_/microphone_ missing|denied|failed, printer_cover_open */
  kind: string;
  raised_at: string;
  cleared_at: string | null;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  note: string | null;
}

/** Settings pushed to a site or a terminal; `version` is one court-wide counter. */
export interface TerminalConfigTable {
  version: number;
  /** site | terminal */
  target_kind: string;
  target_id: string;
  settings_json: string;
  created_at: string;
  created_by: string;
}

export interface TerminalCommandsTable {
  command_id: string;
  terminal_id: string;
  /** restart | resync */
  kind: string;
  requested_at: string;
  requested_by: string;
  delivered_at: string | null;
  done_at: string | null;
  /** done | failed */
  outcome: string | null;
}

// ---------- intake (server/intake/) ----------

export interface IntakesTable {
  rowid: Generated<number>;
  submission_id: string;
  terminal_id: string;
  request_fingerprint: string;
  provisional_number: string;
  language: string;
  submitted_at: string;
  received_at: string;
  /** Only intakes received before migration 22; the court's number is the case's (cases.case_number). */
  case_number: string | null;
  dispute_type: string;
  application_json: string;
  attachments_json: Generated<string>;
  ack_json: string;
}

export interface AttachmentsTable {
  submission_id: string;
  sha256: string;
  terminal_id: string;
  mime_type: string;
  size: number;
  upload_id: string;
  verified_at: string;
}

export interface CaseNumberSerialsTable {
  court_code: string;
  year: number;
  type_code: string;
  last_serial: number;
}

// ---------- cases (server/cases/, rules in shared/cases/) ----------

export interface CasesTable {
  case_id: string;
  /** dispute | confirmation | lawsuit */
  kind: string;
  state: string;
  seq: number;
  case_number: string | null;
  dispute_type: string;
  channel: string | null;
  site_id: string | null;
  terminal_id: string | null;
  submission_id: string | null;
  provisional_number: string | null;
  organisation_id: string | null;
  mediator: string | null;
  received_at: string;
  diverted_on: string | null;
  mediation_due_date: string | null;
  ruling_due_date: string | null;
  dispute_case_id: string | null;
  confirmation_case_id: string | null;
  lawsuit_case_id: string | null;
  /** shared/cases/caseFile.ts CaseFile, the whole fold */
  file_json: string;
  updated_at: string;
}

/** Append-only: the database refuses UPDATE and DELETE (a trigger on each engine). */
export interface CaseEventsTable {
  event_id: string;
  case_id: string;
  seq: number;
  type: string;
  at: string;
  court_day: string;
  /** staff | terminal | system */
  actor_kind: string;
  actor_id: string | null;
  actor_role: string | null;
  site_id: string | null;
  reason: string | null;
  payload_json: string;
  case_kind: string;
  case_site_id: string | null;
  dispute_type: string | null;
  channel: string | null;
  organisation_id: string | null;
  mediator: string | null;
  voids_event_id: string | null;
  prev_hash: string | null;
  hash: string;
  /** Who, as a person reads it, when appended (migration 0046): a display name or a terminal's name; null before 0046. */
  actor_name: Generated<string | null>;
  /** The name of the terminal's site when a terminal appended it; null otherwise. */
  actor_site_name: Generated<string | null>;
}

export interface CasePartiesTable {
  case_id: string;
  /** applicant | respondent | agent | third_party */
  role: string;
  idx: number;
  /** person | organisation */
  kind: string;
  name: string;
  /** ID number or unified social credit code, AES-256-GCM sealed with the hub's data key */
  id_number_sealed: string | null;
  /** HMAC-SHA-256 of the normalised ID number / credit code (exact search) */
  id_number_index: string | null;
  phone_sealed: string | null;
  phone_index: string | null;
  address_sealed: string | null;
}

export interface CaseApplicationsTable {
  case_id: string;
  /** the whole MediationApplication JSON, sealed */
  application_sealed: string;
  created_at: string;
  /** the fields it left to be asked, JSON (0064; null on rows from before): names, never values */
  deferred_json: string | null;
}

export interface CaseDocumentsTable {
  document_id: string;
  case_id: string;
  kind: string;
  version: number;
  sha256: string;
  size: number;
  mime_type: string;
  storage_key: string;
  created_by: string;
  created_at: string;
}

export interface AgreementTermsTable {
  document_id: string;
  case_id: string;
  /** AgreementTerms JSON, sealed */
  terms_sealed: string;
  created_at: string;
}

export interface DocumentSignaturesTable {
  document_id: string;
  signer_role: string;
  signer_index: number;
  /** kiosk | desk | counter_tablet | join_page | paper_scan */
  method: string;
  signature_sha256: string;
  signed_at: string;
}

export interface NotificationOutboxTable {
  notification_id: string;
  case_id: string | null;
  template: string;
  params_json: string;
  recipient_sealed: string;
  /** pending | sent | failed */
  status: Generated<string>;
  attempts: Generated<number>;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
  /** While an instance delivers it (migration 50): others leave it alone until then. */
  claimed_until: string | null;
}

// ---------- dashboard aggregates (server/dashboard/); '' stands for "none" in a dimension ----------

export interface DailyCountsTable {
  court_day: string;
  measure: string;
  site_id: string;
  organisation_id: string;
  mediator: string;
  dispute_type: string;
  channel: string;
  n: number;
}

export interface DailyDurationsTable extends DailyCountsTable {
  days: number;
}

/** The daily aggregates rolled up by month ('YYYY-MM') over the court-wide dimensions. */
export interface MonthlyCountsTable {
  month: string;
  measure: string;
  site_id: string;
  dispute_type: string;
  channel: string;
  n: number;
}

export interface MonthlyDurationsTable extends MonthlyCountsTable {
  days: number;
}

export interface TrendWarningsTable {
  warning_id: string;
  site_id: string;
  dispute_type: string;
  /** Monday (court date) of the week that surged */
  week_start: string;
  observed: number;
  baseline: number;
  upper_limit: number;
  /** shared/dashboard/earlyWarning.ts rule and parameters */
  rule_json: string;
  raised_at: string;
  /** open | acknowledged */
  status: Generated<string>;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  note: string | null;
}

// ---------- calls (server/signalling/) and the playlist (server/playlist/) ----------

export interface CallRecordsTable {
  rowid: Generated<number>;
  call_id: string;
  terminal_id: string;
  submission_id: string | null;
  language: string;
  queued_at: string;
  answered_at: Generated<string | null>;
  mediator: Generated<string | null>;
  ended_at: Generated<string | null>;
  duration_s: Generated<number | null>;
  end_reason: Generated<string | null>;
  outcome: Generated<string | null>;
  notes: Generated<string>;
  outcome_at: Generated<string | null>;
  /** 0037: 1 when the kiosk showed a case ticket for submission_id (check-my-case). */
  case_ticket: Generated<number>;
}

export interface PlaylistMediaTable {
  sha256: string;
  mime_type: string;
  size: number;
  added_at: string;
}

export interface PlaylistItemsTable {
  item_id: string;
  title: string;
  title_en: Generated<string>;
  sha256: string;
  duration_ms: number | null;
  position: number;
  muted: Flag;
  schedule_json: string;
  created_at: string;
  updated_at: string;
  removed_at: Generated<string | null>;
}

export interface PlaylistSettingsTable {
  slot: 1;
  settings_json: string;
  seeded_at: Generated<string | null>;
}

export interface PlaysTable {
  play_id: string;
  terminal_id: string;
  item_id: string;
  sha256: string;
  started_at: string;
  ended_at: string;
  outcome: string;
  reason: string | null;
  court_day: string;
  received_at: string;
}

/** One row: the data key's check value (server/personalData/keyCheck.ts). */
export interface DataKeyCheckTable {
  id: number;
  check_value: string;
  created_at: string;
}

// 0045: the shared files folder's mark (server/files/sharedFolder.ts)
export interface FilesFolderTable {
  slot: string;
  mark: string;
  claimed_at: string;
}

// 0039: join-page guest passes (server/rooms/guestPasses.ts)
export interface GuestPassesTable {
  token_hash: string;
  call_id: string;
  pass_sealed: string;
  expires_at: string;
}

// 0059: the guidance desk's list of open rooms, as the desk holder last wrote it (server/guidance/)
export interface GuidanceRoomsTable {
  slot: string;
  rooms_json: string;
  written_at: string;
}

/** The court's own words as last published (0063, server/courtWords/): one row, slot 'published'. */
export interface CourtWordsTable {
  slot: string;
  version: string;
  counted_at: string;
  list_json: string;
  /** When the last recount ended, whether or not it changed the list (0065); null before it. */
  recounted_at: string | null;
}

export interface HubDatabase {
  sites: SitesTable;
  organisations: OrganisationsTable;
  staff: StaffTable;
  staff_sessions: StaffSessionsTable;
  sign_in_limits: SignInLimitsTable;
  attempt_windows: AttemptWindowsTable;
  wrong_guesses: WrongGuessesTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  terminals: TerminalsTable;
  terminal_enrollment_tokens: TerminalEnrollmentTokensTable;
  room_invitations: RoomInvitationsTable;
  room_recordings: RoomRecordingsTable;
  files_folder: FilesFolderTable;
  guest_passes: GuestPassesTable;
  guidance_rooms: GuidanceRoomsTable;
  court_words: CourtWordsTable;
  hearing_records: HearingRecordsTable;
  record_signing_rounds: RecordSigningRoundsTable;
  record_signers: RecordSignersTable;
  site_admin_pins: SiteAdminPinsTable;
  counter_sign_ins: CounterSignInsTable;
  intakes: IntakesTable;
  attachments: AttachmentsTable;
  case_number_serials: CaseNumberSerialsTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_parties: CasePartiesTable;
  case_applications: CaseApplicationsTable;
  case_documents: CaseDocumentsTable;
  document_signatures: DocumentSignaturesTable;
  agreement_terms: AgreementTermsTable;
  notification_outbox: NotificationOutboxTable;
  daily_counts: DailyCountsTable;
  daily_durations: DailyDurationsTable;
  monthly_counts: MonthlyCountsTable;
  monthly_durations: MonthlyDurationsTable;
  trend_warnings: TrendWarningsTable;
  terminal_status: TerminalStatusTable;
  terminal_heartbeats: TerminalHeartbeatsTable;
  terminal_alerts: TerminalAlertsTable;
  terminal_config: TerminalConfigTable;
  terminal_commands: TerminalCommandsTable;
  terminal_crash_reports: TerminalCrashReportsTable;
  terminal_help_requests: TerminalHelpRequestsTable;
  call_records: CallRecordsTable;
  playlist_media: PlaylistMediaTable;
  playlist_items: PlaylistItemsTable;
  playlist_settings: PlaylistSettingsTable;
  plays: PlaysTable;
  data_key_check: DataKeyCheckTable;
  kiosk_releases: KioskReleasesTable;
  kiosk_release_channels: KioskReleaseChannelsTable;
  kiosk_release_files: KioskReleaseFilesTable;
  kiosk_update_reports: KioskUpdateReportsTable;
  reference_cases: ReferenceCasesTable;
}

// 0028: kiosk releases (server/updates/)
export interface KioskReleasesTable {
  version: string;
  uploaded_at: string;
  uploaded_by: string;
  rollout_json: string;
}

export interface KioskReleaseChannelsTable {
  version: string;
  channel_file: string;
  manifest_yml: string;
}

export interface KioskReleaseFilesTable {
  name: string;
  version: string;
  sha512: string | null;
  size: number;
}

export interface KioskUpdateReportsTable {
  terminal_id: string;
  version: string;
  outcome: string;
  previous_version: string | null;
  reported_at: string;
}

// 0032: the reference-case library (server/referenceCases/)
export interface ReferenceCasesTable {
  reference_case_id: string;
  version: number;
  title: string;
  title_en: string | null;
  dispute_type: string;
  facts: string;
  facts_en: string | null;
  outcome: string;
  outcome_en: string | null;
  legal_basis: string;
  legal_basis_en: string | null;
  published: Generated<number>;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
}
