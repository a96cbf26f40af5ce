import { assign, fromPromise, raise, setup, type SnapshotFrom } from 'xstate';
import type { MediationApplication } from '../../shared/application.js';
import type { Language, Receipt } from '../../shared/intake.js';
import { setAt } from './answerPaths.js';
import { parseApplication } from './applicationCandidate.js';
import { answerChanged, DEFAULT_LANGUAGE, emptyContext, errorsOf, refreshErrors, type WizardContext } from './wizardContext.js';
import { canEnter, resumeStep, stepAfter, stepBefore, stepIssues, steps, type Step } from './stepNavigation.js';
import type { AppDraft } from './questions.js';

// The resident's whole visit as one explicit XState machine: home → wizard (one state per
// screen, then submitting) → receipt, and beside the wizard the video call (from home or the
// receipt) and "check my case" (from home). The app shows the screen of the current state and
// nothing else decides it. Screens only send events; every move between screens is a
// transition listed here, and "GO" is guarded by `canEnter`, so back, edit-from-review and resume
// can never land on a screen whose earlier answers are missing. Pure: submitting is an injected
// actor, the clock is read only for consent and signature timestamps.

export interface SubmitInput {
  submissionId: string;
  language: Language;
  application: MediationApplication;
}

export interface ResumeData {
  submissionId: string;
  language: Language;
  elderly: boolean;
  step: Step;
  reviewing: boolean;
  application: AppDraft;
}

export type WizardEvent =
  | { type: 'LANGUAGE'; language: Language }
  | { type: 'ELDERLY'; on: boolean }
  /** The kiosk went idle and someone woke it: the next visit starts in the default language and standard mode. */
  | { type: 'NEW_VISIT' }
  | { type: 'START'; submissionId: string }
  | { type: 'RESUME'; draft: ResumeData }
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'GO'; to: Step }
  | { type: 'EDIT'; step: Step; path?: string }
  | { type: 'ANSWER'; path: string; value: unknown }
  | { type: 'CONSENT'; which: 'privacy' | 'onlineMediation'; accepted: boolean }
  | { type: 'SIGNED'; pngDataUrl: string }
  | { type: 'SIGNATURE_CLEARED' }
  | { type: 'SUBMIT' }
  | { type: 'FOCUSED' }
  /** Talk to a person: `from` is the wizard step to come back to, with the draft kept. */
  | { type: 'CALL'; from?: Step }
  /** Join another call's room by the meeting code a mediator gave (a party at their own terminal). */
  | { type: 'JOIN' }
  | { type: 'CHECK_CASE' }
  /** From check-my-case: a video call with a mediator about the case just shown. */
  | { type: 'CALL_ABOUT_CASE'; caseTicket: string }
  | { type: 'DONE' }
  | { type: 'RESET' };

type StepParams = { step: Step };

