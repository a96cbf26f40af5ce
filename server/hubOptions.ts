import type { FastifyInstance } from 'fastify';
import type { LogCaps } from '../shared/cappedLogFile.js';
import type { FleetThresholds } from '../shared/terminals/terminalHealth.js';
import type { BackupPolicy, BackupSchedule } from './backup/sqliteBackup.js';
import type { CaseStatusLimits } from './caseStatus/routes.js';
import type { CaseStore } from './cases/caseStore.js';
import type { CourtApi } from './courtApi/register.js';
import type { CourtWords, CourtWordsOptions } from './courtWords/register.js';
import type { HubDb } from './db/database.js';
import type { HubFiles } from './files/hubFiles.js';
import type { TlsFiles } from './http/tlsCertificate.js';
import type { ProxyTrust } from './http/transport.js';
import type { IntakeStore } from './intake/store.js';
import type { SmsGatewayConfig } from './notifications/smsGateway.js';
import type { Playlist, PlaylistOptions } from './playlist/register.js';
import type { Signalling, SignallingOptions } from './signalling/register.js';
import type { StaffStore } from './staff/store.js';
import type { FleetStore } from './terminals/fleetStore.js';
import type { TerminalStore } from './terminals/store.js';
import type { KioskUpdates } from './updates/register.js';

// What a hub is started with and what a started hub offers (server/hub.ts composes it).

export interface HubOptions {
  /** Directory of this instance's own data: the SQLite file (`hub.sqlite`), its backups, logs, `data.key`; created if missing. */
  dataDir: string;
  /** The files folder (HUB_FILES_DIR; default `dataDir`): uploads, documents, playlist media, releases, recordings (server/files/). Instances on one PostgreSQL database must share it. */
  filesDir?: string | undefined;
  /** `postgres://…` keeps the hub's data in PostgreSQL instead of `hub.sqlite` (HUB_DATABASE_URL). */
  databaseUrl?: string | undefined;
  /**
   * A site-wide code (8–200 characters) of older installs and tests: it enrolls only terminal ids the
   * hub has never seen. Unset, only the one-time tokens staff issue enroll (shared/terminals/enrollment.ts).
   */
  enrollmentCode?: string | undefined;
  /** Enrollment attempts per source address per minute (default ENROLLMENT_ATTEMPTS_PER_MINUTE). */
  enrollmentAttemptsPerMinute?: number;
  /** The court this hub serves: its name, and its code in case numbers (HUB_COURT_NAME, HUB_COURT_CODE; default 兰州市七里河区人民法院, 甘0103). */
  court?: { name: string; code: string };
  /** The data key sealing personal data (HUB_DATA_KEY: 32 bytes as hex or base64); unset: generated once into `dataDir/data.key` (0600). */
  dataKey?: string | undefined;
  /** Seed the default sites and organisations when there is no site, and one account per role on a new hub's first start (default true). */
  seedDefaults?: boolean;
  /** Send residents' notices by SMS through this gateway (HUB_SMS_URL, HUB_SMS_TOKEN); unset: they stay in notification_outbox. */
  sms?: SmsGatewayConfig | null;
  /** How often pending notices are sent (default 30 s). */
  notificationIntervalMs?: number;
  /**
   * Password (8–200 chars) of the `admin` console account (HUB_ADMIN_PASSWORD): set when that account
   * is first created, and again at a start where this value differs from the one last applied
   * (server/staff/accounts.ts applyAdminPassword); the same value at every start leaves a password
   * changed in the console as it is.
   */
  adminPassword?: string;
  now?: () => Date;
  /** Log method, URL and status of each request (never bodies). Off by default. */
  logger?: boolean;
  /** With `logger`: the log goes to this capped, rotated file (HUB_LOG_FILE; shared/cappedLogFile.ts) instead of stdout. */
  logFile?: { path: string; caps?: LogCaps } | undefined;
  /** Serve HTTPS with this certificate and key (HUB_TLS_CERT, HUB_TLS_KEY); reloaded when the files change or on `reloadTls()`. */
  tls?: TlsFiles | undefined;
  /** Whom to believe about X-Forwarded-For/-Proto (HUB_TRUST_PROXY; default nobody): a reverse proxy in front of the hub. */
  trustProxy?: ProxyTrust;
  /** Video calls: ICE/TURN servers, grace periods, where the mediator console is built. */
  signalling?: SignallingOptions;
  /** Legal-education playlist: where its default content is (assets/playlist by default). */
  playlist?: PlaylistOptions;
  /** The court's own words: where the pinyin dictionary is, how often to recount (hourly by default). */
  courtWords?: CourtWordsOptions;
  /** "Check my case" rate limits (tests lower them). */
  caseStatusLimits?: Partial<CaseStatusLimits>;
  /** How long room recordings are kept (HUB_RECORDING_RETENTION_DAYS, default 365). */
  recordingRetentionDays?: number;
  /** Terminals' health: when a silent terminal counts as offline, and how often that is checked. */
  fleet?: Partial<FleetThresholds> & { sweepMs?: number };
  /** Least time between two early-warning scans (they run after the figures move). */
  warningScanMs?: number;
  /** SQLite only: online backups into `dataDir/backups` (server/backup/); false turns them off. */
  backup?: Partial<BackupPolicy> | false;
  /** Test seam: awaited while an intake's key is in progress, just before its transaction. */
  beforeIngestCommit?: (submissionId: string) => void | Promise<void>;
}

export interface Hub {
  app: FastifyInstance;
  /** The hub's database (tests read it directly). */
  database: HubDb;
  intakes: IntakeStore;
  terminals: TerminalStore;
  staff: StaffStore;
  /** The generated admin password if this start created the admin account without one; else null. */
  initialAdminPassword: string | null;
  /** True when this start set the `admin` account's password to `adminPassword` (its value changed since last applied). */
  adminPasswordReset: boolean;
  /** The generated passwords of the default accounts this start created (username → password). */
  initialPasswords: Map<string, string>;
  /** The court API's stores (/api/v1): cases, parties, accounts, sites, audit. */
  court: CourtApi;
  /** Residents' notices: send the pending ones now (0 without an SMS gateway: the outbox keeps them). */
  notifications: { deliverPending(): Promise<number> };
  /** The video link: call desk and call records (server/signalling). */
  signalling: Signalling;
  /** The legal-education playlist (server/playlist). */
  playlist: Playlist;
  /** The court's own words for the kiosks' pinyin keyboard (server/courtWords): `recount()` counts now. */
  courtWords: CourtWords;
  /** The case life cycle's store, the only writer of cases and case_events (server/cases). */
  cases: CaseStore;
  /** Terminals' heartbeats, alerts, pushed settings and requests (server/terminals/fleetStore.ts). */
  fleet: FleetStore;
  /** The SQLite engine's scheduled backups (null on PostgreSQL or when turned off). */
  backups: BackupSchedule | null;
  /** Kiosk releases and their rollout (server/updates). */
  updates: KioskUpdates;
  /** Where the hub's files are (server/files/). */
  files: HubFiles;
  listen(port?: number, host?: string): Promise<string>;
  /** Take the TLS certificate and key from their files again (SIGHUP); throws, keeping the old pair, if they do not load. */
  reloadTls(): void;
  close(): Promise<void>;
}
