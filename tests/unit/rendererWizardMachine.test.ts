import { textLimits } from '../../shared/application.js';
import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { Receipt } from '../../shared/intake.js';
import { fromDraft, toDraft } from '../../renderer/wizard/applicationDraft.js';
import { Draft } from '../../shared/contract.js';
import { canEnter, firstIncomplete, progressOf, resumeStep, stepAfter, stepBefore, steps, type Step } from '../../renderer/wizard/stepNavigation.js';
import { screenOf, wizardMachine, type SubmitInput, type WizardEvent } from '../../renderer/wizard/wizardMachine.js';
import { completeApplication, SIGNATURE_PNG } from '../e2e/support/applications.js';

const ID = '0b7f2a52-4a43-4e57-9d1c-6a3f3c1d2e10';
const receipt = (submissionId = ID): Receipt => ({ submissionId, provisionalNumber: 'K001-20260105-0001', submittedAt: '2026-01-05T09:41:00.000Z', status: 'queued', caseNumber: null });

function start(submit: (input: SubmitInput) => Promise<Receipt> = async () => receipt()) {
  const submitted: SubmitInput[] = [];
  const machine = wizardMachine.provide({
    actors: {
      submit: fromPromise<Receipt, SubmitInput>(async ({ input }) => {
        submitted.push(input);
        return submit(input);
      }),
    },
  });
  const actor = createActor(machine, { input: { now: () => new Date('2026-01-05T09:30:00.000Z') } });
  actor.start();
  const send = (...events: WizardEvent[]) => events.forEach((e) => actor.send(e));
  const step = () => {
    const value = actor.getSnapshot().value;
    return (typeof value === 'string' ? value : Object.values(value)[0]) as string;
  };
  return { actor, send, step, submitted, context: () => actor.getSnapshot().context };
}

/** Resumes a complete application at `step` (as a reload would). */
function resumed(step: Step, reviewing = false, application = completeApplication()) {
  const t = start();
  t.send({ type: 'RESUME', draft: { submissionId: ID, language: 'zh-CN', elderly: false, step, reviewing, application } });
  return t;
}

