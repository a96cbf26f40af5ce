import { z } from 'zod';

// The remote service counter (远程服务柜台) between the kiosk agent and the court hub. A counter
// staff member signs in at a terminal through the agent: the terminal authenticates with its
// credential, the staff member with their password, and the hub answers with a sign-in record
// only for counter staff of the terminal's own site. Each intake entered during that sign-in
// carries its id, so the hub records the case as entered at the counter by that staff member —
// even when the outbox delivers it after the sign-in has ended (the village network was down).

export const COUNTER_SIGN_IN_PATH = '/api/v1/counter/sign-ins';

export const CounterSignInRequest = z.strictObject({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});
export type CounterSignInRequest = z.infer<typeof CounterSignInRequest>;

/** The hub's answer to a counter sign-in: who is at the counter, until when. */
export const CounterSignIn = z.strictObject({
  signInId: z.uuid(),
  username: z.string().min(1).max(100),
  displayName: z.string().max(100),
  siteId: z.string().min(1).max(80),
  siteName: z.string().max(200),
  expiresAt: z.iso.datetime(),
});
export type CounterSignIn = z.infer<typeof CounterSignIn>;

/** On an intake: entered at the counter by `staffUsername` during the sign-in `signInId`. */
export const CounterEntry = z.strictObject({
  signInId: z.uuid(),
  staffUsername: z.string().min(1).max(100),
});
export type CounterEntry = z.infer<typeof CounterEntry>;

/** Refusals of a counter sign-in (the `code` of the hub's error body). */
export const counterRefusals = {
  wrong: 'WRONG_PASSWORD', // wrong username or password (or an inactive account); UNAUTHORIZED is the terminal's credential
  notCounterStaff: 'NOT_COUNTER_STAFF', // the account is not counter staff of this terminal's site
  noSite: 'TERMINAL_WITHOUT_SITE', // the court has not placed this terminal at a site yet
  locked: 'SIGN_IN_LOCKED',
} as const;

/** How long a counter sign-in lasts at most (a working day); the counter also signs out when idle. */
export const COUNTER_SIGN_IN_TTL_MS = 10 * 60 * 60 * 1000;
