import { useMachine } from '@xstate/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromPromise } from 'xstate';
import type { KioskApi } from '../shared/contract.js';
import type { Receipt } from '../shared/intake.js';
import { AttractGate } from './attract/AttractGate.js';
import { CallScreen } from './call/CallScreen.js';
import { CheckCaseScreen } from './caseStatus/CheckCaseScreen.js';
import { useStaleCallCleanup } from './call/useStaleCallCleanup.js';
import { IdleWarningDialog } from './shell/IdleWarningDialog.js';
import { StaffHelpDialog } from './shell/StaffHelpDialog.js';
import { SyncIndicator } from './shell/SyncIndicator.js';
import { TopBar } from './shell/TopBar.js';
import { PhotoShelf, PhotoShelfContext } from './wizard/evidence/photoShelf.js';
import { getAt } from './wizard/answerPaths.js';
import { fromDraft, toDraft } from './wizard/applicationDraft.js';
import { DraftAutosave } from './wizard/draftAutosave.js';
import type { KioskTiming } from './shell/kioskTiming.js';
import { isStep, type Step } from './wizard/stepNavigation.js';
import { submitApplication } from './wizard/submitApplication.js';
import { wizardMachine, type SubmitInput } from './wizard/wizardMachine.js';
import { useIdleWatch } from './shell/useIdleWatch.js';
import { useSyncStatus } from './shell/useSyncStatus.js';
import { translateErrorKey } from './i18n/index.js';
import { loadPinyinEngine } from './ime/pinyinEngine.js';
import { KeyboardContext, type ActiveField, type KeyboardControl } from './keyboard/keyboardContext.js';
import { OnScreenKeyboard } from './keyboard/OnScreenKeyboard.js';
import { HomeScreen } from './shell/HomeScreen.js';
import { ReceiptScreen } from './receipt/ReceiptScreen.js';
import { readAloud, stopReading } from './speech/readAloud.js';
import { WizardScreens } from './wizard/WizardScreens.js';
import { WizardViewContext, type WizardView } from './wizard/wizardView.js';

export interface AppProps {
  api: KioskApi;
  timing: KioskTiming;
  newSubmissionId?: () => string;
}

type Screen = 'home' | 'receipt' | Step | 'submitting';