describe('the wizard machine', () => {
  it('walks from home through every question screen to the review, one valid "next" at a time', () => {
    const t = resumed('preferences');
    expect(t.step()).toBe('preferences');
    const seen: string[] = [t.step()];
    for (let i = 0; i < steps.length; i++) {
      t.send({ type: 'NEXT' });
      if (seen.at(-1) === t.step()) break;
      seen.push(t.step());
    }
    expect(seen).toEqual(steps.slice(0, steps.indexOf('signature') + 1));
  });

  it('starts a fresh intake and blocks "next" with field errors until answered', () => {
    const t = start();
    t.send({ type: 'START', submissionId: ID }, { type: 'ANSWER', path: 'shortPath', value: false }, { type: 'NEXT' });
    expect(t.step()).toBe('privacy');
    t.send({ type: 'NEXT' });
    expect(t.step()).toBe('privacy');
    expect(t.context().errors).toEqual({ 'consents.privacy': 'errors.privacyConsent.required' });
    t.send({ type: 'CONSENT', which: 'privacy', accepted: true });
    expect(t.step()).toBe('onlineConsent');
    expect(t.context().application.consents?.privacy).toEqual({ accepted: true, at: '2026-01-05T09:30:00.000Z' });
    t.send({ type: 'CONSENT', which: 'onlineMediation', accepted: false });
    expect(t.step()).toBe('applicantKind');
    t.send({ type: 'ANSWER', path: 'applicant.kind', value: 'person' }, { type: 'NEXT' }, { type: 'NEXT' });
    expect(t.step()).toBe('applicantIdentity');
    expect(Object.keys(t.context().errors).sort()).toEqual(['applicant.birthDate', 'applicant.ethnicity', 'applicant.idNumber', 'applicant.name', 'applicant.sex']);
    // Fixing a field clears its message at once; other messages stay until fixed.
    t.send({ type: 'ANSWER', path: 'applicant.name', value: '王建国' });
    expect(t.context().errors['applicant.name']).toBeUndefined();
    expect(t.context().errors['applicant.idNumber']).toBe('errors.idNumber.required');
    t.send({ type: 'ANSWER', path: 'applicant.idNumber', value: '62010219580312031X' });
    expect(t.context().errors['applicant.idNumber']).toBe('errors.idNumber.checksum');
  });

  it('goes back one screen at a time, and home from the first', () => {
    const t = resumed('respondents');
    t.send({ type: 'BACK' });
    expect(t.step()).toBe('agent');
    t.send({ type: 'GO', to: 'preferences' }, { type: 'BACK' });
    expect(t.step()).toBe('home');
    // The intake is still in memory: "file a dispute" carries on with it.
    t.send({ type: 'START', submissionId: 'another' });
    expect(t.context().submissionId).toBe(ID);
    expect(t.context().application.applicant?.name).toBe('王建国');
  });

  it('never enters a screen whose earlier answers are missing', () => {
    const app = completeApplication();
    delete app.applicant!.mobile;
    const t = resumed('evidence', false, app);
    expect(t.step()).toBe('applicantContact');
    t.send({ type: 'GO', to: 'signature' });
    expect(t.step()).toBe('applicantContact');
    t.send({ type: 'EDIT', step: 'facts' });
    expect(t.step()).toBe('applicantContact');
  });

  it('edits from the review and comes back to it, via what the edit left unanswered', () => {
    const t = resumed('review', true);
    expect(t.step()).toBe('review');
    t.send({ type: 'EDIT', step: 'applicantContact', path: 'applicant.mobile' });
    expect(t.step()).toBe('applicantContact');
    expect(t.context().focusPath).toBe('applicant.mobile');
    t.send({ type: 'ANSWER', path: 'applicant.mobile', value: '13900001111' }, { type: 'NEXT' });
    expect(t.step()).toBe('review');
    expect(t.context().application.applicant?.mobile).toBe('13900001111');
    // A new dispute type empties its questions: "next" stops there before returning.
    t.send({ type: 'EDIT', step: 'disputeType' }, { type: 'ANSWER', path: 'disputeType', value: 'labour' }, { type: 'NEXT' });
    expect(t.step()).toBe('typeQuestions');
    expect(t.context().application.typeAnswers).toEqual({});
    for (const [key, value] of Object.entries({ startedOn: '2020-01-01', stillEmployed: true, monthlyWage: '4000', issues: ['overtime'], hasContract: true })) {
      t.send({ type: 'ANSWER', path: `typeAnswers.${key}`, value });
    }
    t.send({ type: 'NEXT' });
    expect(t.step()).toBe('review');
    // "Back" from an edit also returns to the review.
    t.send({ type: 'EDIT', step: 'facts' }, { type: 'BACK' });
    expect(t.step()).toBe('review');
    // Review cannot edit itself or the signature.
    t.send({ type: 'EDIT', step: 'signature' });
    expect(t.step()).toBe('review');
  });

  it('requires a signature, submits the parsed application and drops it from memory on the receipt', async () => {
    const t = resumed('review', true);
    t.send({ type: 'NEXT' });
    expect(t.step()).toBe('signature');
    t.send({ type: 'SUBMIT' });
    expect(t.context().errors).toEqual({ signature: 'errors.signature.required' });
    t.send({ type: 'SIGNED', pngDataUrl: SIGNATURE_PNG }, { type: 'SUBMIT' });
    await waitFor(t.actor, (s) => s.matches('receipt'));
    expect(t.submitted).toHaveLength(1);
    expect(t.submitted[0]!.application.applicant.name).toBe('王建国');
    expect(t.submitted[0]!.application.signature.pngDataUrl).toBe(SIGNATURE_PNG);
    expect(t.context().receipt?.provisionalNumber).toBe('K001-20260105-0001');
    expect(t.context().application).toEqual({});
    expect(t.context().signature).toBeNull();
    t.send({ type: 'DONE' });
    expect(t.step()).toBe('home');
    expect(t.context().submissionId).toBeNull();
  });

  it('keeps elderly mode past the receipt (the visit goes on: check the case, call), until a reset', async () => {
    const t = resumed('review', true);
    t.send({ type: 'ELDERLY', on: true }, { type: 'NEXT' }, { type: 'SIGNED', pngDataUrl: SIGNATURE_PNG }, { type: 'SUBMIT' });
    await waitFor(t.actor, (s) => s.matches('receipt'));
    const generation = t.context().generation;
    t.send({ type: 'DONE' });
    expect(t.step()).toBe('home');
    expect(t.context()).toMatchObject({ elderly: true, receipt: null, submissionId: null, application: {}, generation: generation + 1 });
    t.send({ type: 'CHECK_CASE' });
    expect(t.context().elderly).toBe(true);
    t.send({ type: 'RESET' });
    expect(t.context().elderly).toBe(false);
    // A call from the receipt ends the filing the same way.
    const called = resumed('review', true);
    called.send({ type: 'ELDERLY', on: true }, { type: 'NEXT' }, { type: 'SIGNED', pngDataUrl: SIGNATURE_PNG }, { type: 'SUBMIT' });
    await waitFor(called.actor, (s) => s.matches('receipt'));
    called.send({ type: 'CALL' }, { type: 'DONE' });
    expect(called.context()).toMatchObject({ elderly: true, receipt: null });
  });

  it("keeps the resident's language past the receipt's 完成 and a call from it, until the kiosk wakes from idle or resets", async () => {
    const t = resumed('review', true);
    t.send({ type: 'LANGUAGE', language: 'en' }, { type: 'NEXT' }, { type: 'SIGNED', pngDataUrl: SIGNATURE_PNG }, { type: 'SUBMIT' });
    await waitFor(t.actor, (s) => s.matches('receipt'));
    t.send({ type: 'DONE' });
    expect(t.step()).toBe('home');
    expect(t.context()).toMatchObject({ language: 'en', receipt: null, submissionId: null });
    t.send({ type: 'ELDERLY', on: true }, { type: 'NEW_VISIT' });
    expect(t.context()).toMatchObject({ language: 'zh-CN', elderly: false });
    const called = resumed('review', true);
    called.send({ type: 'LANGUAGE', language: 'en' }, { type: 'NEXT' }, { type: 'SIGNED', pngDataUrl: SIGNATURE_PNG }, { type: 'SUBMIT' });
    await waitFor(called.actor, (s) => s.matches('receipt'));
    called.send({ type: 'CALL' }, { type: 'DONE' });
    expect(called.context()).toMatchObject({ language: 'en', receipt: null });
    called.send({ type: 'RESET' });
    expect(called.context().language).toBe('zh-CN');
  });

  it('returns to the signature with a message when the submit fails or answers for another intake', async () => {
    const failing = start(async () => {
      throw new Error('submit.unavailable');
    });
    failing.send({ type: 'RESUME', draft: { submissionId: ID, language: 'en', elderly: true, step: 'review', reviewing: true, application: completeApplication() } });
    failing.send({ type: 'NEXT' }, { type: 'SIGNED', pngDataUrl: SIGNATURE_PNG }, { type: 'SUBMIT' });
    await waitFor(failing.actor, (s) => s.matches({ wizard: 'signature' }) && s.context.formError !== null);
    expect(failing.context().formError).toBe('submit.unavailable');
    expect(failing.context().application.applicant?.name).toBe('王建国');
    const wrong = start(async () => receipt('6f1c0d9e-2b7a-4c55-8e3f-1a2b3c4d5e6f'));
    wrong.send({ type: 'RESUME', draft: { submissionId: ID, language: 'en', elderly: true, step: 'review', reviewing: true, application: completeApplication() } });
    wrong.send({ type: 'NEXT' }, { type: 'SIGNED', pngDataUrl: SIGNATURE_PNG }, { type: 'SUBMIT' });
    await waitFor(wrong.actor, (s) => s.context.formError !== null);
    expect(wrong.step()).toBe('signature');
    expect(wrong.context().formError).toBe('submit.failed');
  });

  it('forgets everything on reset, and keeps language and elderly mode as chosen until then', () => {
    const t = resumed('facts');
    t.send({ type: 'LANGUAGE', language: 'en' }, { type: 'ELDERLY', on: true });
    expect(t.context()).toMatchObject({ language: 'en', elderly: true });
    const generation = t.context().generation;
    t.send({ type: 'RESET' });
    expect(t.step()).toBe('home');
    expect(t.context()).toMatchObject({ submissionId: null, application: {}, language: 'zh-CN', elderly: false, reviewing: false, generation: generation + 1 });
  });

  it('never chooses the short or the full form for the resident, in elderly mode neither', () => {
    // Elderly mode switched on at home, or on the first screen: no form is chosen (s17 walk item 5:
    // the short one, preselected, lay below the fold and "next" took it unseen).
    const t = start();
    t.send({ type: 'ELDERLY', on: true }, { type: 'START', submissionId: ID }, { type: 'ELDERLY', on: false }, { type: 'ELDERLY', on: true });
    expect(t.context().application.shortPath).toBeUndefined();
    // "Next" without an answer stays, and says what to do.
    t.send({ type: 'NEXT' });
    expect(t.step()).toBe('preferences');
    expect(t.context().errors).toEqual({ shortPath: 'errors.shortPath.required' });
    t.send({ type: 'ANSWER', path: 'shortPath', value: true });
    expect(t.context().errors).toEqual({});
    t.send({ type: 'ELDERLY', on: false }, { type: 'NEXT' });
    expect(t.context().application.shortPath).toBe(true);
    expect(t.step()).toBe('privacy');
    // Further on, elderly mode changes only the look, never the form under the resident's feet.
    const later = resumed('facts');
    later.send({ type: 'ELDERLY', on: true });
    expect(later.context().application.shortPath).toBe(completeApplication().shortPath);
  });

  it('calls a mediator from home and comes back to the intake in progress, untouched', () => {
    const t = resumed('preferences');
    t.send({ type: 'ANSWER', path: 'facts', value: '邻居漏水' }, { type: 'BACK' });
    expect(t.step()).toBe('home');
    const generation = t.context().generation;
    t.send({ type: 'CALL' });
    expect(t.step()).toBe('call');
    expect(screenOf(t.actor.getSnapshot().value)).toBe('call');
    t.send({ type: 'DONE' });
    expect(t.step()).toBe('home');
    expect(t.context()).toMatchObject({ submissionId: ID, generation });
    expect(t.context().application.facts).toBe('邻居漏水');
    t.send({ type: 'START', submissionId: 'another' });
    expect(t.step()).toBe('preferences');
    expect(t.context().submissionId).toBe(ID);
  });

  it('calls a mediator from the receipt with its submission, and forgets the receipt after the call', async () => {
    const t = resumed('review', true);
    t.send({ type: 'NEXT' }, { type: 'SIGNED', pngDataUrl: SIGNATURE_PNG }, { type: 'SUBMIT' });
    await waitFor(t.actor, (s) => s.matches('receipt'));
    const generation = t.context().generation;
    t.send({ type: 'CALL' });
    expect(t.step()).toBe('call');
    expect(t.context().receipt?.submissionId).toBe(ID);
    t.send({ type: 'DONE' });
    expect(t.step()).toBe('home');
    expect(t.context()).toMatchObject({ receipt: null, submissionId: null, generation: generation + 1 });
  });

  it('checks a case from home only, and a reset there forgets the resident', () => {
    const t = start();
    t.send({ type: 'CHECK_CASE' });
    expect(t.step()).toBe('checkCase');
    expect(screenOf(t.actor.getSnapshot().value)).toBe('checkCase');
    t.send({ type: 'DONE' });
    expect(t.step()).toBe('home');
    t.send({ type: 'LANGUAGE', language: 'en' }, { type: 'CHECK_CASE' });
    const generation = t.context().generation;
    t.send({ type: 'RESET' });
    expect(t.step()).toBe('home');
    expect(t.context()).toMatchObject({ language: 'zh-CN', generation: generation + 1 });
    // Mid-intake, neither the call nor check-my-case can take over the screen.
    const busy = resumed('agent');
    busy.send({ type: 'CHECK_CASE' }, { type: 'CALL' });
    expect(busy.step()).toBe('agent');
    expect(screenOf(busy.actor.getSnapshot().value)).toBe('agent');
  });

  it('calls a mediator about the case just checked with its ticket, and drops the ticket after the call', () => {
    const t = start();
    t.send({ type: 'CALL_ABOUT_CASE', caseTicket: 'ticket-from-home' });
    expect(t.step()).toBe('home'); // only from check-my-case
    t.send({ type: 'CHECK_CASE' }, { type: 'CALL_ABOUT_CASE', caseTicket: 'ticket.abc' });
    expect(t.step()).toBe('call');
    expect(t.context().caseTicket).toBe('ticket.abc');
    t.send({ type: 'DONE' });
    expect(t.step()).toBe('home');
    expect(t.context().caseTicket).toBeNull();
    // the next call from home is about nothing in particular
    t.send({ type: 'CALL' });
    expect(t.step()).toBe('call');
    expect(t.context().caseTicket).toBeNull();
  });

  it('ignores a resume once someone has started', () => {
    const t = start();
    t.send({ type: 'START', submissionId: ID });
    t.send({ type: 'GO', to: 'preferences' }, { type: 'BACK' });
    t.send({ type: 'RESUME', draft: { submissionId: 'other', language: 'en', elderly: false, step: 'facts', reviewing: false, application: completeApplication() } });
    expect(t.step()).toBe('home');
    expect(t.context().submissionId).toBe(ID);
  });
});

