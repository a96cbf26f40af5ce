import { z } from 'zod';
import { HUB_API } from '../hubProtocol.js';
import { Language } from '../intake.js';
import { VolumeSchedule } from '../playlist.js';
import { AdminPinDigest } from '../kioskAdminPin.js';

// The terminal's heartbeat (issue 11, item 2) and what the hub answers: the kiosk agent posts its
// health every HEARTBEAT_INTERVAL_S over the HTTPS link it already has, with its own credential;
// the hub keeps the latest and a bounded history, and answers with configuration the terminal
// has not applied yet and the restart / resync requests staff made. A heartbeat carries facts
// about the machine only — never anything a resident typed, never a submission, never a name.
//
// Why a POST in the agent's own loop and not a frame on the signalling socket: the socket exists
// for calls and a court may switch calls off for a terminal (`callEnabled: false`), while the
// heartbeat must keep flowing; a request/reply also gives the configuration push its
// acknowledgement for free (the next heartbeat names the version applied), and any hub instance
// behind a load balancer can answer it without holding the terminal's connection.

export const fleetPaths = {
  heartbeat: `${HUB_API}/terminals/heartbeat`,
  /** Staff: every terminal with its health and open alerts (FleetAnswer). */
  fleet: `${HUB_API}/terminals/fleet`,
} as const;

/** How often a terminal reports (the hub may ask for another interval in its reply). */
export const HEARTBEAT_INTERVAL_S = 30;

/**
 * A camera or microphone as the kiosk last found it: `denied` (the browser refused access), `failed`
 * (present but would not start, or its track ended with nothing to replace it). `error` is what
 * kiosks before these two sent; the hub still accepts it and reads it as `failed`.
 */
export const deviceStates = ['ok', 'missing', 'denied', 'failed', 'error', 'unknown'] as const;
export type DeviceState = (typeof deviceStates)[number];
/** `cover_open` only where the driver tells (CUPS printer-state-reasons, the simulated printer). */
export const printerStates = ['ok', 'paper_out', 'cover_open', 'offline', 'error', 'unknown'] as const;
/** What the screen shows now: never which resident, never what they entered. */
export const screenStates = ['idle_loop', 'home', 'intake', 'receipt', 'call', 'check_case', 'staff', 'recovery', 'unknown'] as const;
export type ScreenState = (typeof screenStates)[number];

const Instant = z.iso.datetime({ offset: true });
const Count = z.int().min(0).max(10_000_000);

export const Heartbeat = z.strictObject({
  sentAt: Instant,
  appVersion: z.string().trim().min(1).max(40),
  uptimeS: z
    .int()
    .min(0)
    .max(10 * 365 * 86_400),
  outbox: z.strictObject({
    depth: Count,
    /** Age of the oldest unsent job, seconds; null when nothing waits. */
    oldestAgeS: Count.nullable(),
    /** Jobs parked as "needs attention" (refused by the hub). */
    parked: Count,
  }),
  /** Last successful delivery to the hub. */
  lastSyncAt: Instant.nullable(),
  devices: z.strictObject({
    camera: z.enum(deviceStates),
    microphone: z.enum(deviceStates),
    printer: z.enum(printerStates),
  }),
  diskFreeMb: z.int().min(0).max(1_000_000_000).nullable(),
  playlist: z.strictObject({
    version: z.string().max(80).nullable(),
    /** `broken`: a cached clip failed its checksum or would not play and could not be fetched again. */
    cache: z.enum(['ok', 'broken', 'empty']),
    items: Count,
  }),
  lastTouchAt: Instant.nullable(),
  screen: z.enum(screenStates),
  /** The configuration version the terminal has applied and stored (0: none yet). */
  configVersion: z.int().min(0),
  /** Requests carried out since the last heartbeat the hub answered. */
  commandsDone: z.array(z.strictObject({ commandId: z.uuid(), outcome: z.enum(['done', 'failed']) })).max(20),
});
export type Heartbeat = z.infer<typeof Heartbeat>;

/** What staff can set for a terminal or a whole site. */
export const TerminalSettings = z.strictObject({
  /** Untouched seconds before the kiosk warns and then wipes the resident's screen. */
  idleTimeoutS: z.int().min(30).max(900),
  /** Languages the kiosk offers (the first is its default). */
  languages: z
    .array(Language)
    .min(1)
    .max(2)
    .refine((l) => new Set(l).size === l.length, { error: 'fleet.languagesRepeated' }),
  /** Whether residents may call a mediator from this kiosk. */
  callEnabled: z.boolean(),
  volume: VolumeSchedule,
});
export type TerminalSettings = z.infer<typeof TerminalSettings>;

export const DEFAULT_TERMINAL_SETTINGS: TerminalSettings = {
  idleTimeoutS: 120,
  languages: ['zh-CN', 'en'],
  callEnabled: true,
  volume: { level: 0.6, windows: [{ start: '21:00', end: '08:00', level: 0 }] },
};

/** The settings a kiosk runs with and their version (0: none pushed yet, the defaults). */
export const AppliedSettings = z.strictObject({ version: z.int().min(0), settings: TerminalSettings });
export type AppliedSettings = z.infer<typeof AppliedSettings>;

/**
 * What the kiosk's screen tells its agent for the heartbeat: which kind of screen is up and how the
 * media devices answered. Never who is at the kiosk, never what they entered.
 */
export const TerminalPresence = z.strictObject({
  screen: z.enum(screenStates),
  camera: z.enum(deviceStates),
  microphone: z.enum(deviceStates),
  /** Someone touched the screen just now (sent at most every TOUCH_REPORT_MS): the heartbeat's lastTouchAt. */
  touched: z.literal(true).optional(),
  /**
   * Which of the two a call on this screen has tried (started, or failed to): only those states may
   * clear a failure the agent holds (deviceHealth.ts reportedDeviceState). Absent: neither.
   */
  tried: z.strictObject({ camera: z.boolean(), microphone: z.boolean() }).optional(),
});
export type TerminalPresence = z.infer<typeof TerminalPresence>;

/** How often at most the screen reports a touch: "last touched" is for staff, to the half minute. */
export const TOUCH_REPORT_MS = 30_000;

export type PrinterState = (typeof printerStates)[number];

/** The receipt printer's state after a print (`unknown` until the first one); a refused reprint tells nothing. */
export function printerStateAfter(before: PrinterState, outcome: { printed: boolean; reason?: string | undefined }): PrinterState {
  if (outcome.printed) return 'ok';
  if (outcome.reason === 'no_printer') return 'offline';
  if (outcome.reason === 'paper_out' || outcome.reason === 'cover_open') return outcome.reason;
  if (outcome.reason === 'failed') return 'error';
  return before;
}

export const commandKinds = ['restart', 'resync'] as const;
export type CommandKind = (typeof commandKinds)[number];

export const HeartbeatReply = z.strictObject({
  /** Settings to apply, when the terminal's `configVersion` is behind; null when it is current. */
  config: z.strictObject({ version: z.int().positive(), settings: TerminalSettings }).nullable(),
  commands: z.array(z.strictObject({ commandId: z.uuid(), kind: z.enum(commandKinds) })).max(20),
  /** Seconds until the next heartbeat. */
  intervalS: z.int().min(5).max(3600),
  /** The staff panel's PIN digest for the terminal's site (shared/kioskAdmin.ts); null: none set. */
  adminPin: AdminPinDigest.nullable().optional(),
  /** The site the terminal belongs to (the staff panel shows it); null: none yet. */
  siteId: z.string().max(64).nullable().optional(),
});
export type HeartbeatReply = z.infer<typeof HeartbeatReply>;
