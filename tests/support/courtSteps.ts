import { expect } from 'vitest';
import { hubPaths, type IntakeIngest } from '../../shared/hubProtocol.js';
import { signIn, type CourtClient } from './courtClient.js';
import type { RunningHub } from './hubHarness.js';
import { nowOnOneCourtDay } from './courtMidnight.js';

// Court staff moving a kiosk filing on through the court API, as the tests of the resident's side
// need it: divert → session → settled → agreement drafted by the mediator.

export interface CourtStaff {
  clerk: CourtClient;
  mediator: CourtClient;
  judge: CourtClient;
}

/** `pw`: the default accounts' passwords, from the instance that seeded them (several share one database). */
export async function courtStaff(h: RunningHub, pw: Map<string, string> = h.hub.initialPasswords): Promise<CourtStaff> {
  return {
    clerk: await signIn(h.url, 'clerk', pw.get('clerk')!),
    mediator: await signIn(h.url, 'mediator.people', pw.get('mediator.people')!),
    judge: await signIn(h.url, 'judge', pw.get('judge')!),
  };
}

/** One case action through the API, expected to be accepted; answers the case after it. */
export async function act(by: CourtClient, c: { caseId: string; seq: number }, type: string, payload: unknown = {}) {
  const res = await by.call('actOnCase', { params: { caseId: c.caseId }, body: { type, payload, expectedSeq: c.seq } });
  expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.case;
}

/**
 * A session scheduled for now (`payload` without `startsAt`), so it can be held at once (never before its start):
 * sent again only if court midnight fell between "now" and the hub's check (nowOnOneCourtDay).
 */
export async function scheduledNow(by: CourtClient, c: { caseId: string; seq: number }, payload: Record<string, unknown>) {
  const res = await nowOnOneCourtDay((at) =>
    by.call('actOnCase', { params: { caseId: c.caseId }, body: { type: 'session.scheduled', payload: { ...payload, startsAt: at.toISOString() }, expectedSeq: c.seq } }),
  );
  expect(res.status, `session.scheduled: ${JSON.stringify(res.body)}`).toBe(201);
  return res.body.case;
}

export const agreementTerms: { facts: string; terms: Array<{ text: string; performBy?: string }> } = {
  facts: '申请人与被申请人因借款发生纠纷。',
  terms: [{ text: '被申请人于2027年1月15日前归还借款5000元。', performBy: '2027-01-15' }],
};

/** A received case diverted, mediated in person, settled, and its agreement drafted. */
export async function draftedAgreement(staff: CourtStaff, received: { caseId: string; seq: number }, terms: typeof agreementTerms = agreementTerms) {
  let c = await act(staff.clerk, received, 'case.diverted', { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } });
  c = await scheduledNow(staff.mediator, c, { mode: 'in_person', place: '第一调解室' });
  c = await act(staff.mediator, c, 'session.held', { sessionId: c.sessions[0].sessionId, minutes: 30 });
  c = await act(staff.mediator, c, 'mediation.settled', {});
  const drafted = await staff.mediator.call('draftAgreement', { params: { caseId: c.caseId }, body: { ...terms, expectedSeq: c.seq } });
  expect(drafted.status, JSON.stringify(drafted.body)).toBe(201);
  return { caseId: c.caseId as string, draftId: drafted.body.case.agreement.documentId as string };
}

/** A kiosk's filing delivered to the hub as its outbox sends it, expected to be accepted. */
export async function deliverIntake(h: RunningHub, credential: string, intake: IntakeIngest): Promise<void> {
  const delivered = await fetch(h.url + hubPaths.intakes, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${credential}`, 'idempotency-key': intake.submissionId },
    body: JSON.stringify(intake),
  });
  expect(delivered.status).toBe(201);
}
