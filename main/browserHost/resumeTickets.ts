import { createHmac, timingSafeEqual } from 'node:crypto';

// Resume tickets let a kiosk page outlive its host. The launch secret changes at every start, so
// a page left open across a restart would be locked out for good; instead the host hands each
// connected page a ticket signed with a key kept on disk, valid for a bounded time and renewed
// while the page stays connected. A ticket opens the bridge like the secret does; a page that
// never held the secret or a ticket (opened without it) still cannot connect.

export const RESUME_TICKET_TTL_MS = 12 * 60 * 60 * 1000;
/** Connected pages get a fresh ticket this often, long before the last one expires. */
export const RESUME_RENEW_MS = 60 * 60 * 1000;

export interface ResumeTickets {
  issue(nowMs?: number): string;
  verify(ticket: string, nowMs?: number): boolean;
}

export function resumeTickets(key: Buffer, ttlMs = RESUME_TICKET_TTL_MS): ResumeTickets {
  const sign = (expires: string) => createHmac('sha256', key).update(`bridge-resume:${expires}`).digest();
  return {
    issue(nowMs = Date.now()) {
      const expires = String(nowMs + ttlMs);
      return `${expires}.${sign(expires).toString('base64url')}`;
    },
    verify(ticket, nowMs = Date.now()) {
      const match = /^(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
      if (!match) return false;
      const [, expires, mac] = match as unknown as [string, string, string];
      const given = Buffer.from(mac, 'base64url');
      const wanted = sign(expires);
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return false;
      const expiresAt = Number(expires);
      return expiresAt > nowMs && expiresAt <= nowMs + ttlMs;
    },
  };
}
