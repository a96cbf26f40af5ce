import { z } from 'zod';
import { ClientFrame, EventFrame, ResultFrame } from '../../shared/bridgeProtocol.js';
import { ReceiptDocument } from '../../shared/receipt.js';
import { RELEASE_VERSION } from '../../shared/updates/release.js';

// Every message between the agent in its own process and its parent (the Electron main process
// over the utility process port; the fault suite over Node IPC), structured-clone, one object
// each, discriminated by `t`. Both ends parse what they receive with these schemas: the
// supervisor (main/electron/agentSupervisor.ts) and the process entry (./processEntry.ts).
//
//   parent → child  { t: 'init', options, dataKey }         first, once: configuration and the data key
//   parent → child  { t: 'call', id, name, input }          a contract call (ClientFrame)
//   parent → child  { t: 'shutdown' }                       close the store and exit; killed after a grace period
//   parent → child  { t: 'host.response', id, ok, value?, error? }   the answer to a host request
//   child → parent  { t: 'ready' }                          once, when the agent is open and can answer calls
//   child → parent  { t: 'result', id, result }             a call's Result (shared/result.ts)
//   child → parent  { t: 'event', name, payload }           a contract event
//   child → parent  { t: 'host.request', id, op, payload }  a host capability (silent printing, updates,
//                                                           restarting the app, leaving kiosk mode); ids are the child's own

// ---------- parent → child ----------

/** Sent by message, never argv or env, which other local users can read in /proc. */
export const InitMessage = z.object({
  t: z.literal('init'),
  dataKey: z.string(), // base64; the parent got it from safeStorage or its key file
  options: z.object({
    dataDir: z.string(),
    hubUrl: z.string(),
    publicHubUrl: z.string().optional(),
    kind: z.enum(['electron', 'browser']),
    terminalId: z.string().optional(),
    terminalName: z.string().optional(),
    location: z.string().optional(),
    enrollmentCode: z.string().optional(),
    appVersion: z.string().optional(),
    healthIntervalMs: z.number().optional(),
    counter: z.string().optional(),
    idCardReader: z.string().optional(),
    hubTls: z.object({ caFile: z.string().optional(), allowPlainHttp: z.boolean().optional() }).optional(),
    /** This app start as an update's trial sees it (the parent counted it once per app start). */
    updateTrial: z.discriminatedUnion('kind', [z.object({ kind: z.literal('normal') }), z.object({ kind: z.enum(['trial', 'failed']), from: z.string(), to: z.string() })]).optional(),
    /** The parent installs updates (a packaged Electron app). */
    shellUpdates: z.boolean().optional(),
  }),
});
export type InitMessage = z.infer<typeof InitMessage>;

export const ShutdownMessage = z.object({ t: z.literal('shutdown') });

export const HostResponseFrame = z.object({
  t: z.literal('host.response'),
  id: z.number().int().nonnegative(),
  ok: z.boolean(),
  value: z.unknown().optional(),
  error: z.string().max(200).optional(),
});
export type HostResponseFrame = z.infer<typeof HostResponseFrame>;

export const ParentMessage = z.discriminatedUnion('t', [InitMessage, ClientFrame, ShutdownMessage, HostResponseFrame]);
export type ParentMessage = z.infer<typeof ParentMessage>;

// ---------- child → parent ----------

export const ReadyMessage = z.object({ t: z.literal('ready') });

/** The host capabilities a child may ask for; the parent validates each payload before acting. */
export const hostOps = ['printReceipt', 'updateDownload', 'updateInstall', 'relaunchApp', 'exitKiosk'] as const;
export type HostOp = (typeof hostOps)[number];

export const HostRequestFrame = z.object({
  t: z.literal('host.request'),
  id: z.number().int().nonnegative(),
  op: z.enum(hostOps),
  payload: z.unknown(),
});
export type HostRequestFrame = z.infer<typeof HostRequestFrame>;

export const PrintReceiptPayload = z.strictObject({ document: ReceiptDocument, auto: z.boolean() });
export type PrintReceiptPayload = z.infer<typeof PrintReceiptPayload>;

const Version = z.string().regex(RELEASE_VERSION);
/** Download `version` from the hub's feed (its URL and the credential header). */
export const UpdateDownloadPayload = z.strictObject({ version: Version, feed: z.strictObject({ url: z.url(), headers: z.record(z.string(), z.string()) }) });
export type UpdateDownloadPayload = z.infer<typeof UpdateDownloadPayload>;
export const UpdateInstallPayload = z.strictObject({ version: Version });

export const ChildMessage = z.discriminatedUnion('t', [ReadyMessage, ResultFrame, EventFrame, HostRequestFrame]);
export type ChildMessage = z.infer<typeof ChildMessage>;
