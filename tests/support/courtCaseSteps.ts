import { expect } from 'vitest';
import type { StaffRole } from '../../shared/staff/roles.js';
import { PERSON_ID } from '../e2e/support/applications.js';
import { signIn, sha256, type CourtClient } from './courtClient.js';
import { sampleApplication, sampleResident } from './fixtures.js';
import type { RunningHub } from './hubHarness.js';
import { storedBytes } from './storedData.js';

// One account of every staff role signed in on a hub, and a case's steps through the court API
// (/api/v1) by them, each expected to be accepted: what the court-case tests share
// (tests/integration/courtCases.test.ts, courtCaseRoles.test.ts).

export type StaffAccounts = Record<'admin' | 'clerk' | 'judge' | 'assistant' | 'mediator' | 'counter' | 'viewer', CourtClient>;
export const accountOf: Record<StaffRole, keyof StaffAccounts> = {
  court_admin: 'admin',
  filing_clerk: 'clerk',
  judge: 'judge',
  judge_assistant: 'assistant',
  mediator: 'mediator',
  counter_staff: 'counter',
  dashboard_viewer: 'viewer',
};

/** Signs in one account of each role: the harness's admin and the hub's default accounts. */
export async function signInStaff(running: RunningHub): Promise<StaffAccounts> {
  const base = running.url;
  const pw = running.hub.initialPasswords;
  const login = (u: string) => signIn(base, u, pw.get(u)!);
  return {
    admin: await signIn(base, 'admin', 'test-admin-password'),
    clerk: await login('clerk'),
    judge: await login('judge'),
    assistant: await login('assistant'),
    mediator: await login('mediator.people'),
    counter: await login('counter.xiyuan'),
    viewer: await login('viewer'),
  };
}

export const PDF = (label: string) => Buffer.from(`%PDF-1.4\n% ${label}\n%%EOF\n`);

/** A case's steps by `staff` (signed in by the test file's beforeAll), each expected to be accepted. */
export function caseSteps(staff: StaffAccounts) {
  async function enter(by: CourtClient = staff.clerk, o: { name?: string; mobile?: string; channel?: 'court' | 'counter' } = {}) {
    const res = await by.call('enterCase', {
      body: { channel: o.channel ?? 'court', application: sampleApplication({ name: o.name ?? sampleResident.name, mobile: o.mobile ?? sampleResident.mobile }) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.case;
  }

  async function act(by: CourtClient, c: { caseId: string; seq: number }, type: string, payload: unknown = {}, reason?: string) {
    const res = await by.call('actOnCase', { params: { caseId: c.caseId }, body: { type, payload, expectedSeq: c.seq, ...(reason ? { reason } : {}) } });
    expect(res.status, `${type}: ${JSON.stringify(res.body)}`).toBe(201);
    return res.body as { case: any; appended: any[] };
  }

  async function upload(by: CourtClient, caseId: string, kind: string, bytes: Buffer) {
    const res = await by.call('uploadDocument', { params: { caseId }, body: { kind, mimeType: 'application/pdf', contentBase64: bytes.toString('base64') } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.sha256).toBe(sha256(bytes));
    return res.body.documentId as string;
  }

  async function divert(c: any) {
    const r = await act(staff.clerk, c, 'case.diverted', { organisationId: 'qlh-people-mediation', mediator: 'mediator.people', consent: { method: 'application' } });
    return r.case;
  }

  return { enter, act, upload, divert };
}

/**
 * Every case on the hub: its stored fold equals a rebuild from its log, its chain verifies; and the
 * database holds none of `secrets` (ID numbers, phones the file entered, beyond the sample resident's) in clear.
 */
export async function expectCasesSound(running: RunningHub, clerk: CourtClient, secrets: readonly string[] = []): Promise<void> {
  for (const caseId of await running.hub.court.cases.caseIds(running.hub.database)) {
    const res = await clerk.call('caseIntegrity', { params: { caseId } }); // the court's filing staff see every case
    expect(res.status).toBe(200);
    expect(res.body, caseId).toMatchObject({ chainValid: true, foldMatches: true });
  }
  const bytes = await storedBytes(running);
  for (const secret of [PERSON_ID, sampleResident.mobile, ...secrets]) expect(bytes.includes(Buffer.from(secret)), secret).toBe(false);
}
