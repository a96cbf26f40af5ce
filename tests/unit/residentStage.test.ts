import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { missingSigners, type CaseFile } from '../../shared/cases/caseFile.js';
import { confirmationApplyBy } from '../../shared/cases/deadlines.js';
import { ResidentStage, residentStage, residentStages } from '../../shared/cases/residentStage.js';
import { caseStates } from '../../shared/cases/lifecycle.js';
import { receivedCase } from '../support/receivedCase.js';

// What a resident is told of their dispute: a stage for every state, the next step and its last
// day, the next scheduled session — and nothing but what the schema allows (no names, no staff).

const received = receivedCase();
const at = (o: Partial<CaseFile>): CaseFile => ({ ...received, ...o });
const session = (startsAt: string, status: 'scheduled' | 'held' | 'cancelled' = 'scheduled') => ({
  sessionId: randomUUID(),
  startsAt,
  mode: 'in_person' as const,
  siteId: 'qlh-centre-xiyuan',
  place: '调解室',
  status,
});

describe('the resident’s stage', () => {
  it('names a stage and a next step for every state of a dispute, in the schema’s terms only', () => {
    for (const state of caseStates) {
      const r = residentStage(at({ state }), '2026-03-03');
      expect(ResidentStage.strict().parse(r)).toEqual(r);
      expect(residentStages).toContain(r.stage);
    }
  });

  it('shows the earliest scheduled session with the mediation deadline, and only scheduled ones', () => {
    const c = at({
      state: 'in_mediation',
      mediator: 'mediator.people',
      organisationId: 'qlh-people-mediation',
      mediationDueDate: '2026-04-01',
      sessions: [session('2026-03-20T02:00:00.000Z'), session('2026-03-10T02:00:00.000Z', 'held'), session('2026-03-12T02:00:00.000Z')],
    });
    const r = residentStage(c, '2026-03-05');
    expect(r).toMatchObject({ stage: 'session_scheduled', session: { startsAt: '2026-03-12T02:00:00.000Z', place: '调解室' }, next: { step: 'attend_session', dueDate: '2026-04-01' } });
    expect(JSON.stringify(r)).not.toContain('mediator.people');
    expect(residentStage(at({ state: 'in_mediation', mediationDueDate: '2026-04-01' }), '2026-03-05')).toMatchObject({ stage: 'with_mediator', session: null, next: { step: 'await_session' } });
  });

  it('asks for signatures while any are missing, then for a joint application within its 30 days', () => {
    const drafted = at({ state: 'settled', agreement: { documentId: randomUUID(), version: 1, signedBy: ['applicant:0'] } });
    expect(residentStage(drafted, '2026-03-05')).toMatchObject({ stage: 'agreement_to_sign', next: { step: 'sign_agreement' } });
    // every signature in, the signed agreement still being drawn (the hub stopped between, say): signed,
    // and the application due 30 days from the day of the last signature (Beijing time), not from today
    const allIn = at({ state: 'settled', agreement: { documentId: randomUUID(), version: 1, signedBy: ['applicant:0', 'respondent:0', 'mediator:0'], lastSignedAt: '2026-03-01T17:30:00.000Z' } });
    expect(missingSigners(allIn)).toEqual([]);
    expect(residentStage(allIn, '2026-03-05')).toMatchObject({ stage: 'agreement_signed', next: { step: 'apply_confirmation', dueDate: confirmationApplyBy('2026-03-02') } });
    expect(residentStage(at({ state: 'settled' }), '2026-03-05')).toMatchObject({ stage: 'settled', next: { step: 'sign_agreement' } });
    const signed = at({ state: 'agreement_signed', confirmationApplyBy: '2026-04-04' });
    expect(residentStage(signed, '2026-03-05')).toMatchObject({ next: { step: 'apply_confirmation', dueDate: '2026-04-04' } });
    expect(residentStage(signed, '2026-04-05')).toMatchObject({ next: { step: 'perform_agreement' } });
    expect(residentStage(at({ state: 'failed' }), '2026-03-05')).toMatchObject({ stage: 'mediation_failed', next: { step: 'consider_lawsuit' } });
  });
});
