import { z } from 'zod';

// Framing for hosts that carry the contract over a byte stream (the browser host's WebSocket,
// the Electron main ↔ agent utility-process port). Names and payloads inside are checked
// against shared/contract.ts by the receiving side; this only frames them.

export const BRIDGE_PATH = '/bridge';
/** The renderer finds the per-launch secret in the URL fragment (never sent to a server). */
export const SECRET_FRAGMENT_KEY = 'secret';
/**
 * The query key of a resume ticket: the host hands every connected page one, so a page left open
 * while the host restarted (with a new launch secret) can come back without being reopened.
 */
export const RESUME_QUERY_KEY = 'resume';

export const ClientFrame = z.object({
  t: z.literal('call'),
  id: z.number().int().nonnegative(),
  name: z.string().max(100),
  input: z.unknown().optional(),
});
export type ClientFrame = z.infer<typeof ClientFrame>;

export const ResultFrame = z.object({ t: z.literal('result'), id: z.number().int().nonnegative(), result: z.unknown() });
export const EventFrame = z.object({ t: z.literal('event'), name: z.string(), payload: z.unknown() });
/** The host's fresh resume ticket for this page (on connect and again before the last expires). */
export const ResumeFrame = z.object({ t: z.literal('resume'), ticket: z.string().max(200) });
export const ServerFrame = z.discriminatedUnion('t', [ResultFrame, EventFrame, ResumeFrame]);
export type ServerFrame = z.infer<typeof ServerFrame>;
