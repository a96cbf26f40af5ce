import { z } from 'zod';
import { printerStates } from './terminals/heartbeat.js';

// The kiosk's staff panel (issue 14 item 7): a PIN court admins set per site, which the hub keeps
// and pushes only as a salted scrypt digest with the terminals' heartbeat replies; how wrong PINs
// are slowed down; what the panel shows and what it can do. The hub (server/terminals/adminPin*)
// and the agent (main/agent/admin/) hash with these parameters; the renderer (renderer/admin/)
// reads the delay and the actions.

export { AdminPin, ADMIN_PIN_SCRYPT, AdminPinDigest } from './kioskAdminPin.js';

/** Wrong PINs allowed before the first wait. */
export const ADMIN_PIN_FREE_FAILURES = 3;
const FIRST_WAIT_S = 30;
const MAX_WAIT_S = 15 * 60;

/** Seconds to wait after `failures` consecutive wrong PINs: none for the first few, then doubling to a cap. */
export function adminPinWaitS(failures: number): number {
  if (failures < ADMIN_PIN_FREE_FAILURES) return 0;
  return Math.min(FIRST_WAIT_S * 2 ** Math.min(failures - ADMIN_PIN_FREE_FAILURES, 20), MAX_WAIT_S);
}

/** How long an opened panel stays open without a touch on it (the agent forgets the unlock). */
export const ADMIN_SESSION_MS = 5 * 60_000;

export const adminActions = ['resync', 'restartAgent', 'restartHost', 'exitKiosk', 'testPrint', 'close'] as const;
export type AdminAction = (typeof adminActions)[number];

export const AdminUnlock = z.strictObject({ pin: z.string().max(16) });
export const AdminUnlockResult = z.discriminatedUnion('unlocked', [
  z.strictObject({ unlocked: z.literal(true) }),
  /** `retryAfterS` 0: wrong, try again now; > 0: wait first (a PIN typed meanwhile is not even checked). */
  z.strictObject({ unlocked: z.literal(false), reason: z.enum(['wrong', 'wait', 'noPin']), retryAfterS: z.int().min(0) }),
]);
export type AdminUnlockResult = z.infer<typeof AdminUnlockResult>;

export const AdminPanelView = z.strictObject({
  terminalId: z.string(),
  terminalName: z.string(),
  siteId: z.string().nullable(),
  hubUrl: z.string(),
  hubReachable: z.boolean(),
  enrolled: z.boolean(),
  queueDepth: z.int().min(0),
  oldestPendingAgeMs: z.number().min(0).nullable(),
  needsAttention: z.int().min(0),
  lastSyncAt: z.string().nullable(),
  appVersion: z.string(),
  nodeVersion: z.string(),
  host: z.enum(['electron', 'browser']),
  playlist: z.strictObject({ version: z.string().nullable(), items: z.int().min(0) }),
  config: z.strictObject({ applied: z.int().min(0), pushedAt: z.string().nullable() }),
  printer: z.enum(printerStates),
});
export type AdminPanelView = z.infer<typeof AdminPanelView>;

export const AdminActionRequest = z.strictObject({ action: z.enum(adminActions) });
export const AdminActionResult = z.strictObject({
  /** false when the host cannot do it (exit kiosk mode in a browser): the panel says so. */
  done: z.boolean(),
  notice: z.enum(['resyncStarted', 'restarting', 'notAvailable', 'printed', 'printFailed', 'closed']),
});
export type AdminActionResult = z.infer<typeof AdminActionResult>;

/** What the kiosk tells the hub's audit about its panel: events only, never a PIN. */
export const AdminAuditEvent = z.strictObject({
  event: z.enum(['opened', 'pinRefused', 'pinWait', ...adminActions]),
  at: z.string(),
});
export type AdminAuditEvent = z.infer<typeof AdminAuditEvent>;

/** One panel event as sent: the kiosk's id for it makes a resend (the hub's answer was lost) audited once. */
// reportId is optional: a kiosk older than the outbox-sent panel events sends none (version skew);
// its event is still audited, only without the resend guard.
export const AdminAuditReport = AdminAuditEvent.extend({
  reportId: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/)
    .optional(),
});
export type AdminAuditReport = z.infer<typeof AdminAuditReport>;

export const adminPaths = {
  /** Terminal → hub (its credential): one panel event for the audit log. */
  audit: '/api/v1/terminal/admin-audit',
} as const;
