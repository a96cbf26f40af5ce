import { randomBytes } from 'node:crypto';
import type { GuestPass } from '../signalling/mediationDesk.js';

// The pass a party gets for getting through the join page: it opens the room's guest socket for
// one call, again after a dropped network too, until the call ends or the pass is a day old. In
// memory only: a hub restart ends every call anyway.

const PASS_TTL_MS = 24 * 60 * 60_000;

export interface GuestPasses {
  issue(pass: GuestPass): string;
  get(token: string | null | undefined): GuestPass | null;
}

export function guestPasses(now: () => number = Date.now): GuestPasses {
  const passes = new Map<string, { pass: GuestPass; until: number }>();
  return {
    issue(pass) {
      for (const [token, p] of passes) if (p.until <= now()) passes.delete(token);
      const token = randomBytes(24).toString('base64url');
      passes.set(token, { pass, until: now() + PASS_TTL_MS });
      return token;
    },
    get(token) {
      const p = token ? passes.get(token) : undefined;
      return p && p.until > now() ? p.pass : null;
    },
  };
}
