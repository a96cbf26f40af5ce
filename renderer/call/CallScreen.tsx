import './call.css';
import type { KioskApi } from '../../shared/contract.js';
import type { Language } from '../../shared/intake.js';
import { CallEnded, CallLive } from './CallLiveViews.js';
import { CallConsent, CallPreflight, CallWaiting } from './CallSetupViews.js';
import { useKioskCall } from './useKioskCall.js';

// The resident's video call with an on-duty mediator, from consent to the calm ending. The
// camera and microphone start only after consent; leaving at any point stops them and, if a
// call is open, cancels or hangs it up. `submissionId` (just filed) lets the mediator see it.

interface CallScreenProps {
  api: KioskApi;
  language: Language;
  submissionId?: string | undefined;
  /** Back to home: the call is over or was never started. */
  onExit: () => void;
  endedReturnMs?: number;
}

export function CallScreen({ api, language, submissionId, onExit, endedReturnMs = 10_000 }: CallScreenProps) {
  const c = useKioskCall(api, { language, submissionId });
  const { flow } = c;
  switch (flow.phase) {
    case 'consent':
      return <CallConsent onAccept={c.consent} onBack={onExit} />;
    case 'preflight':
      return <CallPreflight local={c.local} onCall={c.call} onBack={onExit} />;
    case 'requesting':
    case 'queued':
    case 'joining':
      return <CallWaiting flow={flow} local={c.local} onCancel={c.leave} />;
    case 'live':
      return <CallLive local={c.local} room={c.room} mediatorName={flow.mediatorName} onHangup={c.leave} onMuted={c.setMuted} onCameraOff={c.setCameraOff} onTileSize={c.reportTile} />;
    case 'ended':
      return <CallEnded ended={flow.ended ?? 'connectionLost'} autoReturnMs={endedReturnMs} onDone={onExit} />;
  }
}
