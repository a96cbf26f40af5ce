import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { caseTypeCodes, defaultCourt, formatCaseNumber, normaliseCaseNumber, parseCaseNumber, residentCaseNumbers } from '../../shared/cases/caseNumber.js';
import { randomUUID } from 'node:crypto';
import { deadlineStatus, runningDeadline, type CaseFile } from '../../shared/cases/caseFile.js';
import { caseStates } from '../../shared/cases/lifecycle.js';
import { receivedCase } from '../support/receivedCase.js';
import { addDays, confirmationApplyBy, courtDateOf, daysLeft, endOfCourtDay, isOverdue, mediationDueDate, rulingDueDate, RULING_EXTENSION_DAYS } from '../../shared/cases/deadlines.js';

describe('case numbers (SPC format)', () => {
  it('writes the three kinds the hub issues', () => {
    const n = (typeCode: (typeof caseTypeCodes)[keyof typeof caseTypeCodes], serial: number) => formatCaseNumber({ year: 2026, courtCode: defaultCourt.code, typeCode, serial });
    expect(n(caseTypeCodes.preLitigationMediation, 1)).toBe('（2026）甘0103民诉前调1号');
    expect(n(caseTypeCodes.judicialConfirmation, 211)).toBe('（2026）甘0103民特211号');
    expect(n(caseTypeCodes.firstInstance, 12906)).toBe('（2026）甘0103民初12906号');
  });

  it('a resident’s dispute goes by its latest number: the lawsuit’s, else the confirmation’s, the mediation number beside it', () => {
    const dispute = { caseNumber: '（2026）甘0103民诉前调1号' };
    expect(residentCaseNumbers({ caseNumber: null }, { confirmation: null, lawsuit: null })).toEqual({ caseNumber: null, mediationCaseNumber: null });
    expect(residentCaseNumbers(dispute, { confirmation: null, lawsuit: null })).toEqual({ caseNumber: dispute.caseNumber, mediationCaseNumber: null });
    expect(residentCaseNumbers(dispute, { confirmation: '（2026）甘0103民特3号', lawsuit: null })).toEqual({ caseNumber: '（2026）甘0103民特3号', mediationCaseNumber: dispute.caseNumber });
    // refused confirmation, then filed: the lawsuit is where it stands now
    expect(residentCaseNumbers(dispute, { confirmation: '（2026）甘0103民特3号', lawsuit: '（2026）甘0103民初9号' })).toEqual({
      caseNumber: '（2026）甘0103民初9号',
      mediationCaseNumber: dispute.caseNumber,
    });
    // filed directly (never diverted, so no mediation number)
    expect(residentCaseNumbers({ caseNumber: null }, { confirmation: null, lawsuit: '（2026）甘0103民初9号' })).toEqual({ caseNumber: '（2026）甘0103民初9号', mediationCaseNumber: null });
  });

  it('reads them back as staff type them, and refuses what is not one', () => {
    expect(normaliseCaseNumber('(2026)甘0103民诉前调 0012 号')).toBe('（2026）甘0103民诉前调12号');
    expect(normaliseCaseNumber('（2026）甘0103民特3')).toBe('（2026）甘0103民特3号');
    for (const bad of ['', '2026甘0103民初1号', '（2026）GS0102民初1号', '（2026）甘0103刑初1号', '（2026）甘0103民初0号', '（26）甘0103民初1号']) {
      expect(parseCaseNumber(bad), bad).toBeNull();
    }
    expect(() => formatCaseNumber({ year: 2026, courtCode: 'GS0102', typeCode: '民初', serial: 1 })).toThrow(RangeError);
    expect(() => formatCaseNumber({ year: 2026, courtCode: '甘0103', typeCode: '民初', serial: 0 })).toThrow(RangeError);
  });

  it('round-trips every number it writes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1949, max: 9999 }), fc.constantFrom(...Object.values(caseTypeCodes)), fc.integer({ min: 1, max: 999_999_999 }), (year, typeCode, serial) => {
        const parts = { year, courtCode: '京0105', typeCode, serial };
        expect(parseCaseNumber(formatCaseNumber(parts))).toEqual(parts);
      }),
    );
  });
});

