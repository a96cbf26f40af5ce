import { useMachine } from '@xstate/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { fromPromise } from 'xstate';
import type { KioskApi } from '../shared/contract.js';
import type { Receipt } from '../shared/intake.js';
import { alwaysLinked, type HostLink } from './api/hostLink.js';
import { AttractGate } from './attract/AttractGate.js';
import { useStaleCallCleanup } from './call/useStaleCallCleanup.js';
import { useCounterOffered } from './counter/useCounterOffered.js';
import { KeyboardContext } from './keyboard/keyboardContext.js';
import { useCourtWords } from './keyboard/useCourtWords.js';
import { useDockedKeyboard } from './keyboard/useDockedKeyboard.js';
import { HomeScreen } from './shell/HomeScreen.js';
import { IdleWarningDialog } from './shell/IdleWarningDialog.js';
import { AdminEntry } from './admin/AdminEntry.js';
import { KioskFrame } from './shell/KioskFrame.js';
import { residentWaits, type KioskTiming } from './shell/kioskTiming.js';
import { StaffHelpDialog } from './shell/StaffHelpDialog.js';
import { useResidentChoices } from './shell/useResidentChoices.js';
import { useHostLink } from './shell/useHostLink.js';
import { useIdleWatch } from './shell/useIdleWatch.js';
import { stopReading } from './speech/readAloud.js';
import { DraftAutosave } from './wizard/draftAutosave.js';
import { PhotoShelf, PhotoShelfContext } from './wizard/evidence/photoShelf.js';
import { idleMsWith, offeredLanguage, screenState } from './terminal/terminalPresence.js';
import { usePresenceReport, useTerminalSettings } from './terminal/useTerminal.js';
import { submitApplication } from './wizard/submitApplication.js';
import { useDraftKeeping } from './wizard/useDraftKeeping.js';
import { isStep, type Step } from './wizard/stepNavigation.js';
import { screenOf, wizardMachine, type SubmitInput } from './wizard/wizardMachine.js';
import { WizardViewContext, type WizardView } from './wizard/wizardView.js';

// What the home screen does not show loads in its own chunk (cold start, issue 16), fetched
// once home has painted so that the first tap never waits for it.
const screenChunks = {
  wizard: () => import('./wizard/WizardScreens.js'),
  keyboard: () => import('./wizard/WizardKeyboard.js'),
  receipt: () => import('./receipt/ReceiptScreen.js'),
  call: () => import('./call/CallScreen.js'),
  checkCase: () => import('./caseStatus/CheckCaseScreen.js'),
  counter: () => import('./counter/CounterScreen.js'),
  pendingRecord: () => import('./call/PendingRecord.js'),
};
const WizardScreens = lazy(() => screenChunks.wizard().then((m) => ({ default: m.WizardScreens })));
const WizardKeyboard = lazy(() => screenChunks.keyboard().then((m) => ({ default: m.WizardKeyboard })));
const ReceiptScreen = lazy(() => screenChunks.receipt().then((m) => ({ default: m.ReceiptScreen })));
const CallScreen = lazy(() => screenChunks.call().then((m) => ({ default: m.CallScreen })));
const CheckCaseScreen = lazy(() => screenChunks.checkCase().then((m) => ({ default: m.CheckCaseScreen })));
const CounterScreen = lazy(() => screenChunks.counter().then((m) => ({ default: m.CounterScreen })));
const PendingRecord = lazy(() => screenChunks.pendingRecord().then((m) => ({ default: m.PendingRecord })));

/** After the first paint, when the page is idle: every other screen's chunk, so none waits on a tap. */
function usePrefetchedScreens(): void {
  useEffect(() => {
    const fetchAll = () => Object.values(screenChunks).forEach((load) => void load().catch(() => undefined));
    const id = requestIdleCallback(fetchAll, { timeout: 2_000 });
    return () => cancelIdleCallback(id);
  }, []);
}

/** Home as a positioned box in the main area (like the call's frame), set through the DOM so it needs no stylesheet of its own. */
const homeFrame = { position: 'relative', flex: '1 1 auto', minHeight: 0, display: 'flex', flexDirection: 'column' } as const;

// Wiring only: the visit machine decides the screen (renderer/wizard/wizardMachine.ts); this
// file connects it to the agent, the frame, the idle watch and the dialogs over the screen.

interface AppProps {
  api: KioskApi;
  timing: KioskTiming;
  /** The page's link to its host (the browser host's socket); Electron's IPC is always there. */
  link?: HostLink;
  newSubmissionId?: () => string;
}