export function App({ api, timing, newSubmissionId = () => crypto.randomUUID() }: AppProps) {
  const { t, i18n } = useTranslation();
  const autosave = useMemo(() => new DraftAutosave(api), [api]);
  const photos = useMemo(() => new PhotoShelf(api), [api]);
  const syncStatus = useSyncStatus(api);
  const labels = useRef({ claims: '', facts: '' });
  labels.current = { claims: t('legacy.claims'), facts: t('legacy.facts') };
  const machine = useMemo(
    () => wizardMachine.provide({ actors: { submit: fromPromise<Receipt, SubmitInput>(({ input }) => submitApplication(api, input, labels.current)) } }),
    [api],
  );
  const [snapshot, send] = useMachine(machine, { input: {} });
  const context = snapshot.context;
  const screen: Screen = typeof snapshot.value === 'string' ? (snapshot.value as 'home' | 'receipt') : (snapshot.value.wizard as Step | 'submitting');
  const [staffHelp, setStaffHelp] = useState(false);
  // Video call with a mediator (renderer/call): from home, or from the receipt with the intake just filed.
  const [call, setCall] = useState<{ submissionId?: string } | null>(null);
  // "Check my case" (renderer/caseStatus): from home; its answers never join an application.
  const [checkingCase, setCheckingCase] = useState(false);
  const endCall = useCallback(() => {
    setCall(null);
    send({ type: 'DONE' }); // back home; a receipt the call started from has done its job
  }, [send]);
  useStaleCallCleanup(api);
  // The keyboard belongs to the screen it was opened on: a new screen (or resident) starts without it.
  const [typing, setTyping] = useState<{ screen: string; generation: number; field: ActiveField } | null>(null);
  const active = typing && typing.screen === screen && typing.generation === context.generation ? typing.field : null;
  const here = useRef({ screen: screen as string, generation: context.generation });
  here.current = { screen, generation: context.generation };
  const setActive = useCallback((field: ActiveField | null) => setTyping(field ? { ...here.current, field } : null), []);

  // Language: i18n, <html lang> and the window title follow the resident's choice.
  useEffect(() => {
    void i18n.changeLanguage(context.language).then(() => {
      document.title = i18n.t('app.title');
    });
    document.documentElement.lang = context.language;
  }, [i18n, context.language]);

  // Crash or reload: a draft left by an earlier run resumes where the resident was.
  useEffect(() => {
    let live = true;
    void api.call('draft.load').then((r) => {
      const resumed = live && r.ok && r.value ? fromDraft(r.value) : null;
      if (resumed) send({ type: 'RESUME', draft: resumed });
    });
    return () => {
      live = false;
    };
  }, [api, send]);

  // Every answer is saved through the agent shortly after it changes.
  const step = isStep(screen) ? screen : null;
  useEffect(() => {
    if (!step || !context.submissionId) return;
    autosave.schedule(toDraft({ submissionId: context.submissionId, language: context.language, elderly: context.elderly, step, reviewing: context.reviewing, application: context.application }));
    // The pinyin dictionary is fetched while the resident reads the first screens.
    void loadPinyinEngine();
  }, [autosave, step, context.submissionId, context.language, context.elderly, context.reviewing, context.application]);

  // The receipt means the submission is durable on the kiosk: the draft has served its purpose.
  useEffect(() => {
    if (screen === 'receipt') {
      void autosave.discard();
      photos.clear();
    }
  }, [autosave, photos, screen]);

  // A new screen starts with nothing being read (elderly mode reads the new question itself).
  useEffect(() => {
    if (!context.elderly) stopReading();
  }, [screen, context.generation]);

  /** Idle timeout: every trace of the resident goes: draft and photos at the agent, memory, screen, speech. */
  const wipe = useCallback(() => {
    void autosave.discard();
    photos.clear();
    stopReading();
    setActive(null);
    setStaffHelp(false);
    setCheckingCase(false);
    send({ type: 'RESET' });
  }, [autosave, photos, send]);

  const holdsResidentData = context.submissionId !== null && screen !== 'receipt';
  const idle = useIdleWatch((holdsResidentData || checkingCase) && !call, timing.idleMs, timing.warnMs, wipe, context.generation);

  const answer = useCallback((path: string, value: unknown) => send({ type: 'ANSWER', path, value }), [send]);
  const view: WizardView = useMemo(() => ({ context, send, answer }), [context, send, answer]);
  const keyboard: KeyboardControl = useMemo(() => ({ active, open: setActive, close: () => setActive(null) }), [active, setActive]);

  // Keep the field being typed into in view above the keyboard.
  useEffect(() => {
    if (!active) return;
    const frame = requestAnimationFrame(() => document.querySelector(`[data-path="${CSS.escape(active.path)}"]`)?.scrollIntoView({ block: 'center' }));
    return () => cancelAnimationFrame(frame);
  }, [active?.path]);

  const activeValue = active ? getAt(context.application, active.path) : undefined;
  const activeError = active && context.errors[active.path] ? translateErrorKey(i18n, context.errors[active.path]!) : null;

  let content;
  const receipt = context.receipt;
  const shown = call ? 'call' : checkingCase ? 'checkCase' : screen;
  if (call) content = <CallScreen api={api} language={context.language} submissionId={call.submissionId} onExit={endCall} />;
  else if (checkingCase) content = <CheckCaseScreen api={api} language={context.language} elderly={context.elderly} onHome={() => setCheckingCase(false)} />;
  else if (screen === 'home')
    content = (
      // Legal-education loop after the idle delay: only on home, with no resident's data (renderer/attract).
      <AttractGate api={api} enabled={!holdsResidentData && !staffHelp}>
        <HomeScreen onFileDispute={() => send({ type: 'START', submissionId: newSubmissionId() })} onCallMediator={() => setCall({})} onCheckCase={() => setCheckingCase(true)} />
      </AttractGate>
    );
  else if (screen === 'receipt') content = receipt ? <ReceiptScreen api={api} receipt={receipt} language={context.language} autoReturnMs={timing.receiptMs} onDone={() => send({ type: 'DONE' })} onCallMediator={() => setCall({ submissionId: receipt.submissionId })} /> : null;
  else content = <WizardScreens step={screen} />;

  return (
    <WizardViewContext.Provider value={view}>
      <KeyboardContext.Provider value={keyboard}>
        <PhotoShelfContext.Provider value={photos}>
          <div className={`kiosk kiosk-${shown}${context.elderly ? ' elderly' : ''}${active ? ' has-keyboard' : ''}`} data-screen={shown} data-elderly={context.elderly}>
            <TopBar
              showTitle={shown !== 'home'}
              language={context.language}
              elderly={context.elderly}
              onLanguage={(language) => send({ type: 'LANGUAGE', language })}
              onElderly={(on) => send({ type: 'ELDERLY', on })}
              onStaff={() => setStaffHelp(true)}
            />
            <main className="kiosk-main" key={context.generation}>
              {content}
            </main>
            {active && (
              <OnScreenKeyboard
                key={active.path}
                field={active}
                value={typeof activeValue === 'string' ? activeValue : ''}
                error={activeError}
                language={context.language}
                onChange={(v) => answer(active.path, v)}
                onDone={() => {
                  setActive(null);
                  (document.activeElement as HTMLElement | null)?.blur();
                }}
                onSpeak={() => readAloud([active.label, ...(activeError ? [activeError] : [])], context.language, context.elderly)}
              />
            )}
            <footer className="statusbar">
              <SyncIndicator status={syncStatus} />
            </footer>
            {staffHelp && <StaffHelpDialog onClose={() => setStaffHelp(false)} />}
            {idle.remainingMs !== null && <IdleWarningDialog remainingMs={idle.remainingMs} onContinue={idle.continue} />}
          </div>
        </PhotoShelfContext.Provider>
      </KeyboardContext.Provider>
    </WizardViewContext.Provider>
  );
}
