import { randomUUID } from 'node:crypto';
import type { Hub } from '../../server/hub.js';
import { newSecret, sha256Hex } from '../../server/http/credentials.js';
import { SESSION_COOKIE } from '../../server/staff/sessions.js';
import { courtDay } from '../../shared/courtTime.js';
import { addDays } from '../../shared/cases/deadlines.js';
import type { StaffRole } from '../../shared/staff/roles.js';
import { receivedPayload, type ReceivedPayload } from './receivedCase.js';

// Staff who read the dashboard, signed in (a session row as the sign-in would write it), and a
// dispute carried through the real case store — for the dashboard's integration and e2e tests.

export async function signedInStaff(hub: Hub, role: StaffRole, siteId: string | null = null): Promise<{ username: string; cookie: string; token: string }> {
  const username = `${role.replace(/_/g, '-')}-${randomUUID().slice(0, 6)}`;
  const at = new Date().toISOString();
  const { db } = hub.database;
  await db.insertInto('staff').values({ username, password_hash: 'none', created_at: at, role, display_name: username, site_id: siteId }).execute();
  const token = newSecret();
  await db
    .insertInto('staff_sessions')
    .values({ token_hash: sha256Hex(token), username, created_at: at, expires_at: new Date(Date.now() + 3_600_000).toISOString() })
    .execute();
  return { username, cookie: `${SESSION_COOKIE}=${token}`, token };
}

const system = { kind: 'system' } as const;
const today = () => courtDay(Date.now());

/** A dispute received at `siteId` (through the case store, so every listener runs). */
export async function receiveDispute(hub: Hub, siteId: string, channel: ReceivedPayload['channel'] = 'counter', disputeType = 'neighbour'): Promise<string> {
  const r = await hub.cases.open(hub.database, 'dispute', { type: 'case.received', actor: system, siteId, payload: { ...receivedPayload({ channel }), disputeType } }, { today: today() });
  return r.event.caseId;
}

export async function divertDispute(hub: Hub, caseId: string, organisationId: string, mediator?: string): Promise<void> {
  await hub.cases.append(
    hub.database,
    caseId,
    {
      type: 'case.diverted',
      actor: system,
      payload: { caseNumber: '-', organisationId, ...(mediator ? { mediator } : {}), consent: { method: 'application' }, mediationDueDate: addDays(today(), 30) },
    },
    { today: today() },
  );
}

export async function settleDispute(hub: Hub, caseId: string): Promise<void> {
  await hub.cases.append(hub.database, caseId, { type: 'mediation.settled', actor: system, payload: {} }, { today: today() });
}
