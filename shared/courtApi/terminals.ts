import { z } from 'zod';
import { EntityId } from '../cases/caseEvents.js';
import { TerminalId } from '../hubProtocol.js';
import { commandKinds, TerminalSettings } from '../terminals/heartbeat.js';

// The terminals as court admins manage them through the court API (issue 11 item 2): rename,
// move to another site, retire; push settings to a terminal or a whole site; ask one to restart or
// resync; acknowledge an alert with a note. Enrollment is not here (server/terminals/routes.ts).

export const TerminalParams = z.strictObject({ terminalId: TerminalId });

/** What a terminal is for: a resident's kiosk, a remote service counter (staff sign in), a guidance screen. */
export const terminalKinds = ['kiosk', 'counter', 'guidance'] as const;

export const TerminalUpdate = z
  .strictObject({
    name: z.string().trim().min(1).max(80).optional(),
    /** The site it now stands at. */
    siteId: EntityId.optional(),
    kind: z.enum(terminalKinds).optional(),
  })
  .refine((u) => Object.keys(u).length > 0, { error: 'errors.update.empty' });
export type TerminalUpdate = z.infer<typeof TerminalUpdate>;

export const TerminalView = z.object({
  terminalId: z.string(),
  name: z.string(),
  siteId: z.string().nullable(),
  kind: z.string(),
  retiredAt: z.string().nullable(),
});
export type TerminalView = z.infer<typeof TerminalView>;

export const ConfigPush = z.strictObject({
  target: z.strictObject({ kind: z.enum(['site', 'terminal']), id: EntityId }),
  settings: TerminalSettings,
});
export type ConfigPush = z.infer<typeof ConfigPush>;

/** The version pushed: a terminal names it in its heartbeat once applied. */
export const ConfigPushed = z.object({ version: z.int().positive() });

export const CommandRequest = z.strictObject({ kind: z.enum(commandKinds) });
export const CommandRequested = z.object({ commandId: z.uuid() });

export const AlertParams = z.strictObject({ alertId: z.uuid() });
export const AlertAcknowledge = z.strictObject({ note: z.string().trim().min(1).max(500) });
export const AlertAcknowledged = z.object({ alertId: z.uuid(), acknowledgedAt: z.string(), acknowledgedBy: z.string(), note: z.string() });
