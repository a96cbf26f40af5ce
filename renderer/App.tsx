import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KioskApi } from '../shared/contract.js';
import { IdleWarningDialog } from './components/IdleWarningDialog.js';
import { LanguageSwitch } from './components/LanguageSwitch.js';
import { StaffHelpDialog } from './components/StaffHelpDialog.js';
import { SyncIndicator } from './components/SyncIndicator.js';
import { DraftAutosave } from './flow/draftAutosave.js';
import { draftOf, flowReducer, holdsResidentData, initialFlowState } from './flow/intakeFlow.js';
import type { KioskTiming } from './flow/kioskTiming.js';
import { checkForm, submitIntake } from './flow/submitIntake.js';
import { useIdleWatch } from './hooks/useIdleWatch.js';
import { useSyncStatus } from './hooks/useSyncStatus.js';
import { FormScreen } from './screens/FormScreen.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { ReceiptScreen } from './screens/ReceiptScreen.js';

export interface AppProps {
  api: KioskApi;
  timing: KioskTiming;
  newSubmissionId?: () => string;
}

export function App({ api, timing, newSubmissionId = () => crypto.randomUUID() }: AppProps) {
  const [state, dispatch] = useReducer(flowReducer, undefined, () => initialFlowState());
  const { t, i18n } = useTranslation();
  const autosave = useMemo(() => new DraftAutosave(api), [api]);
  const syncStatus = useSyncStatus(api);
  const submittingRef = useRef(false);

  // Language: i18n, <html lang> and the window title follow the flow's language.
  useEffect(() => {
    void i18n.changeLanguage(state.language).then(() => {
      document.title = i18n.t('app.title');
    });
    document.documentElement.lang = state.language;
  }, [i18n, state.language]);

  // Crash recovery: a draft left by an earlier run resumes the form, same submission and language.
  useEffect(() => {
    let live = true;
    void api.call('draft.load').then((r) => {
      if (live && r.ok && r.value) dispatch({ type: 'draftFound', draft: r.value });
    });
    return () => {
      live = false;
    };
  }, [api]);

  // Every change to an intake in progress is saved shortly after the resident stops typing.
  const draft = useMemo(() => draftOf(state), [state.submissionId, state.language, state.form, state.screen, state.receipt]);
  useEffect(() => {
    if (draft && !state.submitting) autosave.schedule(draft);
  }, [autosave, draft, state.submitting]);

  // Once the receipt is up the submission is durable on the kiosk: the draft has served its purpose.
  useEffect(() => {
    if (state.screen === 'receipt') void autosave.discard();
  }, [autosave, state.screen]);

  const wipe = useCallback(() => {
    void autosave.discard();
    submittingRef.current = false;
    dispatch({ type: 'reset' });
  }, [autosave]);

  const backHome = useCallback(() => {
    submittingRef.current = false;
    dispatch({ type: 'reset' });
  }, []);

  const idle = useIdleWatch(holdsResidentData(state), timing.idleMs, timing.warnMs, wipe, state.generation);

  const submit = useCallback(async () => {
    if (submittingRef.current || state.screen !== 'form' || !state.submissionId) return;
    const checked = checkForm(state.form);
    if (!checked.ok) {
      dispatch({ type: 'validationFailed', fieldErrors: checked.fieldErrors });
      return;
    }
    submittingRef.current = true;
    dispatch({ type: 'submitStarted' });
    // The last keystrokes reach the draft too, in case the submit itself does not get through.
    void autosave.flush();
    const outcome = await submitIntake(api, state.submissionId, state.language, checked.form);
    submittingRef.current = false;
    dispatch(outcome);
  }, [api, autosave, state.screen, state.submissionId, state.form, state.language]);

  let screen;
  switch (state.screen) {
    case 'home':
      screen = <HomeScreen onFileDispute={() => dispatch({ type: 'intakeStarted', submissionId: newSubmissionId() })} />;
      break;
    case 'form':
      screen = (
        <FormScreen
          form={state.form}
          fieldErrors={state.fieldErrors}
          formError={state.formError}
          errorRevision={state.errorRevision}
          submitting={state.submitting}
          onFieldChange={(field, value) => dispatch({ type: 'fieldChanged', field, value })}
          onDisputeType={(disputeType) => dispatch({ type: 'disputeTypeChosen', disputeType })}
          onSubmit={() => void submit()}
          onBack={() => dispatch({ type: 'backToHome' })}
        />
      );
      break;
    case 'receipt':
      screen = state.receipt ? <ReceiptScreen receipt={state.receipt} autoReturnMs={timing.receiptMs} onDone={backHome} /> : null;
      break;
  }

  return (
    <div className={`kiosk kiosk-${state.screen}`} data-screen={state.screen}>
      <header className="topbar">
        <div className="topbar-brand">
          {state.screen !== 'home' && (
            <>
              <span className="topbar-title">{t('app.title')}</span>
              <span className="topbar-subtitle">{t('app.subtitle')}</span>
            </>
          )}
        </div>
        <div className="topbar-actions">
          <LanguageSwitch language={state.language} onChoose={(language) => dispatch({ type: 'languageChosen', language })} />
          <button type="button" className="button button-secondary button-staff" data-testid="ask-staff" onClick={() => dispatch({ type: 'staffHelpOpened' })}>
            {t('staff.ask')}
          </button>
        </div>
      </header>
      <main className="kiosk-main" key={state.generation}>
        {screen}
      </main>
      <footer className="statusbar">
        <SyncIndicator status={syncStatus} />
      </footer>
      {state.staffHelpOpen && <StaffHelpDialog onClose={() => dispatch({ type: 'staffHelpClosed' })} />}
      {idle.remainingMs !== null && <IdleWarningDialog remainingMs={idle.remainingMs} onContinue={idle.continue} />}
    </div>
  );
}
