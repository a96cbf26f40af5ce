import { createHmac, hkdfSync } from 'node:crypto';
import { CASE_TICKET_MAX_LENGTH } from '../../shared/call.js';
import { secretsEqual } from '../http/credentials.js';

// A case ticket: the hub's word that a resident at one terminal has just proved (provisional
// number and phone, at check-my-case) that an intake is theirs, so a call from that terminal may
// be about that intake's case. It is what keeps a kiosk from attaching a call — and the session it
// records as held — to any case it names: a call request names a ticket, never a case.
//
// Stateless, so every hub instance behind the proxy checks it alike: terminal, intake and expiry,
// signed with a key derived from the hub's data key. It is good for one terminal and a short time;
// it carries an intake id (a random UUID), never anything personal.

/** Long enough to read the status and tap "call", short enough that a ticket left behind is useless. */
export const CASE_TICKET_TTL_MS = 30 * 60_000;

const SUBMISSION = /^[0-9a-fA-F-]{36}$/;

export interface CallTickets {
  issue(terminalId: string, submissionId: string): string;
  /** The intake a ticket vouches for at `terminalId`, or null (forged, expired, another terminal's). */
  verify(ticket: string, terminalId: string): string | null;
}

export function callTicketKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'court-hub case call ticket', 32));
}

export function callTickets(key: Buffer, now: () => Date): CallTickets {
  const mac = (body: string) => createHmac('sha256', key).update(body).digest('base64url');
  return {
    issue(terminalId, submissionId) {
      const body = Buffer.from(JSON.stringify({ t: terminalId, s: submissionId, e: now().getTime() + CASE_TICKET_TTL_MS })).toString('base64url');
      return `${body}.${mac(body)}`;
    },
    verify(ticket, terminalId) {
      if (ticket.length > CASE_TICKET_MAX_LENGTH) return null;
      const [body, signature, ...rest] = ticket.split('.');
      if (!body || !signature || rest.length > 0 || !secretsEqual(signature, mac(body))) return null;
      let claims: unknown;
      try {
        claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      } catch {
        return null;
      }
      const c = claims as { t?: unknown; s?: unknown; e?: unknown };
      if (c.t !== terminalId || typeof c.s !== 'string' || !SUBMISSION.test(c.s) || typeof c.e !== 'number' || c.e < now().getTime()) return null;
      return c.s;
    },
  };
}