describe('step navigation rules', () => {
  it('computes next, back and resume targets', () => {
    const app = completeApplication();
    expect(stepAfter('facts', app, false)).toBe('evidence');
    expect(stepAfter('facts', app, true)).toBe('review');
    expect(stepBefore('facts', app, false)).toBe('claims');
    expect(stepBefore('facts', app, true)).toBe('review');
    expect(stepBefore('preferences', app, false)).toBeNull();
    expect(resumeStep('signature', app, true)).toBe('review');
    expect(firstIncomplete(app)).toBeNull();
    // the form to fill is the first answer: a draft without one starts there
    expect(firstIncomplete({})).toBe('preferences');
    expect(firstIncomplete({ shortPath: false })).toBe('privacy');
    expect(canEnter('review', {}, true)).toBe(true);
    expect(canEnter('signature', {}, true)).toBe(false);
  });

  it("tells no total before a path is chosen, then the chosen path's", () => {
    // the first screen offers the 9-step short path: "of 16" there told an elderly resident the long one
    expect(progressOf('preferences', {})).toEqual({ index: 1, total: null });
    expect(progressOf('preferences', { shortPath: true })).toEqual({ index: 1, total: 9 });
    expect(progressOf('preferences', { shortPath: false })).toEqual({ index: 1, total: 16 });
    expect(progressOf('facts', { shortPath: true })).toEqual({ index: 6, total: 9 });
  });
});