export function App({ api, timing, link = alwaysLinked, newSubmissionId = () => crypto.randomUUID() }: AppProps) {
  const autosave = useMemo(() => new DraftAutosave(api), [api]);
  const photos = useMemo(() => new PhotoShelf(api), [api]);
  const machine = useMemo(() => wizardMachine.provide({ actors: { submit: fromPromise<Receipt, SubmitInput>(({ input }) => submitApplication(api, input)) } }), [api]);
  const [snapshot, send] = useMachine(machine, { input: {} });
  const context = snapshot.context;
  const screen = screenOf(snapshot.value);
  // Why staff were called: the resident asked, or a name character the keyboard cannot offer.
  const [staffHelp, setStaffHelp] = useState<false | 'asked' | 'rareCharacter'>(false);
  // A remote service counter (renderer/counter/) offers staff mode from home; the counter runs its own screens.
  const counterOffered = useCounterOffered(api);
  const [counter, setCounter] = useState(false);
  // A hearing's record waiting for this terminal's party (renderer/call/PendingRecord.tsx) is offered at home only.
  const [recordWaiting, setRecordWaiting] = useState(false);
  // Past its prompt (identity being typed, or the record on screen): the idle wipe runs, as for a filing.
  const [recordHolding, setRecordHolding] = useState(false);
  /** The call screen holds what a walk-away must not leave (a join-by-code identity, the camera question before a call): watched then. */
  const [callHolding, setCallHolding] = useState(false);
  const keyboard = useDockedKeyboard(screen, context.generation);
  const closeKeyboard = keyboard.close;
  const residentPicks = keyboard.picks;
  useStaleCallCleanup(api);
  usePrefetchedScreens();
  useResidentChoices(context.language, context.elderly);
  const host = useHostLink(link);
  useDraftKeeping(api, autosave, photos, screen, context, send, host === 'connected');
  useCourtWords(api, isStep(screen) && host === 'connected');

  // Court staff's pushed settings: idle timeout, languages offered, calls on or off (shared/terminals/heartbeat.ts).
  const settings = useTerminalSettings(api);
  const [idleLoop, setIdleLoop] = useState(false);
  usePresenceReport(api, screenState(screen, idleLoop));
  // The resident's language and elderly mode last their visit (past the receipt's 完成, so they can
  // check their case in them); the idle loop ends the visit. The loop itself keeps them (whoever
  // stands there may be the same resident), and the touch that wakes it starts the next visit afresh.
  const wasIdle = useRef(false);
  useEffect(() => {
    if (wasIdle.current && !idleLoop) send({ type: 'NEW_VISIT' });
    wasIdle.current = idleLoop;
  }, [idleLoop, send]);
  const language = offeredLanguage(context.language, settings);
  useEffect(() => {
    if (language !== context.language) send({ type: 'LANGUAGE', language });
  }, [language, context.language, send]);
  const callMediator = settings?.callEnabled === false ? undefined : () => send({ type: 'CALL' });

  // A new screen starts with nothing being read (elderly mode reads the new question itself).
  useEffect(() => {
    if (!context.elderly) stopReading();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on a new screen only; toggling elderly mode must not cut off what it starts reading
  }, [screen, context.generation]);

  /** Idle timeout: every trace of the resident goes: draft and photos at the agent, memory, screen, speech. */
  const wipe = useCallback(() => {
    void autosave.discard();
    photos.clear();
    stopReading();
    closeKeyboard();
    residentPicks.clear(); // the words picked while typing (the next visit starts with none either way)
    setStaffHelp(false);
    send({ type: 'RESET' });
  }, [autosave, photos, closeKeyboard, residentPicks, send]);
  // At the receipt the answers leave memory; the words picked while typing them go with them.
  useEffect(() => {
    if (screen === 'receipt') residentPicks.clear();
  }, [screen, residentPicks]);

  const holdsResidentData = context.submissionId !== null && screen !== 'receipt';
  const waits = residentWaits(idleMsWith(settings, timing.idleMs, timing.idleFromUrl ?? false), timing.warnMs, context.elderly);
  const idle = useIdleWatch(
    ((holdsResidentData || screen === 'checkCase') && screen !== 'call') || recordHolding || (screen === 'call' && callHolding),
    waits.idleMs,
    waits.warnMs,
    wipe,
    context.generation,
  );

  const answer = useCallback((path: string, value: unknown) => send({ type: 'ANSWER', path, value }), [send]);
  const canCall = callMediator !== undefined;
  // Joining another call by its code is a call too: offered where calls are, and not mid-intake.
  const canCallFromHome = canCall && !holdsResidentData;
  const talkToPerson = useCallback((from: Step) => (canCall ? send({ type: 'CALL', from }) : setStaffHelp('asked')), [canCall, send]);
  const view: WizardView = useMemo(() => ({ context, send, answer, talkToPerson }), [context, send, answer, talkToPerson]);
  const done = useCallback(() => send({ type: 'DONE' }), [send]);

  let content: ReactNode;
  switch (screen) {
    case 'home':
      content = (
        // Legal-education loop after the idle delay: only on home, with no resident's data (renderer/attract).
        <AttractGate api={api} enabled={!holdsResidentData && !staffHelp && !recordWaiting} onIdle={setIdleLoop}>
          <HomeScreen
            onFileDispute={() => send({ type: 'START', submissionId: newSubmissionId() })}
            onCallMediator={callMediator}
            onJoinMeeting={canCallFromHome ? () => send({ type: 'JOIN' }) : undefined}
            onCheckCase={() => send({ type: 'CHECK_CASE' })}
            onCounter={counterOffered ? () => setCounter(true) : undefined}
          />
        </AttractGate>
      );
      if (counter) content = <CounterScreen api={api} language={context.language} onExit={() => setCounter(false)} />;
      else
        content = (
          // The frame the record covers: home below the top bar, so language and elderly mode stay reachable.
          <div style={homeFrame}>
            {content}
            {/* Its own boundary: home must not wait for the record's chunk (cold start). Keyed by the
                visit: the idle wipe (RESET) drops what was typed or shown, back to the bare prompt. */}
            <Suspense fallback={null}>
              <PendingRecord
                key={context.generation}
                api={api}
                enabled={!holdsResidentData && !staffHelp}
                language={context.language}
                elderly={context.elderly}
                onShown={setRecordWaiting}
                onHolding={setRecordHolding}
              />
            </Suspense>
          </div>
        );
      break;
    case 'receipt':
      content = context.receipt && (
        <ReceiptScreen api={api} receipt={context.receipt} language={context.language} autoReturnMs={timing.receiptMs} elderly={context.elderly} onDone={done} onCallMediator={callMediator} />
      );
      break;
    case 'call':
      // The mediator sees the intake just filed (from the receipt), or the one in progress once it is filed.
      content = (
        <CallScreen
          api={api}
          language={context.language}
          elderly={context.elderly}
          submissionId={context.joinByCode || context.caseTicket ? undefined : (context.receipt?.submissionId ?? context.submissionId ?? undefined)}
          caseTicket={context.joinByCode ? undefined : (context.caseTicket ?? undefined)}
          joinByCode={context.joinByCode}
          onExit={done}
          onHolding={setCallHolding}
          endedReturnMs={timing.endedMs}
        />
      );
      break;
    case 'checkCase':
      content = (
        <CheckCaseScreen
          api={api}
          language={context.language}
          elderly={context.elderly}
          onHome={done}
          onCallAboutCase={callMediator ? (caseTicket) => send({ type: 'CALL_ABOUT_CASE', caseTicket }) : undefined}
        />
      );
      break;
    default:
      content = <WizardScreens step={screen} />;
  }

  return (
    <WizardViewContext.Provider value={view}>
      <KeyboardContext.Provider value={keyboard}>
        <PhotoShelfContext.Provider value={photos}>
          <KioskFrame
            api={api}
            host={host}
            screen={screen}
            generation={context.generation}
            language={context.language}
            elderly={context.elderly}
            onLanguage={(language) => send({ type: 'LANGUAGE', language })}
            onElderly={(on) => send({ type: 'ELDERLY', on })}
            onStaff={() => setStaffHelp('asked')}
            languages={settings?.languages}
            keyboard={
              <Suspense fallback={null}>
                <WizardKeyboard onAskStaff={() => setStaffHelp('rareCharacter')} />
              </Suspense>
            }
            typing={keyboard.active !== null}
            dialogs={
              <>
                {staffHelp && <StaffHelpDialog api={api} screen={screenState(screen, idleLoop)} rareCharacter={staffHelp === 'rareCharacter'} onClose={() => setStaffHelp(false)} />}
                {idle.remainingMs !== null && <IdleWarningDialog remainingMs={idle.remainingMs} onContinue={idle.continue} />}
                <AdminEntry api={api} />
              </>
            }
          >
            <Suspense fallback={null}>{content}</Suspense>
          </KioskFrame>
        </PhotoShelfContext.Provider>
      </KeyboardContext.Provider>
    </WizardViewContext.Provider>
  );
}
