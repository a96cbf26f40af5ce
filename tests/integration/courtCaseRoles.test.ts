import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandTypes } from '../../shared/cases/caseCommands.js';
import { eventRoles, staffRoles } from '../../shared/staff/roles.js';
import { accountOf, caseSteps, expectCasesSound, signInStaff, type StaffAccounts } from '../support/courtCaseSteps.js';
import { startHub, type RunningHub } from '../support/hubHarness.js';

// Roles through the court API (/api/v1) on a real hub: each is refused every action outside its
// part (the matrix is shared/staff/roles.ts itself), and every refusal is audited; two staff
// acting on one case at once: one wins, the other gets 409 with the case as it is now; case
// numbers stay serial under concurrent allocation. (A dispute's paths: courtCases.test.ts.)

let running: RunningHub;
const staff = {} as StaffAccounts;

beforeAll(async () => {
  running = await startHub();
  Object.assign(staff, await signInStaff(running));
});
afterAll(async () => {
  await running?.close();
});

const { enter, act, divert } = caseSteps(staff);

describe('roles and concurrency', () => {
  it('refuses every role each action outside its part (403), and audits each attempt as denied', async () => {
    // one case every role's scope can reach: entered at the xiyuan counter, diverted to the people's committee
    const c = await divert(await enter(staff.counter, { channel: 'counter' }));
    const before = (await running.hub.court.audit.list(running.hub.database.db, { outcome: 'denied', caseId: c.caseId, limit: 500 })).length;
    let refusals = 0;
    for (const role of staffRoles) {
      for (const type of commandTypes) {
        if (eventRoles[type].includes(role)) continue;
        const res = await staff[accountOf[role]].call('actOnCase', { params: { caseId: c.caseId }, body: { type, payload: {}, expectedSeq: c.seq } });
        expect(res.status, `${role} ${type}: ${JSON.stringify(res.body)}`).toBe(403);
        expect(['ROLE_NOT_ALLOWED', 'FORBIDDEN']).toContain(res.body.error.code);
        refusals++;
      }
    }
    expect(refusals).toBeGreaterThan(100);
    const denied = await running.hub.database.db.selectFrom('audit_log').select(['actor_id', 'action']).where('outcome', '=', 'denied').execute();
    const deniedOnCase = (await running.hub.court.audit.list(running.hub.database.db, { outcome: 'denied', caseId: c.caseId, limit: 500 })).length;
    // court_admin and dashboard_viewer have no case abilities at all: their refusals are audited by ability
    const abilityRefusals = denied.filter((d) => d.action === 'api.actOnCase' && (d.actor_id === 'admin' || d.actor_id === 'viewer')).length;
    expect(deniedOnCase - before + abilityRefusals).toBe(refusals);
    const after = (await staff.clerk.call('getCase', { params: { caseId: c.caseId } })).body.case;
    expect(after.seq).toBe(c.seq); // nothing was appended
  });

  it('two staff acting on one case at once: one wins, the other gets 409 with the case as it is now', async () => {
    for (let round = 0; round < 5; round++) {
      const c = await enter();
      const payload = { organisationId: 'qlh-people-mediation', consent: { method: 'in_person' } };
      const [a, b] = await Promise.all([staff.clerk, staff.assistant].map((by) => by.call('actOnCase', { params: { caseId: c.caseId }, body: { type: 'case.diverted', payload, expectedSeq: 1 } })));
      const statuses = [a!.status, b!.status].sort();
      expect(statuses).toEqual([201, 409]);
      const lost = a!.status === 409 ? a! : b!;
      expect(lost.body.error.code).toBe('STALE_CASE');
      expect(lost.body.error.case).toMatchObject({ caseId: c.caseId, seq: 2, state: 'in_mediation' });
    }
  });

  it('case numbers are yearly serials without repeats under concurrent allocation', async () => {
    const cases = await Promise.all(Array.from({ length: 12 }, () => enter()));
    const diverted = await Promise.all(
      cases.map((c, i) => act(i % 2 ? staff.clerk : staff.assistant, c, 'case.diverted', { organisationId: 'qlh-people-mediation', consent: { method: 'application' } })),
    );
    const rows = await running.hub.database.db.selectFrom('cases').select('case_number').where('case_number', 'is not', null).execute();
    const numbers = rows.map((r) => r.case_number!);
    expect(new Set(numbers).size).toBe(numbers.length);
    const serials = numbers
      .filter((n) => n.includes('民诉前调'))
      .map((n) => Number(/民诉前调(\d+)号/.exec(n)![1]))
      .sort((x, y) => x - y);
    expect(serials).toEqual(Array.from({ length: serials.length }, (_, i) => i + 1)); // no gaps either
    expect(diverted.every((d) => d.case.caseNumber)).toBe(true);
  });

  it('every stored fold equals a rebuild from its log, every chain verifies, and the database holds no ID number or phone in clear', async () => {
    await expectCasesSound(running, staff.clerk);
  });
});