describe("the elderly's short path", () => {
  it('goes from the dispute type through who, what happened and what you want to a receipt, leaving the rest to the mediator', async () => {
    const t = start();
    t.send({ type: 'START', submissionId: ID }, { type: 'ANSWER', path: 'shortPath', value: true }, { type: 'NEXT' });
    t.send({ type: 'CONSENT', which: 'privacy', accepted: true }, { type: 'CONSENT', which: 'onlineMediation', accepted: true });
    expect(t.step()).toBe('disputeType');
    t.send({ type: 'ANSWER', path: 'disputeType', value: 'private_loan' }, { type: 'NEXT' });
    expect(t.step()).toBe('shortWho');
    t.send({ type: 'NEXT' });
    expect(Object.keys(t.context().errors).sort()).toEqual(['applicant.mobile', 'applicant.name', 'respondents.0.name']);
    t.send(
      { type: 'ANSWER', path: 'applicant.name', value: '王建国' },
      { type: 'ANSWER', path: 'applicant.mobile', value: '13812345678' },
      { type: 'ANSWER', path: 'respondents.0.name', value: '李四' },
    );
    t.send({ type: 'NEXT' });
    expect(t.step()).toBe('facts');
    t.send({ type: 'BACK' });
    expect(t.step()).toBe('shortWho');
    t.send({ type: 'NEXT' }, { type: 'ANSWER', path: 'facts', value: '借给他五万元，说好年底还，一直不还。' }, { type: 'NEXT' });
    expect(t.step()).toBe('claims');
    t.send({ type: 'ANSWER', path: 'claims', value: ['还我五万元'] }, { type: 'NEXT' });
    expect(t.step()).toBe('review');
    t.send({ type: 'NEXT' }, { type: 'SIGNED', pngDataUrl: SIGNATURE_PNG }, { type: 'SUBMIT' });
    await waitFor(t.actor, (s) => s.value === 'receipt');
    const filed = t.submitted[0]!.application;
    expect(filed.applicant).toEqual({ kind: 'person', name: '王建国', mobile: '13812345678' });
    expect(filed.respondents).toEqual([{ kind: 'person', name: '李四' }]);
    expect(filed.typeAnswers).toBeUndefined();
    expect(filed.deferred).toContain('applicant.idNumber');
  });

  it('talks to a person from any step and comes back to that step with the draft', () => {
    const t = resumed('facts');
    const before = t.context().application;
    t.send({ type: 'CALL', from: 'facts' });
    expect(t.step()).toBe('call');
    expect(t.context().application).toBe(before);
    t.send({ type: 'DONE' });
    expect(t.step()).toBe('facts');
    expect(t.context().application).toBe(before);
    expect(t.context().returnStep).toBeNull();
    // Short path screens are not on the full path, and the full path's not on the short one.
    expect(canEnter('shortWho', completeApplication(), false)).toBe(false);
    expect(canEnter('agent', { ...completeApplication(), shortPath: true }, true)).toBe(false);
  });
});

