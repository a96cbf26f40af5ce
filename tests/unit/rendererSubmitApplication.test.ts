import { describe, expect, it, vi } from 'vitest';
import { MediationApplication } from '../../shared/application.js';
import type { KioskApi } from '../../shared/contract.js';
import { IntakeSubmission, type Receipt } from '../../shared/intake.js';
import type { Result } from '../../shared/result.js';
import { getAt, owns, setAt } from '../../renderer/wizard/answerPaths.js';
import { candidateOf, issuesOf } from '../../renderer/wizard/applicationCandidate.js';
import { attachmentsOf, submitApplication, SUBMIT_FAILED, SUBMIT_UNAVAILABLE } from '../../renderer/wizard/submitApplication.js';
import { answerChanged } from '../../renderer/wizard/wizardContext.js';
import { completeApplication, PERSON_ID, PERSON_ID_FEMALE, SIGNATURE_PNG } from '../e2e/support/applications.js';

const ID = '0b7f2a52-4a43-4e57-9d1c-6a3f3c1d2e10';
const signature = { pngDataUrl: SIGNATURE_PNG, signedAt: '2026-01-05T09:40:00.000Z' };
const SHA = 'a'.repeat(64);
const parsed = (app = completeApplication()) => MediationApplication.parse(candidateOf(app, signature));
const receipt: Receipt = { submissionId: ID, provisionalNumber: 'K-1', submittedAt: '2026-01-05T09:41:00.000Z', status: 'queued', caseNumber: null };
const apiAnswering = (result: Result<unknown>) => {
  const call = vi.fn(async () => result);
  return { api: { call } as unknown as Pick<KioskApi, 'call'>, call };
};

describe('the evidence photos of an application', () => {
  it('lists every evidence photo once, labelled by its item', () => {
    const app = completeApplication();
    app.evidence = [
      { name: '借条', proves: '借款', photos: [SHA, 'b'.repeat(64)] },
      { name: '转账记录', proves: '交付', photos: [SHA] },
    ];
    expect(attachmentsOf(parsed(app))).toEqual([
      { sha256: SHA, label: '借条' },
      { sha256: 'b'.repeat(64), label: '借条' },
    ]);
  });
});

describe('submitApplication', () => {
  const input = () => ({ submissionId: ID, language: 'zh-CN' as const, application: parsed() });
  it('calls intake.submit and returns the receipt', async () => {
    const { api, call } = apiAnswering({ ok: true, value: receipt });
    await expect(submitApplication(api, input())).resolves.toEqual(receipt);
    expect(call).toHaveBeenCalledWith(
      'intake.submit',
      expect.objectContaining({ submissionId: ID, language: 'zh-CN', application: expect.objectContaining({ applicant: expect.objectContaining({ name: '王建国' }) }) }),
    );
    expect((call.mock.calls[0] as unknown[])[1]).not.toHaveProperty('attachments');
    // The whole application is the filing, exactly what the contract accepts; nothing else travels.
    const sent = (call.mock.calls[0] as unknown[])[1] as Record<string, unknown>;
    expect(Object.keys(sent).sort()).toEqual(['application', 'language', 'submissionId']);
    expect(sent.application).toEqual(parsed());
    expect(IntakeSubmission.safeParse(sent).success).toBe(true);
  });
  it('rejects with an i18n key the resident can act on', async () => {
    await expect(submitApplication(apiAnswering({ ok: false, error: { code: 'UNAVAILABLE', message: 'x' } }).api, input())).rejects.toThrow(SUBMIT_UNAVAILABLE);
    await expect(
      submitApplication(apiAnswering({ ok: false, error: { code: 'INVALID_INPUT', message: 'x', issues: [{ path: 'application.applicant.mobile', message: 'errors.mobile.length' }] } }).api, input()),
    ).rejects.toThrow('errors.mobile.length');
    await expect(submitApplication(apiAnswering({ ok: false, error: { code: 'INTERNAL', message: 'boom' } }).api, input())).rejects.toThrow(SUBMIT_FAILED);
  });
});