export const wizardMachine = setup({
  types: {
    context: {} as WizardContext,
    events: {} as WizardEvent,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- declares xstate's input type; without it input infers as {}
    input: {} as { now?: () => Date } | undefined,
  },
  actors: {
    submit: fromPromise<Receipt, SubmitInput>(async () => {
      throw new Error('The submit actor is provided by the app');
    }),
  },
  guards: {
    stepIncomplete: ({ context }, { step }: StepParams) => stepIssues(step, context.application, context.signature).length > 0,
    mayGo: ({ context, event }, { step }: StepParams) => event.type === 'GO' && event.to === step && canEnter(step, context.application, context.reviewing),
    isFirstStep: ({ context }, { step }: StepParams) => stepBefore(step, context.application, context.reviewing) === null,
    editable: ({ event }) => event.type === 'EDIT' && event.step !== 'review' && event.step !== 'signature',
    readyToSubmit: ({ context }) => context.signature !== null && parseApplication(context.application, context.signature) !== null,
    receiptMatches: ({ context, event }) => (event as unknown as { output?: Receipt }).output?.submissionId === context.submissionId,
  },
  actions: {
    showErrors: assign(({ context }, { step }: StepParams) => ({
      errors: errorsOf(stepIssues(step, context.application, context.signature)),
      errorRevision: context.errorRevision + 1,
      formError: null,
    })),
    advance: raise(({ context }, { step }: StepParams) => ({ type: 'GO' as const, to: stepAfter(step, context.application, context.reviewing) })),
    retreat: raise(({ context }, { step }: StepParams) => ({ type: 'GO' as const, to: stepBefore(step, context.application, context.reviewing) ?? step })),
    entered: assign({ errors: {} }),
    answer: assign(({ context, event }) => {
      if (event.type !== 'ANSWER') return {};
      const application = answerChanged(context.application, event.path, event.value);
      return { application, errors: refreshErrors(context.errors, application, context.signature) };
    }),
    forgetResident: assign(({ context }) => emptyContext(context.generation + 1, context.now)),
    // A filing done is not the visit done: the resident may go on to check their case or call, so
    // their language and elderly mode stay until the kiosk goes idle (RESET, or the attract loop at home).
    forgetFiling: assign(({ context }) => ({ ...emptyContext(context.generation + 1, context.now), language: context.language, elderly: context.elderly })),
    consent: assign(({ context, event }) => {
      if (event.type !== 'CONSENT') return {};
      const at = context.now().toISOString();
      const application = setAt(context.application, `consents.${event.which}`, { accepted: event.accepted, at });
      return { application, errors: {} };
    }),
  },
}).createMachine({
  id: 'intake',
  context: ({ input }) => emptyContext(0, input?.now),
  initial: 'home',
  on: {
    LANGUAGE: { actions: assign({ language: ({ event }) => event.language }) },
    ELDERLY: { actions: assign({ elderly: ({ event }) => event.on }) },
    NEW_VISIT: { actions: assign({ language: DEFAULT_LANGUAGE, elderly: false }) },
    // Idle timeout or "done": forget the resident entirely; the next one starts clean.
    RESET: { target: '.home', actions: 'forgetResident' },
  },
  states: {
    home: {
      on: {
        CALL: { target: 'call' },
        JOIN: { target: 'call', actions: assign({ joinByCode: true }) },
        CHECK_CASE: { target: 'checkCase' },
        START: [
          // Back at home mid-intake, "file a dispute" carries on with the same application.
          { guard: ({ context }) => context.submissionId !== null, target: 'wizard' },
          { target: 'wizard', actions: assign(({ event }) => ({ submissionId: event.submissionId })) },
        ],
        RESUME: {
          guard: ({ context }) => context.submissionId === null,
          target: 'wizard',
          actions: [
            assign(({ event }) => ({
              submissionId: event.draft.submissionId,
              language: event.draft.language,
              elderly: event.draft.elderly,
              application: event.draft.application,
              reviewing: event.draft.reviewing,
            })),
            raise(({ event }) => ({ type: 'GO' as const, to: resumeStep(event.draft.step, event.draft.application, event.draft.reviewing) })),
          ],
        },
      },
    },
    wizard: {
      initial: 'preferences',
      on: {
        GO: steps.map((step) => ({ guard: { type: 'mayGo' as const, params: { step } }, target: `.${step}` })),
        ANSWER: { actions: 'answer' },
        FOCUSED: { actions: assign({ focusPath: null }) },
        // "Talk to a person now" from any screen: the draft stays, and the call brings the resident back to it.
        // A bare CALL (a stray event from home's button) cannot take over mid-intake: only one naming its step.
        CALL: { guard: ({ event }) => event.from !== undefined, target: '#intake.call', actions: assign({ returnStep: ({ event }) => event.from ?? null }) },
      },
      states: {
        // The short or the full form is the resident's own answer, never chosen for them: in elderly
        // mode on a 1280×800 display the short one, preselected, lay below the fold and "next" took it
        // unseen (s17 walk, item 5). "Next" without an answer shows the question and what to do.
        preferences: question('preferences'),
        privacy: { ...question('privacy'), on: { ...question('privacy').on, CONSENT: { actions: ['consent', raise({ type: 'NEXT' })] } } },
        onlineConsent: { ...question('onlineConsent'), on: { ...question('onlineConsent').on, CONSENT: { actions: ['consent', raise({ type: 'NEXT' })] } } },
        applicantKind: question('applicantKind'),
        applicantIdentity: question('applicantIdentity'),
        applicantContact: question('applicantContact'),
        agent: question('agent'),
        respondents: question('respondents'),
        disputeType: question('disputeType'),
        shortWho: question('shortWho'),
        typeQuestions: question('typeQuestions'),
        claims: question('claims'),
        facts: question('facts'),
        evidence: question('evidence'),
        process: question('process'),
        review: {
          // From the review on, every edit returns to the review.
          entry: ['entered', assign({ reviewing: true })],
          on: {
            ...question('review').on,
            EDIT: {
              guard: 'editable',
              actions: [
                assign(({ event }) => ({ focusPath: event.type === 'EDIT' ? (event.path ?? null) : null })),
                raise(({ event }) => ({ type: 'GO' as const, to: (event as { step: Step }).step })),
              ],
            },
          },
        },
        signature: {
          entry: 'entered',
          on: {
            SIGNED: { actions: assign(({ context, event }) => ({ signature: { pngDataUrl: event.pngDataUrl, signedAt: context.now().toISOString() }, errors: {} })) },
            SIGNATURE_CLEARED: { actions: assign({ signature: null }) },
            SUBMIT: [{ guard: 'readyToSubmit', target: 'submitting' }, { actions: { type: 'showErrors', params: { step: 'signature' } } }],
            BACK: { target: 'review' },
          },
        },
        submitting: {
          entry: assign({ formError: null }),
          invoke: {
            src: 'submit',
            input: ({ context }) => ({
              submissionId: context.submissionId!,
              language: context.language,
              application: parseApplication(context.application, context.signature)!,
            }),
            onDone: [
              {
                guard: 'receiptMatches',
                target: '#intake.receipt',
                // The receipt is all the resident needs now: the answers leave memory here.
                actions: assign(({ context, event }) => ({ ...emptyContext(context.generation, context.now), language: context.language, elderly: context.elderly, receipt: event.output })),
              },
              { target: 'signature', actions: assign(({ context }) => ({ formError: 'submit.failed', errorRevision: context.errorRevision + 1 })) },
            ],
            onError: {
              target: 'signature',
              actions: assign(({ context, event }) => ({ formError: submitErrorKey(event.error), errorRevision: context.errorRevision + 1 })),
            },
          },
        },
      },
    },
    receipt: {
      on: {
        // The call carries the receipt's submission, so the mediator sees the intake just filed.
        CALL: { target: 'call' },
        DONE: { target: 'home', actions: 'forgetFiling' },
      },
    },
    // A video call with a mediator. Whatever it started from waits in the context: an intake in
    // progress (home) stays, a receipt has done its job once the call is over.
    call: {
      exit: assign({ joinByCode: false }),
      on: {
        DONE: [
          { guard: ({ context }) => context.receipt !== null, target: 'home', actions: 'forgetFiling' },
          // A call about a checked case: its ticket has done its job (an intake in progress at home stays).
          { guard: ({ context }) => context.caseTicket !== null, target: 'home', actions: assign({ caseTicket: null }) },
          {
            guard: ({ context }) => context.returnStep !== null,
            target: 'wizard',
            actions: [raise(({ context }) => ({ type: 'GO' as const, to: context.returnStep! })), assign({ returnStep: null })],
          },
          { target: 'home' },
        ],
      },
    },
    // "Check my case": its answers live in its own screen and never join an application.
    checkCase: {
      on: {
        DONE: { target: 'home' },
        CALL_ABOUT_CASE: { target: 'call', actions: assign({ caseTicket: ({ event }) => event.caseTicket }) },
      },
    },
  },
});

/** The screen each state shows: a top-level state's name, or the wizard's step ('submitting' included). */
export type Screen = 'home' | 'receipt' | 'call' | 'checkCase' | Step | 'submitting';
export function screenOf(value: SnapshotFrom<typeof wizardMachine>['value']): Screen {
  return typeof value === 'string' ? value : value.wizard;
}

/** A question screen: "next" checks the screen's answers, then moves on; "back" never checks. */
function question(step: Step) {
  return {
    entry: 'entered' as const,
    on: {
      NEXT: [{ guard: { type: 'stepIncomplete' as const, params: { step } }, actions: { type: 'showErrors' as const, params: { step } } }, { actions: { type: 'advance' as const, params: { step } } }],
      BACK: [{ guard: { type: 'isFirstStep' as const, params: { step } }, target: '#intake.home' }, { actions: { type: 'retreat' as const, params: { step } } }],
    },
  };
}

/** The submit actor rejects with an Error whose message is an i18n key (submit.* or errors.*). */
function submitErrorKey(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return /^(submit|errors)\.[A-Za-z.]+$/.test(message) ? message : 'submit.failed';
}