describe('the draft seam', () => {
  it('round-trips the application, step and modes through the Draft', () => {
    const draft = toDraft({ submissionId: ID, language: 'en', elderly: true, step: 'evidence', reviewing: false, application: completeApplication() });
    expect(draft).toMatchObject({ step: 'evidence', elderly: true, reviewing: false });
    expect(Draft.safeParse(draft).success).toBe(true);
    expect(fromDraft(draft)).toEqual({ submissionId: ID, language: 'en', elderly: true, step: 'evidence', reviewing: false, application: completeApplication() });
  });

  it('keeps long facts whole and resumes at the first screen when the step is unknown', () => {
    const app = { ...completeApplication(), facts: '事'.repeat(3900) };
    const draft = toDraft({ submissionId: ID, language: 'zh-CN', elderly: false, step: 'facts', reviewing: true, application: app });
    expect(fromDraft(draft)?.application.facts).toHaveLength(3900);
    expect(fromDraft({ ...draft, step: 'nowhere' })).toMatchObject({ step: 'preferences', reviewing: true });
  });

  it('refuses a draft whose answers do not fit the application draft schema', () => {
    const draft = toDraft({ submissionId: ID, language: 'zh-CN', elderly: false, step: 'facts', reviewing: false, application: completeApplication() });
    expect(fromDraft({ ...draft, form: { ...draft.form, facts: 'x'.repeat(textLimits.facts * 2 + 1) } })).toBeNull();
  });
});