describe('answers', () => {
  it('are read and written by dotted paths, creating lists and objects on the way', () => {
    expect(setAt({}, 'respondents.0.name', '李四')).toEqual({ respondents: [{ name: '李四' }] });
    expect(setAt({ a: { b: 1, c: 2 } }, 'a.b', undefined)).toEqual({ a: { c: 2 } });
    expect(getAt({ claims: ['x', 'y'] }, 'claims.1')).toBe('y');
    expect(getAt({}, 'applicant.name')).toBeUndefined();
    expect(owns('respondents', 'respondents.0.name')).toBe(true);
    expect(owns('respondents.0', 'respondents.01')).toBe(false);
  });
  it('fill sex and birth date from a valid ID number, without overwriting an answer', () => {
    expect(answerChanged({ applicant: { kind: 'person' } }, 'applicant.idNumber', PERSON_ID).applicant).toMatchObject({ sex: 'male', birthDate: '1958-03-12' });
    expect(answerChanged({ applicant: { kind: 'person', sex: 'female' } }, 'applicant.idNumber', PERSON_ID).applicant?.sex).toBe('female');
    expect(answerChanged({ applicant: { kind: 'person' } }, 'applicant.idNumber', PERSON_ID.slice(0, 17)).applicant?.sex).toBeUndefined();
  });
  it('keep sex and birth date that came from the ID number in step with it: a corrected number changes them, a wrong one empties them', () => {
    const filled = answerChanged({ applicant: { kind: 'person', name: '王建国' } }, 'applicant.idNumber', PERSON_ID);
    const corrected = answerChanged(filled, 'applicant.idNumber', PERSON_ID_FEMALE);
    expect(corrected.applicant).toMatchObject({ sex: 'female', birthDate: '1962-08-05' });
    const wrong = answerChanged(corrected, 'applicant.idNumber', `${PERSON_ID_FEMALE.slice(0, 17)}1`);
    expect(wrong.applicant).toEqual({ kind: 'person', name: '王建国', idNumber: `${PERSON_ID_FEMALE.slice(0, 17)}1` });
    // What the resident chose themselves is theirs: the number does not overwrite it.
    const chosen = answerChanged({ applicant: { kind: 'person', sex: 'male', birthDate: '1962-08-06' } }, 'applicant.idNumber', PERSON_ID_FEMALE);
    expect(chosen.applicant).toMatchObject({ sex: 'male', birthDate: '1962-08-06' });
    expect(answerChanged(chosen, 'applicant.idNumber', '').applicant).toMatchObject({ sex: 'male', birthDate: '1962-08-06' });
  });
  it('flag only the ID number while it is wrong, not the sex and birth date it would give', () => {
    const app = { ...completeApplication(), applicant: { kind: 'person', name: '王建国', idNumber: `${PERSON_ID.slice(0, 17)}1`, mobile: '13812345678' } };
    const paths = issuesOf(app, null).map((i) => i.path);
    expect(paths).toContain('applicant.idNumber');
    expect(paths).not.toContain('applicant.sex');
    expect(paths).not.toContain('applicant.birthDate');
    // Without a number, they are asked for as before.
    const noId = { ...app, applicant: { kind: 'person', name: '王建国', mobile: '13812345678' } };
    expect(issuesOf(noId, null).map((i) => i.path)).toEqual(expect.arrayContaining(['applicant.idNumber', 'applicant.sex', 'applicant.birthDate']));
  });
  it('give a new respondent card its shown default, and clear type answers when the type changes', () => {
    expect(answerChanged({}, 'respondents.0.name', '李四').respondents).toEqual([{ kind: 'person', name: '李四' }]);
    const app = answerChanged({ disputeType: 'labour', typeAnswers: { monthlyWage: '4000' } }, 'disputeType', 'traffic');
    expect(app.typeAnswers).toEqual({});
    expect(answerChanged({ disputeType: 'labour', typeAnswers: { monthlyWage: '4000' } }, 'disputeType', 'labour').typeAnswers).toEqual({ monthlyWage: '4000' });
  });
  it('drop answers to hidden questions and blank extras from the application', () => {
    const app = completeApplication();
    app.typeAnswers = { ...app.typeAnswers, term: 'on_demand', interestRatePercent: '12' };
    app.claims = ['请求归还借款', '  '];
    const candidate = candidateOf(app, null) as { typeAnswers: Record<string, unknown>; claims: string[] };
    expect(candidate.typeAnswers).not.toHaveProperty('dueDate');
    expect(candidate.typeAnswers).not.toHaveProperty('interestRatePercent');
    expect(candidate.claims).toEqual(['请求归还借款']);
  });
});
