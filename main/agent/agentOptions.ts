import type { CourtWordsKeeper } from './courtWords/courtWordsKeeper.js';
import type { EventName, EventPayload } from '../../shared/contract.js';
import type { LogCaps } from '../../shared/cappedLogFile.js';
import type { ScreenState } from '../../shared/terminals/heartbeat.js';
import type { CallHandlers, Dispatch } from '../bridge/dispatch.js';
import type { TrialVerdict } from '../update/startupTrial.js';
import type { CallLink } from './call/callLink.js';
import type { Db } from './db.js';
import type { HeartbeatLoop } from './heartbeat/heartbeatLoop.js';
import type { HostCapabilities } from './host.js';
import type { HubTlsOptions } from './hubTransport.js';
import type { Log } from './log.js';
import type { Sync } from './outbox/sync.js';
import type { MediaCache } from './playlist/mediaCache.js';
import type { PlaylistCache } from './playlist/playlistCache.js';
import type { PlayLog } from './playlist/plays.js';
import type { TerminalConfigStore } from './terminalConfig.js';

// What the kiosk agent is started with and what a started agent offers (main/agent/agent.ts composes it).

export interface AgentOptions {
  dataDir: string;
  hubUrl: string;
  host: HostCapabilities;
  terminalId?: string | undefined;
  terminalName?: string | undefined;
  location?: string | undefined;
  enrollmentCode?: string | undefined;
  appVersion?: string;
  log?: Log;
  now?: () => Date;
  syncConcurrency?: number;
  /** Most queued intakes sent in one batch request (default 50; 1 sends each alone). */
  intakeBatchSize?: number;
  healthIntervalMs?: number;
  /** Bytes per tus PATCH (default 256 KiB). */
  uploadChunkBytes?: number;
  /** Legal-education loop: default content (assets/playlist, found by default; null for none). */
  bundledPlaylistDir?: string | null;
  /** Manifest poll interval (default 60 s) and the media cache's bound (default 2 GiB). */
  playlistPollMs?: number;
  /** Between two asks for the court's words (default 1 h: the hub counts hourly at most). */
  courtWordsPollMs?: number;
  /** Between two heartbeats to the hub (default: what the hub asks, 30 s). */
  heartbeatIntervalMs?: number;
  mediaCacheMaxBytes?: number;
  /** The hub's address as residents' phones reach it (the receipt's QR code); default `hubUrl`. */
  publicHubUrl?: string | undefined;
  /** A remote service counter: staff sign in and file for residents (KIOSK_COUNTER=1, or true); default off. */
  counter?: boolean | string | undefined;
  /**
   * Start syncing, signalling, the playlist and heartbeats only once the renderer's first call
   * arrives (it has painted home by then) or after BACKGROUND_START_MAX_MS, so they do not compete
   * with the page's start for the CPU (cold start, issue 16). Default: at once.
   */
  deferBackgroundWork?: boolean;
  /** The resident ID card reader at the counter by name (KIOSK_ID_CARD_READER: main/agent/idCard/idCardReaders.ts); none by default. */
  idCardReader?: string | undefined;
  /** The agent's own log file, <dataDir>/logs/agent.log: its caps (default shared/cappedLogFile.ts), or false for none. */
  logFile?: LogCaps | false;
  /** How the hub's certificate is checked and whether plain HTTP to a remote hub is allowed (main/agent/hubTransport.ts). */
  hubTls?: HubTlsOptions;
  /** What this start of the app is for an update's trial (the host counted it: main/update/startupTrial.ts). */
  updateTrial?: TrialVerdict | undefined;
}

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface Agent {
  readonly dispatch: Dispatch;
  readonly handlers: CallHandlers;
  readonly db: Db;
  readonly config: TerminalConfigStore;
  readonly sync: Sync;
  /** Signalling of the video link (WebSocket to the hub). */
  readonly callLink: CallLink;
  /** Legal-education loop: the playlist, its verified media cache, proof of play. */
  readonly playlist: PlaylistCache;
  readonly media: MediaCache;
  readonly plays: PlayLog;
  /** The court's own words for the pinyin keyboard, fetched and kept (courtWords/). */
  readonly courtWords: CourtWordsKeeper;
  /** Health reports to the hub, and the settings it pushed. */
  readonly heartbeat: HeartbeatLoop;
  /** The kind of screen the renderer last reported (a crash report names it). */
  screen(): ScreenState;
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}
