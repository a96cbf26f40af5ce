import { describe, expect, it, vi } from 'vitest';
import type { Draft, KioskApi } from '../../shared/contract.js';
import type { Receipt } from '../../shared/intake.js';
import type { Result } from '../../shared/result.js';
import {
  draftOf,
  fieldErrorsFromIssues,
  flowReducer,
  holdsResidentData,
  initialFlowState,
  type FlowEvent,
  type FlowState,
} from '../../renderer/flow/intakeFlow.js';
import { checkForm, submitIntake, SUBMIT_FAILED, SUBMIT_UNAVAILABLE } from '../../renderer/flow/submitIntake.js';

const ID = '0b7f2a52-4a43-4e57-9d1c-6a3f3c1d2e10';
const OTHER_ID = '6f1c0d9e-2b7a-4c55-8e3f-1a2b3c4d5e6f';
const run = (events: FlowEvent[], from: FlowState = initialFlowState()) => events.reduce(flowReducer, from);
const receipt = (submissionId = ID): Receipt => ({
  submissionId,
  provisionalNumber: 'K001-20250101-0001',
  submittedAt: '2025-01-01T08:00:00.000Z',
  status: 'queued',
  caseNumber: null,
});
const filled: FlowEvent[] = [
  { type: 'intakeStarted', submissionId: ID },
  { type: 'fieldChanged', field: 'applicantName', value: '张三' },
  { type: 'fieldChanged', field: 'mobile', value: '138 0013 8000' },
  { type: 'disputeTypeChosen', disputeType: 'neighbour' },
  { type: 'fieldChanged', field: 'description', value: '邻居装修噪音' },
];

describe('intake flow state machine', () => {
  it('starts at home in Chinese with nobody mid-intake', () => {
    const s = initialFlowState();
    expect(s).toMatchObject({ screen: 'home', language: 'zh-CN', submissionId: null, receipt: null });
    expect(holdsResidentData(s)).toBe(false);
    expect(draftOf(s)).toBeNull();
  });

  it('creates the submission id when the form starts and keeps it in the draft', () => {
    const s = run(filled);
    expect(s.screen).toBe('form');
    expect(s.submissionId).toBe(ID);
    expect(holdsResidentData(s)).toBe(true);
    expect(draftOf(s)).toEqual({
      submissionId: ID,
      language: 'zh-CN',
      step: 'form',
      form: { applicantName: '张三', mobile: '138 0013 8000', disputeType: 'neighbour', description: '邻居装修噪音' },
    });
  });

  it('back keeps the intake in memory; filing again resumes it with the same id', () => {
    const s = run([...filled, { type: 'backToHome' }, { type: 'intakeStarted', submissionId: OTHER_ID }]);
    expect(s.screen).toBe('form');
    expect(s.submissionId).toBe(ID);
    expect(s.form.applicantName).toBe('张三');
  });

  it('resumes a stored draft with its id and language, but never over an intake already started', () => {
    const draft: Draft = { submissionId: OTHER_ID, language: 'en', step: 'form', form: { mobile: '139' } };
    const resumed = run([{ type: 'draftFound', draft }]);
    expect(resumed).toMatchObject({ screen: 'form', submissionId: OTHER_ID, language: 'en' });
    expect(resumed.form).toEqual({ applicantName: '', mobile: '139', disputeType: null, description: '' });
    const started = run([{ type: 'intakeStarted', submissionId: ID }, { type: 'draftFound', draft }]);
    expect(started.submissionId).toBe(ID);
  });

  it('a field change clears only that field’s error', () => {
    const s = run([
      ...filled,
      { type: 'validationFailed', fieldErrors: { mobile: 'errors.mobile.length', description: 'errors.description.required' } },
      { type: 'fieldChanged', field: 'mobile', value: '13800138000' },
    ]);
    expect(s.fieldErrors).toEqual({ description: 'errors.description.required' });
    expect(s.errorRevision).toBe(1);
  });

  it('submitting blocks a second submit and edits; success shows the receipt and forgets the form', () => {
    const submitting = run([...filled, { type: 'submitStarted' }]);
    expect(submitting.submitting).toBe(true);
    expect(run([{ type: 'submitStarted' }], submitting)).toBe(submitting);
    expect(run([{ type: 'fieldChanged', field: 'mobile', value: 'x' }], submitting)).toBe(submitting);
    expect(run([{ type: 'backToHome' }], submitting)).toBe(submitting);
    const done = run([{ type: 'submitSucceeded', receipt: receipt() }], submitting);
    expect(done.screen).toBe('receipt');
    expect(done.receipt?.provisionalNumber).toBe('K001-20250101-0001');
    expect(done.form.applicantName).toBe('');
    expect(draftOf(done)).toBeNull();
    expect(holdsResidentData(done)).toBe(false);
  });

  it('never shows a receipt for another submission', () => {
    const s = run([...filled, { type: 'submitStarted' }, { type: 'submitSucceeded', receipt: receipt(OTHER_ID) }]);
    expect(s).toMatchObject({ screen: 'form', submitting: false, formError: 'submit.failed' });
    expect(run([...filled, { type: 'submitSucceeded', receipt: receipt() }]).screen).toBe('form');
  });

  it('a failed submit keeps every entry', () => {
    const s = run([...filled, { type: 'submitStarted' }, { type: 'submitFailed', fieldErrors: {}, formError: SUBMIT_UNAVAILABLE }]);
    expect(s).toMatchObject({ screen: 'form', submitting: false, formError: SUBMIT_UNAVAILABLE, submissionId: ID });
    expect(s.form.description).toBe('邻居装修噪音');
  });

  it('reset forgets everything, language included, and bumps the generation', () => {
    const s = run([...filled, { type: 'languageChosen', language: 'en' }, { type: 'staffHelpOpened' }, { type: 'reset' }]);
    expect(s).toEqual(initialFlowState(1));
  });

  it('the staff-help overlay opens and closes on any screen', () => {
    expect(run([{ type: 'staffHelpOpened' }]).staffHelpOpen).toBe(true);
    expect(run([...filled, { type: 'staffHelpOpened' }, { type: 'staffHelpClosed' }]).staffHelpOpen).toBe(false);
  });
});

