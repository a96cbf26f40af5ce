import { z } from 'zod';

// The counter as the kiosk's renderer sees it (shared/contract.ts `counter.*` calls): whether this
// terminal offers counter staff mode, whether a card reader is attached, and who is signed in.
// The sign-in's id stays inside the agent; the renderer never holds anything it could replay.

/** Untouched for this long, the counter signs its staff member out (agent and screen alike). */
export const COUNTER_IDLE_SIGN_OUT_MS = 5 * 60 * 1000;

export const CounterStaff = z.strictObject({
  username: z.string().max(100),
  displayName: z.string().max(100),
  siteName: z.string().max(200),
});
export type CounterStaff = z.infer<typeof CounterStaff>;

export const CounterState = z.strictObject({
  /** This terminal is a remote service counter (KIOSK_COUNTER=1). */
  enabled: z.boolean(),
  /** A resident ID card reader is attached (real or simulated). */
  reader: z.boolean(),
  staff: CounterStaff.nullable(),
});
export type CounterState = z.infer<typeof CounterState>;

export const CounterSignInInput = z.strictObject({
  username: z.string().trim().min(1, { error: 'counter.errors.username' }).max(100),
  password: z.string().min(1, { error: 'counter.errors.password' }).max(200),
});
export type CounterSignInInput = z.infer<typeof CounterSignInInput>;