describe('deadlines courts work by', () => {
  it('counts periods from the day after they start (Art. 85), in court time', () => {
    expect(mediationDueDate('2026-03-01')).toBe('2026-03-31');
    expect(mediationDueDate('2026-02-15')).toBe('2026-03-17');
    expect(confirmationApplyBy('2026-12-15')).toBe('2027-01-14');
    expect(rulingDueDate('2026-03-01')).toBe('2026-03-16');
    expect(addDays(rulingDueDate('2026-03-01'), RULING_EXTENSION_DAYS)).toBe('2026-03-26');
    // 23:30 UTC is already the next morning at the court
    expect(courtDateOf(new Date('2026-03-01T23:30:00Z'))).toBe('2026-03-02');
    expect(courtDateOf(new Date('2026-03-01T15:59:59Z'))).toBe('2026-03-01');
    expect(endOfCourtDay('2026-03-31').toISOString()).toBe('2026-03-31T16:00:00.000Z');
  });

  it('is overdue only after the last day', () => {
    expect(isOverdue('2026-03-31', '2026-03-31')).toBe(false);
    expect(isOverdue('2026-03-31', '2026-04-01')).toBe(true);
    expect(daysLeft('2026-03-31', '2026-03-29')).toBe(2);
    expect(daysLeft('2026-03-31', '2026-03-31')).toBe(0);
    expect(daysLeft('2026-03-31', '2026-04-02')).toBe(-2);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('the deadline that matters in each state (shared/cases/caseFile.ts runningDeadline)', () => {
  const received = receivedCase();
  // every limit filled in, as on a case that went through them all: the state alone picks one
  const dates = { mediationDueDate: '2026-04-01', confirmationApplyBy: '2026-05-01', rulingDueDate: '2026-06-01' };
  const at = (o: Partial<CaseFile>): CaseFile => ({ ...received, ...dates, ...o });
  const allSigned = { documentId: randomUUID(), version: 1, signedBy: ['applicant:0', 'respondent:0', 'mediator:0'], lastSignedAt: '2026-03-20T02:00:00.000Z' };

  it('mediation while mediating; once settled, no mediation deadline: the 30 days to apply, once the agreement is signed', () => {
    expect(runningDeadline(at({ state: 'in_mediation' }))).toEqual({ kind: 'mediation', dueDate: '2026-04-01' });
    expect(runningDeadline(at({ state: 'settled' }))).toBeNull();
    expect(runningDeadline(at({ state: 'settled', agreement: { ...allSigned, signedBy: ['applicant:0'] } }))).toBeNull();
    expect(runningDeadline(at({ state: 'settled', agreement: allSigned }))).toEqual({ kind: 'confirmation_apply', dueDate: confirmationApplyBy('2026-03-20') });
    expect(runningDeadline(at({ state: 'agreement_signed' }))).toEqual({ kind: 'confirmation_apply', dueDate: '2026-05-01' });
    expect(runningDeadline(at({ state: 'in_confirmation' }))).toEqual({ kind: 'ruling', dueDate: '2026-06-01' });
  });

  it('a settled case past its mediation deadline is not overdue; ended cases run against none', () => {
    expect(deadlineStatus(at({ state: 'settled' }), '2026-04-20')).toBeNull();
    expect(deadlineStatus(at({ state: 'in_mediation' }), '2026-04-20')).toMatchObject({ kind: 'mediation', overdue: true });
    const running = new Set(['in_mediation', 'settled', 'agreement_signed', 'in_confirmation', 'confirmation_pending']);
    for (const state of caseStates) if (!running.has(state)) expect(runningDeadline(at({ state, agreement: allSigned })), state).toBeNull();
  });
});