describe('issues → fields', () => {
  it('maps submission-relative and form-relative paths; the first issue per field wins', () => {
    expect(
      fieldErrorsFromIssues([
        { path: 'form.mobile', message: 'errors.mobile.length' },
        { path: 'mobile', message: 'errors.mobile.prefix' },
        { path: 'applicantName', message: 'errors.applicantName.required' },
        { path: 'submissionId', message: 'errors.submissionId.invalid' },
        { path: '', message: 'Unrecognized key' },
      ]),
    ).toEqual({
      fieldErrors: { mobile: 'errors.mobile.length', applicantName: 'errors.applicantName.required' },
      formError: 'errors.submissionId.invalid',
    });
  });

  it('checkForm reports every missing field with its i18n key', () => {
    const r = checkForm({ applicantName: ' ', mobile: '', disputeType: null, description: '' });
    expect(r).toEqual({
      ok: false,
      fieldErrors: {
        applicantName: 'errors.applicantName.required',
        mobile: 'errors.mobile.required',
        disputeType: 'errors.disputeType.required',
        description: 'errors.description.required',
      },
    });
    expect(checkForm({ applicantName: 'a', mobile: '1380013800', disputeType: 'other', description: 'b' })).toEqual({
      ok: false,
      fieldErrors: { mobile: 'errors.mobile.length' },
    });
  });

  it('checkForm hands back the normalised form', () => {
    expect(checkForm({ applicantName: ' 张三 ', mobile: '138-0013-8000', disputeType: 'other', description: ' 事 ' })).toEqual({
      ok: true,
      form: { applicantName: '张三', mobile: '13800138000', disputeType: 'other', description: '事' },
    });
  });
});

describe('submitIntake', () => {
  const form = { applicantName: '张三', mobile: '13800138000', disputeType: 'other' as const, description: '事' };
  const apiAnswering = (result: Result<unknown>) => {
    const call = vi.fn(async () => result);
    return { api: { call } as unknown as Pick<KioskApi, 'call'>, call };
  };

  it('sends the submission and turns the receipt into success', async () => {
    const { api, call } = apiAnswering({ ok: true, value: receipt() });
    await expect(submitIntake(api, ID, 'en', form)).resolves.toEqual({ type: 'submitSucceeded', receipt: receipt() });
    expect(call).toHaveBeenCalledWith('intake.submit', { submissionId: ID, language: 'en', form });
  });

  it('UNAVAILABLE asks the resident to try again', async () => {
    const { api } = apiAnswering({ ok: false, error: { code: 'UNAVAILABLE', message: 'down' } });
    await expect(submitIntake(api, ID, 'zh-CN', form)).resolves.toEqual({ type: 'submitFailed', fieldErrors: {}, formError: SUBMIT_UNAVAILABLE });
  });

  it('server issues land next to their fields', async () => {
    const { api } = apiAnswering({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'bad', issues: [{ path: 'form.mobile', message: 'errors.mobile.prefix' }] },
    });
    await expect(submitIntake(api, ID, 'zh-CN', form)).resolves.toEqual({
      type: 'submitFailed',
      fieldErrors: { mobile: 'errors.mobile.prefix' },
      formError: null,
    });
  });

  it('anything else is a calm generic failure', async () => {
    const { api } = apiAnswering({ ok: false, error: { code: 'INTERNAL', message: 'bug' } });
    await expect(submitIntake(api, ID, 'zh-CN', form)).resolves.toEqual({ type: 'submitFailed', fieldErrors: {}, formError: SUBMIT_FAILED });
  });
});
