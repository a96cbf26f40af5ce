import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CASE_TICKET_TTL_MS, callTicketKey, callTickets } from '../../server/caseStatus/callTickets.js';

// Case tickets (server/caseStatus/callTickets.ts): the hub's word that a resident at one terminal
// proved an intake theirs. Good at that terminal, for that intake, until it expires; any change
// to it, another hub's key, another terminal: worth nothing.

describe('case tickets', () => {
  const submissionId = randomUUID();
  let now = Date.parse('2026-12-05T10:00:00Z');
  const key = callTicketKey(randomBytes(32));
  const tickets = callTickets(key, () => new Date(now));

  it('vouch for their intake at their terminal until they expire', () => {
    const ticket = tickets.issue('KSK-A', submissionId);
    expect(tickets.verify(ticket, 'KSK-A')).toBe(submissionId);
    expect(tickets.verify(ticket, 'KSK-B')).toBeNull();
    now += CASE_TICKET_TTL_MS - 1;
    expect(tickets.verify(ticket, 'KSK-A')).toBe(submissionId);
    now += 2;
    expect(tickets.verify(ticket, 'KSK-A')).toBeNull();
  });

  it('are worth nothing changed, signed by another key, or malformed', () => {
    const ticket = tickets.issue('KSK-A', submissionId);
    const [body, mac] = ticket.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
    const rewritten = Buffer.from(JSON.stringify({ ...claims, t: 'KSK-B' })).toString('base64url');
    expect(tickets.verify(`${rewritten}.${mac}`, 'KSK-B')).toBeNull();
    expect(callTickets(callTicketKey(randomBytes(32)), () => new Date(now)).verify(ticket, 'KSK-A')).toBeNull();
    for (const bad of ['', '.', 'a.b.c', `${body}.`, `.${mac}`, `${body}.${mac}.x`, 'x'.repeat(1000)]) expect(tickets.verify(bad, 'KSK-A')).toBeNull();
  });
});
