import { z } from 'zod';
import { HUB_API } from '../hubProtocol.js';
import { helpReasons } from './helpRequest.js';
import { screenStates } from './heartbeat.js';
import { alertKinds } from './terminalHealth.js';

// The console's terminal list (终端, issue 11 session 7): every terminal a staff member may see
// with its health (the one rule of terminalHealth.ts, the same as the dashboard's device view),
// last heartbeat, version, outbox depth, open alerts and open help requests; and one terminal
// with its recent alerts. Read-only: terminals are managed elsewhere. No personal data: a help
// request says why and on which kind of screen, never who.

export const terminalListPath = `${HUB_API}/terminals`;

const Alert = z.object({
  alertId: z.string(),
  kind: z.enum(alertKinds),
  raisedAt: z.string(),
  acknowledged: z.object({ at: z.string(), by: z.string(), note: z.string() }).nullable(),
});

export const TerminalListEntry = z.object({
  terminalId: z.string(),
  name: z.string(),
  siteId: z.string().nullable(),
  siteName: z.string().nullable(),
  kind: z.string(),
  health: z.enum(['online', 'degraded', 'offline', 'never_seen']),
  /** The last heartbeat the hub received (an instant; pages show it in court time). */
  receivedAt: z.string().nullable(),
  appVersion: z.string().nullable(),
  screen: z.enum(screenStates).nullable(),
  /** Jobs waiting in the terminal's outbox, as its last heartbeat said; null before one. */
  outboxDepth: z.int().nullable(),
  openAlerts: z.array(Alert),
  /** Open help requests, the longest waiting first. */
  helpRequests: z.array(z.object({ requestId: z.string(), reason: z.enum(helpReasons), at: z.string() })),
});
export type TerminalListEntry = z.infer<typeof TerminalListEntry>;

export const TerminalList = z.object({
  /** Minutes without a heartbeat before a terminal counts as offline (stated on the page). */
  offlineAfterMin: z.number(),
  terminals: z.array(TerminalListEntry),
});
export type TerminalList = z.infer<typeof TerminalList>;

export const TerminalListDetail = z.object({
  offlineAfterMin: z.number(),
  terminal: TerminalListEntry,
  /** Its alerts, open and cleared, the newest first (the last RECENT_ALERTS). */
  recentAlerts: z.array(Alert.extend({ clearedAt: z.string().nullable() })),
});
export type TerminalListDetail = z.infer<typeof TerminalListDetail>;

/** Alerts a terminal's page shows. */
export const RECENT_ALERTS = 30;
