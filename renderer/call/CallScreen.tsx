import { useEffect, type ReactNode } from 'react';
import './call.css';
import type { KioskApi } from '../../shared/contract.js';
import type { Language } from '../../shared/intake.js';
import { CallEnded, CallLive } from './CallLiveViews.js';
import { CallRoomNotices } from './CallRoomNotices.js';
import { HearingBanner } from './HearingBanner.js';
import { RecordSigningScreen } from './RecordSigningScreen.js';
import { CallConsent, CallPreflight, CallWaiting } from './CallSetupViews.js';
import { JoinCodeView } from './JoinCodeView.js';
import { useKioskCall } from './useKioskCall.js';

// The resident's video call with an on-duty mediator, from consent to the calm ending. The
// camera and microphone start only after consent; leaving at any point stops them and, if a
// call is open, cancels or hangs it up. `submissionId` (just filed) lets the mediator see it.
// `joinByCode`: a party joins another call's room by the mediator's meeting code instead.

interface CallScreenProps {
  api: KioskApi;
  language: Language;
  /** Elderly mode: the join-by-code keyboard reads its field aloud more slowly. */
  elderly?: boolean | undefined;
  submissionId?: string | undefined;
  joinByCode?: boolean | undefined;
  /** The hub's ticket for the case checked at check-my-case: the call is about that case. */
  caseTicket?: string | undefined;
  /** Back to home: the call is over or was never started. */
  onExit: () => void;
  /**
   * Something the kiosk's idle watch is to wipe when walked away from is on screen: a party's typed
   * name + ID ending (join by code), or the camera question and preview before a call is asked
   * for (from a step of a filing, its draft waits behind them).
   */
  onHolding?: ((holding: boolean) => void) | undefined;
  /** How long the ended call's card stays before returning home (kioskTiming's endedMs). */
  endedReturnMs: number;
}

export function CallScreen(props: CallScreenProps) {
  const live = useKioskCall(props.api, { language: props.language, submissionId: props.submissionId, caseTicket: props.caseTicket, joinByCode: props.joinByCode });
  const phase = live.flow.phase;
  return (
    // The frame the record's screen covers: the call below the top bar (language and elderly mode stay reachable).
    <div className="call-frame">
      <HearingBanner api={props.api} active={phase === 'live'} />
      <CallPhase {...props} c={live} />
      {/* The room's notices (a guiding judge, a shared case, recording) over whichever phase is in the room. */}
      <CallRoomNotices api={props.api} active={phase === 'joining' || phase === 'live'} />
      {/* At the end of an online hearing: the record to read and sign, over everything else. */}
      <RecordSigningScreen api={props.api} active={phase === 'joining' || phase === 'live'} />
    </div>
  );
}

function CallPhase({ onExit, onHolding, endedReturnMs, language, elderly, c }: CallScreenProps & { c: ReturnType<typeof useKioskCall> }) {
  const { flow } = c;
  switch (flow.phase) {
    case 'code':
      return <JoinCodeView language={language} elderly={elderly === true} refused={flow.codeRefused} keptCode={flow.code} onJoin={c.enterCode} onBack={onExit} onHolding={onHolding} />;
    case 'consent':
      return (
        <Holding onHolding={onHolding}>
          <CallConsent onAccept={c.consent} onBack={onExit} />
        </Holding>
      );
    case 'preflight':
      return (
        <Holding onHolding={onHolding}>
          <CallPreflight local={c.local} joining={flow.code !== null} onCall={c.call} onBack={onExit} />
        </Holding>
      );
    case 'requesting':
    case 'queued':
    case 'joining':
      return <CallWaiting flow={flow} local={c.local} admission={c.room?.waiting === 'admission'} onCancel={c.leave} />;
    case 'live':
      return <CallLive local={c.local} room={c.room} mediatorName={flow.mediatorName} onHangup={c.leave} onMuted={c.setMuted} onCameraOff={c.setCameraOff} onTileSize={c.reportTile} />;
    case 'ended':
      return <CallEnded ended={flow.ended ?? 'connectionLost'} autoReturnMs={endedReturnMs} onDone={onExit} />;
  }
}

/**
 * A question nobody may be there to answer (walked away at "turn on the camera?"): the idle watch
 * warns, then wipes, as on a step of the filing. Once a call is asked for, waiting is the resident's
 * part and is not watched.
 */
function Holding({ onHolding, children }: { onHolding: ((holding: boolean) => void) | undefined; children: ReactNode }) {
  useEffect(() => {
    onHolding?.(true);
    return () => onHolding?.(false);
  }, [onHolding]);
  return children;
}
